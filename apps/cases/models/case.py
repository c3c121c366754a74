"""A case (laporan or temuan) and its register counter."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from apps.cases.models.reference import Election, ViolationForm
from apps.core import clock

WITA = ZoneInfo("Asia/Makassar")  # apps.cases.workdays.WITA (which imports these models)


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
        JOINED = "joined", _("Digabungkan")

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
    number_series = models.CharField(
        _("seri register"), max_length=10, blank=True, help_text=_("Jenis pemilihan.")
    )
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
    initial_review_due_at = models.DateTimeField(_("batas kajian awal"), null=True, blank=True)
    decision_due_at = models.DateTimeField(_("batas keputusan"), null=True, blank=True)
    follow_up_due_at = models.DateTimeField(_("batas tindak lanjut PPK"), null=True, blank=True)
    # The earliest deadline running in the case's state (apps.cases.deadlines.CLOCKS): what the
    # lists sort by and what "overdue" means everywhere. None once nothing is waited for.
    next_due_at = models.DateTimeField(_("batas waktu berikutnya"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("diteruskan"), null=True, blank=True)
    closed_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    joined_into = models.ForeignKey(
        "self",
        verbose_name=_("digabungkan ke"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joined_cases",
        help_text=_("Kasus yang menangani kejadian yang sama (penggabungan)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat"), default=clock.now, editable=False)
    # Public tracking (apps.cases.tracking, /lacak/): a random code, and the reporter's PIN as a
    # password hash (empty: no PIN issued yet, so the case cannot be tracked).
    tracking_code = models.CharField(
        _("kode pelacakan"), max_length=12, unique=True, null=True, blank=True, editable=False
    )
    tracking_pin = models.CharField(
        _("PIN pelacakan (hash)"), max_length=128, blank=True, editable=False, db_default=""
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office_code", "number_series", "kind", "number_year", "number_sequence"],
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
            # The deadlines due of the cases in one state, most urgent first (BKPSDM's home
            # page: the forwarded cases), counted and listed off this index alone.
            models.Index(fields=["status", "next_due_at", "id"], name="case_status_next_due_idx"),
            # Home page: the open cases without an investigator are found off this index alone
            # (an index-only scan), not by reading every case row. The states are
            # ``apps.cases.states.OPEN_STATES`` (a test holds them equal); partial, so that the
            # BKPSDM pages' forwarded-or-closed cases keep their per-row lookups.
            models.Index(
                fields=["id"],
                condition=models.Q(
                    status__in=["clarification", "forwarded", "received", "registered", "review"]
                ),
                name="case_open_idx",
            ),
            # Home page: the received reports whose reporting window ends soonest (or was missed),
            # read in order off this index, not by sorting every received report.
            models.Index(
                fields=["reporting_due_at", "id"],
                condition=models.Q(status="received"),
                name="case_received_reporting_idx",
            ),
            # The reports and charts per month received (in WITA), per kind: grouped off this
            # index alone (the month already computed, in order) instead of reading every case
            # and truncating its date. The expression is the one apps.cases.reports groups by.
            models.Index(
                TruncMonth("received_at", tzinfo=WITA),
                "kind",
                include=["received_at"],
                name="case_month_kind_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number or _("%(kind)s #%(id)s (belum diregistrasi)") % {
            "kind": self.get_kind_display(),
            "id": self.pk,
        }


class RegisterCounter(models.Model):
    """The last register sequence given per office, kind and year; locked to number without gaps."""

    office_code = models.CharField(max_length=20)
    series = models.CharField(max_length=10, blank=True)
    kind = models.CharField(max_length=10, choices=Case.Kind.choices)
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office_code", "series", "kind", "year"], name="register_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_code}/{self.kind}/{self.year}: {self.last_sequence}"
