"""The training records' append-only audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.training.models.pledge import IntegrityPledge
from apps.training.models.registration import Registration
from apps.training.models.session import KioskToken, Session


class TrainingEvent(models.Model):
    """Append-only audit of what changes or reveals training records beyond the rows' own
    who/how/when: an undone check-in, a voided attendance or pledge, a backdated session, a kiosk
    opened or closed, a NIP looked up. Nothing updates or deletes these rows."""

    class Action(models.TextChoices):
        CHECK_IN_UNDONE = "check_in_undone", _("Check-in dibatalkan di kios")
        ATTENDANCE_VOIDED = "attendance_voided", _("Kehadiran dibatalkan koordinator")
        PLEDGE_VOIDED = "pledge_voided", _("Pakta dibatalkan koordinator")
        SESSION_BACKDATED = "session_backdated", _("Sesi bertanggal mundur")
        KIOSK_OPENED = "kiosk_opened", _("Kios dibuka")
        KIOSK_CLOSED = "kiosk_closed", _("Kios ditutup")
        NIP_LOOKUP = "nip_lookup", _("NIP dicari")
        INVITATIONS_SENT = "invitations_sent", _("Undangan dikirim")

    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    action = models.CharField(_("tindakan"), max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kiosk = models.ForeignKey(
        KioskToken, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    pledge = models.ForeignKey(
        IntegrityPledge, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    reason = models.CharField(_("alasan"), max_length=500, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("jejak audit sosialisasi")
        verbose_name_plural = _("jejak audit sosialisasi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["actor", "action", "at"], name="training_event_actor_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
