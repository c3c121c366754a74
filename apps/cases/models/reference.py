"""Reference data of the case rules: elections, violation forms, sanctions, recipients, holidays."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class FollowUpAnchor(models.TextChoices):
        FORWARDING = "forwarding", _("sejak rekomendasi diteruskan")
        BKN = "bkn", _("sejak rekomendasi BKN kepada PPK")

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
    # A temuan (finding) has a window of its own under UU 7/2017 Pasal 454 ayat (5).
    finding_window_days = models.PositiveSmallIntegerField(
        _("batas waktu temuan (hari)"), default=7
    )
    finding_day_type = models.CharField(
        _("jenis hari temuan"), max_length=10, choices=DayType.choices, default=DayType.CALENDAR
    )
    finding_basis = models.CharField(_("dasar hukum batas temuan"), max_length=200, blank=True)
    initial_review_days = models.PositiveSmallIntegerField(
        _("kajian awal (hari)"),
        null=True,
        blank=True,
        help_text=_("Kosong bila rezim ini tidak mengenal batas kajian awal (Pilkada)."),
    )
    initial_review_day_type = models.CharField(
        _("jenis hari kajian awal"),
        max_length=10,
        choices=DayType.choices,
        default=DayType.CALENDAR,
    )
    initial_review_basis = models.CharField(
        _("dasar hukum kajian awal"), max_length=200, blank=True
    )
    cuti_bersama_off = models.BooleanField(
        _("cuti bersama bukan hari kerja"),
        default=True,
        help_text=_(
            "Hari kerja melewati Sabtu, Minggu, libur nasional, libur tambahan dan, bila "
            "dicentang, cuti bersama (kalender kantor pemerintah)."
        ),
    )
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
    follow_up_anchor = models.CharField(
        _("batas tindak lanjut PPK dihitung"),
        max_length=12,
        choices=FollowUpAnchor.choices,
        default=FollowUpAnchor.FORWARDING,
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
    discipline_severity = models.CharField(
        _("kategori disiplin"),
        max_length=16,
        choices=Severity.choices,
        blank=True,
        help_text=_(
            "Bila SKB 2022 juga menggolongkannya sebagai pelanggaran disiplin (mis. menyukai "
            "unggahan: etik dan disiplin berat)."
        ),
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

    class Kind(models.TextChoices):
        MORAL = "moral", _("Sanksi moral (PP 42/2004)")
        DISCIPLINE = "discipline", _("Hukuman disiplin")
        TERMINATION = "termination", _("Pemberhentian / pemutusan hubungan kerja")

    class AppliesTo(models.TextChoices):
        ASN = "asn", _("PNS dan PPPK")
        PNS = "pns", _("PNS")
        PPPK = "pppk", _("PPPK")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    category = models.CharField(_("kategori"), max_length=16, choices=Severity.choices, blank=True)
    kind = models.CharField(
        _("macam"), max_length=12, choices=Kind.choices, default=Kind.DISCIPLINE
    )
    applies_to = models.CharField(
        _("berlaku bagi"), max_length=4, choices=AppliesTo.choices, default=AppliesTo.ASN
    )
    months = models.PositiveSmallIntegerField(
        _("lama (bulan)"),
        null=True,
        blank=True,
        help_text=_("Bila sanksi berlaku untuk jangka tertentu (mis. 6, 9 atau 12 bulan)."),
    )
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
