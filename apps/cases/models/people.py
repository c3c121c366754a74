"""The people of a case: reporter (confidential), respondents, witnesses, clarifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.cases.models.case import Case
from apps.cases.models.reference import Severity


class Reporter(models.Model):
    """The reporter (pelapor) of a laporan. Confidential: Bawaslu roles only (DESIGN §5)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="reporter")
    name = models.CharField(_("nama"), max_length=200)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("pelapor")
        verbose_name_plural = _("pelapor")

    def __str__(self) -> str:
        return str(_("Pelapor kasus %(case)s") % {"case": self.case_id})


class ReporterAccess(models.Model):
    """One view of a reporter's identity: who, when, which case, from where (admin, API).

    Append-only, and written for every page of a case list a Bawaslu user reads (fifty rows at
    a time): the keys are not checked by the database, whose per-row checks lock each case and
    cost more than the insert itself. Django still cascades and protects on delete.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="reporter_accesses", db_constraint=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    accessed_at = models.DateTimeField(auto_now_add=True)
    channel = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("akses identitas pelapor")
        verbose_name_plural = _("akses identitas pelapor")
        ordering = ["-accessed_at"]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.case_id} ({self.accessed_at:%Y-%m-%d %H:%M})"


class Employment(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")
    NON_ASN = "non_asn", _("Bukan ASN (honorer, kepala desa, ...)")


class Respondent(models.Model):
    """A reported person (terlapor): linked to the registry when known, with a snapshot at the time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="respondents")
    civil_servant = models.ForeignKey(
        "personnel.CivilServant",
        verbose_name=_("ASN"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="respondent_records",
    )
    name = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, db_index=True)
    nik = models.CharField(
        _("NIK"), max_length=16, blank=True, help_text=_("Bila diketahui, mis. dari fotokopi KTP.")
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    golongan = models.CharField(_("golongan"), max_length=5, blank=True)
    agency = models.ForeignKey(
        "personnel.Agency",
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agency_name = models.CharField(
        _("unit kerja (sebagaimana dilaporkan)"), max_length=200, blank=True
    )
    employment = models.CharField(
        _("kepegawaian"), max_length=8, choices=Employment.choices, blank=True
    )
    recommended_severity = models.CharField(
        _("rekomendasi kategori sanksi Bawaslu"),
        max_length=16,
        choices=Severity.choices,
        blank=True,
    )
    bkn_severity = models.CharField(
        _("rekomendasi kategori sanksi BKN"), max_length=16, choices=Severity.choices, blank=True
    )

    class Meta:
        verbose_name = _("terlapor")
        verbose_name_plural = _("terlapor")
        ordering = ["id"]
        indexes = [
            # The case reports (apps.cases.report_pairs): the distinct (case, agency) pairs are
            # read off this index in its order, without hashing or sorting them; and the
            # respondents per case with their id (is a sanction in force?), without the table.
            models.Index(fields=["case", "agency", "id"], name="respondent_case_agency_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})" if self.nip else self.name


class Witness(models.Model):
    """A witness (saksi)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="witnesses")
    name = models.CharField(_("nama"), max_length=200)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    statement = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("saksi")
        verbose_name_plural = _("saksi")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Clarification(models.Model):
    """A clarification (klarifikasi) of one person in a given role."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("Pelapor")
        WITNESS = "witness", _("Saksi")
        RESPONDENT = "respondent", _("Terlapor")
        EXPERT = "expert", _("Ahli")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clarifications")
    person_name = models.CharField(_("nama"), max_length=200)
    role = models.CharField(_("sebagai"), max_length=12, choices=Role.choices)
    respondent = models.ForeignKey(
        Respondent, on_delete=models.SET_NULL, null=True, blank=True, related_name="clarifications"
    )
    held_at = models.DateTimeField(_("waktu"))
    attended = models.BooleanField(_("hadir"), default=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("klarifikasi")
        verbose_name_plural = _("klarifikasi")
        ordering = ["held_at", "id"]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_role_display()})"
