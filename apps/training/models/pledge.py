"""An ASN's signed integrity pledge, with its scanned document."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.training.models.session import Session


def pledge_document_path(instance: "IntegrityPledge", filename: str) -> str:
    return f"pledges/{instance.civil_servant_id}/{filename}"


class IntegrityPledge(models.Model):
    """An ASN's signed integrity pledge on neutrality (pakta integritas netralitas ASN)."""

    civil_servant = models.ForeignKey(
        "personnel.CivilServant",
        verbose_name=_("ASN"),
        on_delete=models.PROTECT,
        related_name="integrity_pledges",
    )
    signed_on = models.DateField(_("tanggal tanda tangan"))
    session = models.ForeignKey(
        Session,
        verbose_name=_("ditandatangani pada sesi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledges",
    )
    kecamatan = models.ForeignKey(
        "personnel.Region",
        verbose_name=_("kecamatan pencatat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "kecamatan"},
        related_name="+",
    )
    document = models.FileField(
        _("pindaian dokumen"), upload_to=pledge_document_path, max_length=300, blank=True
    )
    document_sha256 = models.CharField(_("SHA-256 dokumen"), max_length=64, blank=True)
    document_content_type = models.CharField(_("tipe dokumen"), max_length=100, blank=True)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    voided_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibatalkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    void_reason = models.CharField(_("alasan pembatalan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("pakta integritas")
        verbose_name_plural = _("pakta integritas")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["civil_servant", "session"],
                condition=Q(session__isnull=False, voided_at__isnull=True),
                name="training_pledge_once_per_session",
                violation_error_message=_("ASN ini sudah menandatangani pakta pada sesi ini."),
            ),
            models.UniqueConstraint(
                fields=["civil_servant", "signed_on"],
                condition=Q(session__isnull=True, voided_at__isnull=True),
                name="training_pledge_once_per_day",
                violation_error_message=_("Pakta ASN ini pada tanggal itu sudah dicatat."),
            ),
        ]
        indexes = [
            models.Index(fields=["civil_servant", "signed_on"], name="training_pledge_cs_idx")
        ]

    def __str__(self) -> str:
        return f"{self.civil_servant_id} {self.signed_on:%d-%m-%Y}"
