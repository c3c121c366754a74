"""Cases of ASN neutrality violations (kasus netralitas ASN) and their reference data.

The workflow lives in ``apps.cases.workflow``, the deadline arithmetic in ``apps.cases.deadlines``
and every write in ``apps.cases.services``; models hold fields, constraints and derived values.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import clock


class Severity(models.TextChoices):
    ETHICS = "etik", _("Pelanggaran kode etik")
    LIGHT = "ringan", _("Disiplin ringan")
    MEDIUM = "sedang", _("Disiplin sedang")
    HEAVY = "berat", _("Disiplin berat")
    DISMISSAL = "pemberhentian", _("Pemberhentian")


class DayType(models.TextChoices):
    CALENDAR = "calendar", _("hari kalender")
    WORKING = "working", _("hari kerja")


class Election(models.Model):
    """An election (pemilihan) with the deadline rules its regime's law sets (DESIGN §2)."""

    class Regime(models.TextChoices):
        PILKADA = "pilkada", _("Pemilihan kepala daerah (UU 10/2016)")
        PEMILU = "pemilu", _("Pemilihan umum (UU 7/2017)")

    class ClockAnchor(models.TextChoices):
        RECEIPT = "receipt", _("sejak laporan diterima")
        REGISTRATION = "registration", _("sejak laporan diregistrasi")

    class ExtensionMode(models.TextChoices):
        # Pilkada: "+2 days" after the decision deadline; Pemilu: "up to 14 working days in all".
        ADDED = "added", _("ditambahkan setelah batas keputusan")
        TOTAL = "total", _("jumlah seluruhnya sejak awal penghitungan")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    regime = models.CharField(_("rezim"), max_length=10, choices=Regime.choices)
    election_type_code = models.CharField(
        _("kode jenis pemilihan pada nomor register"),
        max_length=8,
        default="PB",
        help_text=_("PB = Pemilihan Bupati."),
    )
    candidates_set_on = models.DateField(_("penetapan pasangan calon"), null=True, blank=True)
    campaign_starts_on = models.DateField(_("awal kampanye"), null=True, blank=True)
    campaign_ends_on = models.DateField(_("akhir kampanye"), null=True, blank=True)
    voting_on = models.DateField(_("hari pemungutan suara"))

    reporting_window_days = models.PositiveSmallIntegerField(_("batas waktu pelaporan (hari)"))
    reporting_day_type = models.CharField(
        _("jenis hari pelaporan"), max_length=10, choices=DayType.choices
    )
    reporting_basis = models.CharField(_("dasar hukum batas pelaporan"), max_length=200)
    decision_days = models.PositiveSmallIntegerField(_("batas waktu keputusan (hari)"))
    decision_day_type = models.CharField(
        _("jenis hari keputusan"), max_length=10, choices=DayType.choices
    )
    decision_clock_anchor = models.CharField(
        _("batas keputusan dihitung"),
        max_length=12,
        choices=ClockAnchor.choices,
        default=ClockAnchor.RECEIPT,
    )
    decision_basis = models.CharField(_("dasar hukum batas keputusan"), max_length=200)
    extension_days = models.PositiveSmallIntegerField(_("perpanjangan (hari)"))
    extension_day_type = models.CharField(
        _("jenis hari perpanjangan"), max_length=10, choices=DayType.choices
    )
    extension_mode = models.CharField(
        _("cara menghitung perpanjangan"),
        max_length=8,
        choices=ExtensionMode.choices,
        default=ExtensionMode.ADDED,
    )
    extension_basis = models.CharField(_("dasar hukum perpanjangan"), max_length=200)
    follow_up_days = models.PositiveSmallIntegerField(
        _("batas tindak lanjut PPK (hari)"), default=14
    )
    follow_up_day_type = models.CharField(
        _("jenis hari tindak lanjut"),
        max_length=10,
        choices=DayType.choices,
        default=DayType.CALENDAR,
    )
    follow_up_basis = models.CharField(_("dasar tindak lanjut PPK"), max_length=200)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")
        ordering = ["-voting_on"]

    def __str__(self) -> str:
        return self.name


class ViolationForm(models.Model):
    """A form of neutrality violation (bentuk pelanggaran) from the SKB of 22 September 2022."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    default_severity = models.CharField(
        _("kategori bawaan"), max_length=16, choices=Severity.choices
    )
    note = models.TextField(_("catatan"), blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("bentuk pelanggaran")
        verbose_name_plural = _("bentuk pelanggaran")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class SanctionType(models.Model):
    """A sanction the PPK may impose (jenis sanksi): PP 94/2021, PP 42/2004, PP 49/2018, or none."""

    NONE_CODE = "none"

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    category = models.CharField(_("kategori"), max_length=16, choices=Severity.choices, blank=True)
    regulation = models.CharField(_("dasar hukum"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jenis sanksi")
        verbose_name_plural = _("jenis sanksi")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_none(self) -> bool:
        return self.code == self.NONE_CODE


class ForwardingRecipient(models.Model):
    """Where a recommendation goes (penerima rekomendasi): BKN, the PPK, BKPSDM (copy), ..."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    is_default = models.BooleanField(_("terpilih bawaan"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("penerima rekomendasi")
        verbose_name_plural = _("penerima rekomendasi")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A day off added by an administrator (cuti bersama, regional holiday) on top of the national ones."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditambahkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ditambahkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("hari libur tambahan")
        verbose_name_plural = _("hari libur tambahan")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


