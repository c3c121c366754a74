from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.personnel import identifiers

PNS_GRADES = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
PPPK_GRADES = [
    (numeral, f"PPPK {numeral}")
    for numeral in [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
        "XIV",
        "XV",
        "XVI",
        "XVII",
    ]
]
GRADE_CHOICES = [(code, f"{code} — {name}") for code, name in PNS_GRADES] + PPPK_GRADES
PNS_GRADE_CODES = frozenset(code for code, _name in PNS_GRADES)
PPPK_GRADE_CODES = frozenset(code for code, _name in PPPK_GRADES)


class Region(models.Model):
    """A Kemendagri administrative region (wilayah): provinsi, kabupaten, kecamatan, desa/kelurahan."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Provinsi")
        REGENCY = "regency", _("Kabupaten/Kota")
        KECAMATAN = "kecamatan", _("Kecamatan")
        VILLAGE = "village", _("Desa/Kelurahan")

    code = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_kelurahan(self) -> bool:
        """Village codes 1xxx are kelurahan, 2xxx are desa (Kemendagri)."""
        return self.level == self.Level.VILLAGE and self.code.rsplit(".", 1)[-1].startswith("1")


class Agency(models.Model):
    """A regional government body (perangkat daerah / OPD) or one of its units (UPT), as a tree."""

    class Kind(models.TextChoices):
        SECRETARIAT = "sekretariat", _("Sekretariat")
        INSPECTORATE = "inspektorat", _("Inspektorat")
        AGENCY = "badan", _("Badan")
        SERVICE = "dinas", _("Dinas")
        KECAMATAN = "kecamatan", _("Kecamatan")
        HOSPITAL = "rsud", _("Rumah Sakit Umum Daerah")
        UNIT = "upt", _("Unit Pelaksana Teknis")
        OTHER = "lainnya", _("Lainnya")

    code = models.CharField(_("kode"), max_length=32, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    kecamatan = models.ForeignKey(
        Region,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": Region.Level.KECAMATAN},
        related_name="agencies",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CivilServant(models.Model):
    """A civil servant (ASN) in the registry: a PNS with a NIP or a PPPK with a NI PPPK."""

    class EmploymentType(models.TextChoices):
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")

    class Sex(models.TextChoices):
        MALE = identifiers.MALE, _("Laki-laki")
        FEMALE = identifiers.FEMALE, _("Perempuan")

    class PositionType(models.TextChoices):
        STRUCTURAL = "struktural", _("Struktural")
        FUNCTIONAL = "fungsional", _("Fungsional")
        EXECUTOR = "pelaksana", _("Pelaksana")

    nip = models.CharField(_("NIP / NI PPPK"), max_length=18)
    employment_type = models.CharField(
        _("status kepegawaian"), max_length=4, choices=EmploymentType.choices
    )
    name = models.CharField(_("nama (dengan gelar)"), max_length=200)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    golongan = models.CharField(_("golongan"), max_length=5, choices=GRADE_CHOICES, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_type = models.CharField(
        _("jenis jabatan"), max_length=10, choices=PositionType.choices, blank=True
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        related_name="civil_servants",
    )
    kecamatan = models.ForeignKey(
        Region,
        verbose_name=_("kecamatan tempat tugas"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": Region.Level.KECAMATAN},
        related_name="civil_servants",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")
        ordering = ["name"]
        # Every index is paid for by each row of a registry import (issue 2), so only these:
        # NIP unique (written as a constraint, so PostgreSQL gets no second varchar_pattern_ops
        # copy: NIPs are looked up exactly), the name for the admin's sorted list, and the
        # foreign keys. Status kepegawaian and golongan are filters of low selectivity, where
        # an index would not be used.
        # The active ASN per (agency, kecamatan): a small partial index (its keys deduplicated:
        # ~7 MB for 1M ASN) the training coverage report counted the registry off until it read
        # ActivePlaceCount instead (0007, kept by triggers); a live count of 1M ASN stays 70-150
        # ms even off this index.
        constraints = [models.UniqueConstraint(fields=["nip"], name="civilservant_nip_unique")]
        indexes = [
            models.Index(fields=["name"], name="civilservant_name_idx"),
            models.Index(
                fields=["agency", "kecamatan"],
                condition=models.Q(is_active=True),
                name="civilservant_active_place_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"

    def clean(self) -> None:
        errors = civil_servant_errors(
            nip=self.nip,
            employment_type=self.employment_type,
            birth_date=self.birth_date,
            sex=self.sex,
            golongan=self.golongan,
        )
        if errors:
            raise ValidationError(errors)


class ActivePlaceCount(models.Model):
    """How many active ASN the registry has in an agency and kecamatan of duty (kecamatan empty:
    the ASN without one). Kept equal to the registry by the database itself: triggers on the
    registry's table (migration 0007) apply every insert, update, delete — and on PostgreSQL
    every COPY and TRUNCATE — in the same transaction, whatever writes it. The training coverage
    report (issue 17) sums these few thousand rows instead of counting 1M ASN."""

    agency = models.ForeignKey(
        Agency, on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    kecamatan = models.ForeignKey(
        Region, on_delete=models.DO_NOTHING, null=True, db_index=False, related_name="+"
    )
    active_asn = models.IntegerField()

    class Meta:
        verbose_name = _("jumlah ASN aktif per tempat tugas")
        verbose_name_plural = _("jumlah ASN aktif per tempat tugas")
        # A row is removed when its count falls to 0, so an agency or kecamatan that can be
        # deleted (no ASN: PROTECT) has none left.
        constraints = [
            models.UniqueConstraint(fields=["agency", "kecamatan"], name="active_place_unique"),
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(kecamatan__isnull=True),
                name="active_place_no_kecamatan_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.kecamatan_id}: {self.active_asn}"


def civil_servant_errors(*, nip, employment_type, birth_date, sex, golongan) -> dict[str, list]:
    """The registry's rules for one person, by field: a valid NIP / NI PPPK whose birth date and
    sex agree with the columns, and a golongan of the employment type. Empty when all hold."""
    errors = {}
    try:
        decoded = decode_employee_number(nip, employment_type)
    except ValidationError as exc:
        errors["nip"] = exc.messages
    else:
        if birth_date and decoded.birth_date != birth_date:
            errors["birth_date"] = [
                _("Tanggal lahir tidak sama dengan digit ke-1–8 NIP (%(date)s).")
                % {"date": decoded.birth_date.strftime("%d-%m-%Y")}
            ]
        if sex and decoded.sex != sex:
            errors["sex"] = [_("Jenis kelamin tidak sama dengan digit ke-15 NIP.")]
    grades = (
        PNS_GRADE_CODES if employment_type == CivilServant.EmploymentType.PNS else PPPK_GRADE_CODES
    )
    if golongan and golongan not in grades:
        errors["golongan"] = [
            _("Golongan %(grade)s tidak berlaku untuk %(type)s.")
            % {"grade": golongan, "type": employment_type}
        ]
    return errors


def decode_employee_number(number: str, employment_type: str):
    """Decode a NIP (PNS) or a NI PPPK (PPPK)."""
    if employment_type == CivilServant.EmploymentType.PPPK:
        return identifiers.parse_pppk_number(number)
    return identifiers.parse_nip(number)


class PersonnelImport(models.Model):
    """One import of the personnel registry from a CSV or XLSX file (impor data ASN).

    ``rows_done`` counts the data records read and committed so far (blank lines included); a
    resumed run skips that many records. In strict mode a first pass only checks the file and
    ``checked_at`` is set when it found every row valid; ``rows_done`` then starts again at 0.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("menunggu")
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("berkas"), upload_to="imports/%Y/%m/", max_length=300)
    original_filename = models.CharField(_("nama berkas asli"), max_length=255)
    strict = models.BooleanField(
        _("mode ketat"),
        default=False,
        help_text=_("Jika ada satu baris tidak valid, tidak ada data yang disimpan."),
    )
    state = models.CharField(
        _("status"), max_length=8, choices=State.choices, default=State.PENDING, db_index=True
    )
    rows_done = models.PositiveIntegerField(_("baris diproses"), default=0)
    rows_total = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)
    checked_at = models.DateTimeField(
        _("diperiksa"),
        null=True,
        blank=True,
        help_text=_("Mode ketat: saat pemeriksaan menemukan semua baris valid."),
    )
    created = models.PositiveIntegerField(_("baru"), default=0)
    updated = models.PositiveIntegerField(_("diubah"), default=0)
    unchanged = models.PositiveIntegerField(_("tidak berubah"), default=0)
    rejected = models.PositiveIntegerField(_("ditolak"), default=0)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    started_at = models.DateTimeField(_("dimulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    failure_message = models.TextField(_("pesan kegagalan"), blank=True)

    class Meta:
        verbose_name = _("impor data ASN")
        verbose_name_plural = _("impor data ASN")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        created = timezone.localtime(self.created_at) if self.created_at else None
        return (
            f"{self.original_filename} ({created:%d-%m-%Y %H:%M})"
            if created
            else self.original_filename
        )

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class ImportRowError(models.Model):
    """Why one row of an import was rejected: row number as a spreadsheet shows it (the header is
    row 1), the column, and a message that names the problem without echoing long values."""

    personnel_import = models.ForeignKey(
        PersonnelImport,
        verbose_name=_("impor"),
        on_delete=models.CASCADE,
        related_name="row_errors",
        db_index=False,  # the (import, row) index below serves the lookups
    )
    row_number = models.PositiveIntegerField(_("baris"))
    column = models.CharField(_("kolom"), max_length=40, blank=True)
    message = models.CharField(_("pesan"), max_length=500)

    class Meta:
        verbose_name = _("kesalahan baris impor")
        verbose_name_plural = _("kesalahan baris impor")
        ordering = ["personnel_import", "row_number", "id"]
        indexes = [models.Index(fields=["personnel_import", "row_number"])]

    def __str__(self) -> str:
        return f"{self.row_number} {self.column}: {self.message}"
