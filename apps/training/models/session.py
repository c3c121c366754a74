"""A socialisation session, its speakers and the kiosk links that check its participants in."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Session(models.Model):
    """A socialisation session held by a camat office (sesi sosialisasi)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        HELD = "held", _("Terlaksana")
        CANCELLED = "cancelled", _("Dibatalkan")

    title = models.CharField(_("judul"), max_length=255)
    starts_at = models.DateTimeField(_("mulai"), db_index=True)
    ends_at = models.DateTimeField(_("selesai"))
    venue = models.CharField(_("tempat"), max_length=255)
    kecamatan = models.ForeignKey(
        "personnel.Region",
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "kecamatan"},
        related_name="training_sessions",
    )
    organiser = models.ForeignKey(
        "personnel.Agency",
        verbose_name=_("penyelenggara"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
    )
    capacity = models.PositiveIntegerField(
        _("kapasitas"), null=True, blank=True, help_text=_("Kosongkan bila tidak dibatasi.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    description = models.TextField(_("keterangan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("sesi sosialisasi")
        verbose_name_plural = _("sesi sosialisasi")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
                violation_error_message=_("Waktu selesai harus setelah waktu mulai."),
            )
        ]
        indexes = [models.Index(fields=["kecamatan", "starts_at"], name="training_kec_start_idx")]

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    """A speaker (narasumber) at a session, e.g. from BKPSDM or Bawaslu."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nama"), max_length=200)
    institution = models.CharField(_("instansi"), max_length=200)
    topic = models.CharField(_("materi"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})"


class KioskToken(models.Model):
    """A link that turns a tablet or phone into one session's check-in kiosk, and nothing else.

    Only the SHA-256 of the secret is kept; the secret is shown once, in the link. A kiosk acts
    for the clerk who opened it, until it expires or is closed.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="kiosk_tokens")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(_("nama pintu"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuka oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuka"), auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    revoked_at = models.DateTimeField(_("ditutup"), null=True, blank=True)

    class Meta:
        verbose_name = _("tautan kios")
        verbose_name_plural = _("tautan kios")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.label or self.pk} — {self.session_id}"
