from auditlog.models import LogEntry
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class Office(models.TextChoices):
    BAWASLU = "bawaslu", _("Bawaslu Kabupaten Kutai Kartanegara")
    BKPSDM = "bkpsdm", _("BKPSDM Kabupaten Kutai Kartanegara")
    CAMAT = "camat", _("Kantor Kecamatan")
    ADMIN = "admin", _("Administrator sistem")


class Profile(models.Model):
    """A user's office and, for a camat clerk, the one kecamatan they serve (profil pengguna)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    office = models.CharField(_("kantor"), max_length=16, choices=Office.choices)
    kecamatan = models.ForeignKey(
        "personnel.Region",
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "kecamatan"},
        related_name="+",
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("profil pengguna")
        verbose_name_plural = _("profil pengguna")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(office="camat") | models.Q(kecamatan__isnull=False),
                name="camat_profile_has_kecamatan",
                violation_error_message=_("Petugas kecamatan wajib memiliki kecamatan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_office_display()})"


def export_path(instance: "ExportJob", filename: str) -> str:
    return f"exports/{instance.requested_by_id}/{instance.pk}-{filename}"


class ExportJob(models.Model):
    """A large export (ekspor) written by a worker into private storage for the user who asked.

    Only the requester may see its progress or download the file (apps.core.export_jobs).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    source = models.CharField(_("sumber"), max_length=200)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    name = models.CharField(_("nama"), max_length=100)
    export_format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)
    rows_written = models.PositiveIntegerField(_("baris ditulis"), default=0)
    file = models.FileField(_("berkas"), upload_to=export_path, max_length=300, blank=True)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    started_at = models.DateTimeField(_("dimulai"), null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("ekspor")
        verbose_name_plural = _("ekspor")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name}.{self.export_format} ({self.get_status_display()})"

    @property
    def filename(self) -> str:
        return f"{self.name}-{timezone.localtime(self.created_at):%Y%m%d}.{self.export_format}"


class ApiToken(AbstractAuthToken):
    """An API key (token API) of one user for one integration, named so it can be told apart.

    django-rest-knox keeps only the SHA-512 digest of the key (the key is shown once, when it is
    made) and its expiry. ``password_fingerprint`` ties the token to the password its user had
    when it was made: after a password change (by the user, an administrator or a reset) the
    fingerprints differ and the token is refused and deleted (apps.core.api.authentication).
    """

    name = models.CharField(_("nama"), max_length=100)
    password_fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"


class ReferenceChange(LogEntry):
    """A change of reference data (elections, violation forms, sanctions, recipients, holidays,
    agencies) as django-auditlog recorded it: who, when, and each field's old and new value."""

    class Meta:
        proxy = True
        verbose_name = _("perubahan data referensi")
        verbose_name_plural = _("perubahan data referensi")
