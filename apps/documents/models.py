"""Official documents (dokumen resmi): the letters and forms of a case or a session, issued as
PDFs anyone can verify (``/verifikasi/<code>/``).

An issued document is append-only: re-issuing writes version 2 beside version 1, never over it.
Every write goes through ``apps.documents.services``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    RECEIPT = "receipt", _("Tanda terima laporan")
    STATUS_NOTICE = "status_notice", _("Pemberitahuan status laporan")
    STATUS_NOTICE_PUBLIC = "status_notice_public", _("Pengumuman status laporan")
    SUMMONS = "summons", _("Undangan klarifikasi")
    MINUTES = "minutes", _("Berita acara klarifikasi")
    REVIEW = "review", _("Kajian")
    FORWARDING_LETTER = "forwarding_letter", _("Surat penerusan rekomendasi")
    ATTENDANCE_LIST = "attendance_list", _("Daftar hadir sosialisasi")
    PLEDGE_FORMS = "pledge_forms", _("Formulir pakta integritas")


class IssuedDocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Issued documents are append-only.")

    def delete(self):
        raise PermissionError("Issued documents are append-only.")


def document_path(instance: "IssuedDocument", filename: str) -> str:
    subject = f"case-{instance.case_id}" if instance.case_id else f"session-{instance.session_id}"
    return f"documents/{subject}/{filename}"


class IssuedDocument(models.Model):
    """One version of one official document: the PDF as issued, its number and its hash.

    ``series`` tells documents of the same type on the same case apart (the person summoned, the
    clarification minuted); a new version of a series keeps its number.
    """

    document_type = models.CharField(_("jenis dokumen"), max_length=24, choices=DocumentType)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("kasus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    session = models.ForeignKey(
        "training.Session",
        verbose_name=_("sesi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    series = models.CharField(_("seri"), max_length=120, blank=True)
    version = models.PositiveSmallIntegerField(_("versi"))
    number = models.CharField(_("nomor"), max_length=120)
    office_code = models.CharField(_("kode kantor"), max_length=20)
    number_year = models.PositiveSmallIntegerField(_("tahun nomor"))
    number_sequence = models.PositiveIntegerField(_("urutan nomor"))
    title = models.CharField(_("judul"), max_length=255)
    office_name = models.CharField(_("kantor penerbit"), max_length=255)
    file = models.FileField(_("berkas"), upload_to=document_path, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    page_count = models.PositiveSmallIntegerField(_("jumlah halaman"))
    verification_code = models.CharField(_("kode verifikasi"), max_length=16, unique=True)
    inputs = models.JSONField(_("isian"), default=dict, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("diterbitkan"), auto_now_add=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, session__isnull=True)
                | Q(case__isnull=True, session__isnull=False),
                name="document_of_a_case_or_a_session",
            ),
            models.UniqueConstraint(
                fields=["case", "document_type", "series", "version"],
                condition=Q(case__isnull=False),
                name="document_case_version_unique",
            ),
            models.UniqueConstraint(
                fields=["session", "document_type", "series", "version"],
                condition=Q(session__isnull=False),
                name="document_session_version_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "document_type"], name="document_case_type_idx"),
            models.Index(fields=["session", "document_type"], name="document_session_type_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()} {self.number} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Issued documents are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Issued documents are append-only.")


class DocumentCounter(models.Model):
    """The last letter number given per office, document type and year; locked to number
    without gaps (see ``apps.core.numbering``)."""

    office_code = models.CharField(max_length=20)
    document_type = models.CharField(max_length=24, choices=DocumentType)
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office_code", "document_type", "year"], name="document_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_code}/{self.document_type}/{self.year}: {self.last_sequence}"


def logo_path(instance: "LetterheadLogo", filename: str) -> str:
    return f"letterhead/{instance.sha256[:16]}.png"


class Letterhead(models.TextChoices):
    BAWASLU = "bawaslu", _("Bawaslu (dokumen kasus)")
    KECAMATAN = "kecamatan", _("Kantor kecamatan (dokumen sesi)")


class LetterheadLogo(models.Model):
    """The logo on a letterhead (kop surat): the newest upload is used, older ones are kept
    because documents issued with them still exist."""

    letterhead = models.CharField(_("kop surat"), max_length=10, choices=Letterhead)
    image = models.ImageField(_("logo"), upload_to=logo_path, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width = models.PositiveIntegerField(_("lebar (piksel)"))
    height = models.PositiveIntegerField(_("tinggi (piksel)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("logo kop surat")
        verbose_name_plural = _("logo kop surat")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_letterhead_display()} {self.uploaded_at:%d-%m-%Y %H.%M} ({self.width}×{self.height})"
