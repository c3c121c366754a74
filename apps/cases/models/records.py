"""What a case keeps: evidence, the forwarding, the PPK's follow-up, the append-only event log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.cases.models.case import Case
from apps.cases.models.reference import ForwardingRecipient, Severity
from apps.core import clock


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.case_id}/{instance.sha256[:16]}-{filename}"


class Evidence(models.Model):
    """A piece of evidence (alat bukti): a private file or a link with when it was captured."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Foto")
        SCREENSHOT = "screenshot", _("Tangkapan layar")
        VIDEO = "video", _("Video")
        DOCUMENT = "document", _("Dokumen")
        LINK = "link", _("Tautan")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("keterangan"), max_length=255, blank=True)
    file = models.FileField(_("berkas"), upload_to=evidence_path, max_length=300, blank=True)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(_("tipe"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    captured_at = models.DateTimeField(_("diambil pada"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(_("diunggah"), default=clock.now, editable=False)
    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    withdrawal_reason = models.TextField(_("alasan penarikan"), blank=True)

    class Meta:
        verbose_name = _("alat bukti")
        verbose_name_plural = _("alat bukti")
        ordering = ["id"]

    def __str__(self) -> str:
        # Never the original file name: it can name the reporter (shown to Bawaslu elsewhere).
        return f"{self.get_kind_display()} #{self.pk}"


class Forwarding(models.Model):
    """The recommendation (penerusan/rekomendasi) of a proven case to the PPK or BKN."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="forwarding")
    recipients = models.ManyToManyField(ForwardingRecipient, verbose_name=_("penerima"))
    letter_number = models.CharField(_("nomor surat"), max_length=100)
    letter_date = models.DateField(_("tanggal surat"))
    recommended_sanction = models.CharField(
        _("rekomendasi kategori sanksi"), max_length=16, choices=Severity.choices
    )
    note = models.TextField(_("catatan"), blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    forwarded_at = models.DateTimeField(_("diteruskan"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("penerusan")
        verbose_name_plural = _("penerusan")

    def __str__(self) -> str:
        return self.letter_number


class CaseEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The case event log is append-only.")

    def delete(self):
        raise PermissionError("The case event log is append-only.")


class CaseEvent(models.Model):
    """One entry of a case's append-only timeline (riwayat): who did what, when, from and to."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), default=clock.now, editable=False)
    action = models.CharField(_("tindakan"), max_length=32)
    from_status = models.CharField(_("dari"), max_length=16, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=16, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat kasus")
        verbose_name_plural = _("riwayat kasus")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The case event log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The case event log is append-only.")
