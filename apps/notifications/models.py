"""Notifications (notifikasi): stored in-app for a user, with one delivery row per extra channel.

The deadline watch (``apps.notifications.watch``) claims each (case, deadline, level) in
:class:`DeadlineClaim` and each user's daily digest in :class:`DigestClaim` inside the same
transaction that writes the notifications: a unique constraint decides which of two overlapping
scans notifies, and a scan that dies half-way leaves no claim behind.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    DUE_SOON = "due_soon", _("Segera berakhir")
    OVERDUE = "overdue", _("Terlewat")
    DIGEST = "digest", _("Ringkasan harian")
    INFO = "info", _("Informasi")


class Notification(models.Model):
    """One message to one user: a deadline warning, the daily digest, a finished job."""

    class Kind(models.TextChoices):
        DEADLINE = "deadline", _("Batas waktu kasus")
        DIGEST = "digest", _("Ringkasan harian")
        JOB = "job", _("Pekerjaan latar belakang")
        HANDOFF = "handoff", _("Serah terima kasus")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("kasus"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    deadline = models.CharField(_("batas waktu"), max_length=16, blank=True)
    level = models.CharField(_("tingkat"), max_length=16, choices=Level.choices)
    due_at = models.DateTimeField(_("jatuh tempo"), null=True, blank=True)
    title = models.CharField(_("judul"), max_length=255)
    body = models.TextField(_("isi"))
    link = models.URLField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            models.Index(
                fields=["recipient"],
                name="notification_unread_idx",
                condition=models.Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    """A notification's copy on one channel (e-mail, ...). Claimed before sending, marked after.

    ``claimed_until`` is a lease: a worker that died while sending leaves it to expire, and the
    redelivery sweep sends again. ``sent_at`` and ``failed_at`` are final.
    """

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("kanal"), max_length=32)
    address = models.CharField(_("alamat"), max_length=255)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    failed_at = models.DateTimeField(_("gagal"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)

    class Meta:
        verbose_name = _("pengiriman notifikasi")
        verbose_name_plural = _("pengiriman notifikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_once_per_channel"
            )
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="delivery_pending_idx",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.address}"


class DeadlineClaim(models.Model):
    """The watch has notified this level of this case's deadline (due at ``due_at``).

    One row per (case, deadline, level). When the deadline moves (an extension, a new holiday),
    the row's ``due_at`` is moved by the one scan that wins a conditional update, and the new due
    time is notified once more.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    deadline = models.CharField(max_length=16)
    level = models.CharField(max_length=16, choices=Level.choices)
    due_at = models.DateTimeField()
    claimed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("klaim notifikasi batas waktu")
        verbose_name_plural = _("klaim notifikasi batas waktu")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "deadline", "level"], name="deadline_claim_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.deadline}/{self.level}"


class DigestClaim(models.Model):
    """The daily digest of ``day`` (WITA) has been written for ``recipient``."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    claimed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("klaim ringkasan harian")
        verbose_name_plural = _("klaim ringkasan harian")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="digest_claim_once")
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}/{self.day}"