class Case(models.Model):
    """A laporan (report) or temuan (finding) of an ASN taking sides, and its handling."""

    class Kind(models.TextChoices):
        REPORT = "laporan", _("Laporan")
        FINDING = "temuan", _("Temuan")

    class ReasonCode(models.TextChoices):
        FORMAL_UNMET = "formal", _("Syarat formal tidak terpenuhi")
        MATERIAL_UNMET = "material", _("Syarat materiel tidak terpenuhi")
        EXPIRED = "expired", _("Daluwarsa (melewati batas waktu pelaporan)")
        NOT_ELECTION = "not_election", _("Bukan pelanggaran pemilihan")
        NOT_PROVEN = "not_proven", _("Tidak terbukti")
        NOT_NEUTRALITY = "not_neutrality", _("Bukan pelanggaran netralitas ASN")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Diterima")
        REGISTERED = "registered", _("Diregistrasi")
        CLARIFICATION = "clarification", _("Klarifikasi")
        REVIEW = "review", _("Kajian")
        FORWARDED = "forwarded", _("Diteruskan")
        CLOSED = "closed", _("Selesai")
        NOT_REGISTERED = "not_registered", _("Tidak diregistrasi")
        DISMISSED = "dismissed", _("Dihentikan")

    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    election = models.ForeignKey(
        Election, verbose_name=_("pemilihan"), on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    number = models.CharField(
        _("nomor register"), max_length=80, unique=True, null=True, blank=True
    )
    office_code = models.CharField(_("kode kantor"), max_length=20, blank=True)
    number_year = models.PositiveSmallIntegerField(_("tahun register"), null=True, blank=True)
    number_sequence = models.PositiveIntegerField(_("urutan register"), null=True, blank=True)

    received_at = models.DateTimeField(_("diterima"))
    registered_at = models.DateTimeField(_("diregistrasi"), null=True, blank=True)
    known_on = models.DateField(_("diketahui pada"))
    incident_on = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    incident_place = models.CharField(_("tempat kejadian"), max_length=255, blank=True)
    kecamatan = models.ForeignKey(
        "personnel.Region",
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "kecamatan"},
        related_name="+",
    )
    village = models.ForeignKey(
        "personnel.Region",
        verbose_name=_("desa/kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "village"},
        related_name="+",
    )
    chronology = models.TextField(_("kronologi"), blank=True)
    violation_forms = models.ManyToManyField(
        ViolationForm, verbose_name=_("bentuk pelanggaran"), blank=True, related_name="cases"
    )
    assigned_investigators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("investigator"),
        blank=True,
        related_name="assigned_cases",
    )
    conclusion = models.TextField(_("kesimpulan"), blank=True)
    closing_reason = models.TextField(
        _("alasan"), blank=True, help_text=_("Alasan tidak diregistrasi atau dihentikan.")
    )
    reason_code = models.CharField(
        _("jenis alasan"), max_length=16, choices=ReasonCode.choices, blank=True
    )
    extended_at = models.DateTimeField(_("diperpanjang"), null=True, blank=True)

    # Deadlines are derived from the election's rules and stored so that lists, filters and the
    # deadline watch can query them; apps.cases.deadlines recomputes them (e.g. on a new holiday).
    reporting_due_at = models.DateTimeField(_("batas pelaporan"), null=True, blank=True)
    decision_due_at = models.DateTimeField(_("batas keputusan"), null=True, blank=True)
    follow_up_due_at = models.DateTimeField(_("batas tindak lanjut PPK"), null=True, blank=True)
    # The earliest deadline running in the case's state (apps.cases.deadlines.CLOCKS): what the
    # lists sort by and what "overdue" means everywhere. None once nothing is waited for.
    next_due_at = models.DateTimeField(_("batas waktu berikutnya"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("diteruskan"), null=True, blank=True)
    closed_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office_code", "kind", "number_year", "number_sequence"],
                name="case_register_sequence_unique",
                condition=models.Q(number_sequence__isnull=False),
            )
        ]
        indexes = [
            # The default order of every case list (admin and API): a page is read off the index.
            models.Index(fields=["-received_at", "-id"], name="case_received_idx"),
            models.Index(fields=["status", "decision_due_at"], name="case_status_decision_idx"),
            models.Index(fields=["status", "follow_up_due_at"], name="case_status_followup_idx"),
            models.Index(fields=["next_due_at", "id"], name="case_next_due_idx"),
        ]

    def __str__(self) -> str:
        return self.number or _("%(kind)s #%(id)s (belum diregistrasi)") % {
            "kind": self.get_kind_display(),
            "id": self.pk,
        }


class RegisterCounter(models.Model):
    """The last register sequence given per office, kind and year; locked to number without gaps."""

    office_code = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=Case.Kind.choices)
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office_code", "kind", "year"], name="register_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_code}/{self.kind}/{self.year}: {self.last_sequence}"


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

    class Meta:
        verbose_name = _("terlapor")
        verbose_name_plural = _("terlapor")
        ordering = ["id"]

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


class FollowUp(models.Model):
    """The PPK's follow-up (tindak lanjut) for one respondent: a sanction, or none with a reason."""

    respondent = models.OneToOneField(
        Respondent, on_delete=models.CASCADE, related_name="follow_up"
    )
    sanction_type = models.ForeignKey(
        SanctionType, verbose_name=_("jenis sanksi"), on_delete=models.PROTECT, related_name="+"
    )
    decree_number = models.CharField(_("nomor keputusan"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    effective_from = models.DateField(_("berlaku mulai"), null=True, blank=True)
    effective_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")

    def __str__(self) -> str:
        return f"{self.respondent}: {self.sanction_type}"


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
