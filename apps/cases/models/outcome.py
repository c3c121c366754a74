"""After forwarding, per respondent: BKN's recommendation, the PPK's decision and its sanctions,
objections and appeals against a sanction (PP 79/2021), and the request to BKN to block the
personnel data of a respondent whose PPK did not act (DESIGN §2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.cases.models.case import Case
from apps.cases.models.people import Respondent
from apps.cases.models.reference import SanctionType
from apps.core import clock


class Recorded(models.Model):
    """Who recorded a row, and when."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=clock.now, editable=False)

    class Meta:
        abstract = True


class BknRecommendation(Recorded):
    """BKN's recommendation to the PPK (rekomendasi BKN), when the case went to BKN."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="bkn_recommendation")
    letter_number = models.CharField(_("nomor surat BKN"), max_length=100)
    letter_date = models.DateField(_("tanggal surat BKN"))

    class Meta:
        verbose_name = _("rekomendasi BKN")
        verbose_name_plural = _("rekomendasi BKN")

    def __str__(self) -> str:
        return self.letter_number


class FollowUp(Recorded):
    """The PPK's decision (tindak lanjut) for one respondent: sanctioned (with its sanctions), not
    sanctioned with a reason, or — for a respondent who is not ASN — referred to the employer."""

    class Outcome(models.TextChoices):
        SANCTIONED = "sanctioned", _("Dijatuhi sanksi")
        NOT_SANCTIONED = "not_sanctioned", _("Tidak dijatuhi sanksi")
        REFERRED = "referred", _("Bukan ASN: diteruskan kepada pemberi kerja")

    respondent = models.OneToOneField(
        Respondent, on_delete=models.CASCADE, related_name="follow_up"
    )
    outcome = models.CharField(_("hasil"), max_length=16, choices=Outcome.choices)
    reason = models.TextField(_("alasan / catatan"), blank=True)

    class Meta:
        verbose_name = _("tindak lanjut PPK")
        verbose_name_plural = _("tindak lanjut PPK")

    def __str__(self) -> str:
        return f"{self.respondent}: {self.get_outcome_display()}"


class Sanction(Recorded):
    """One sanction imposed on a respondent, with its decree and the period it runs. An objection
    or appeal can change or annul it: the row is kept, marked, and a changed one points to the
    sanction that replaced it."""

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("berlaku")
        CHANGED = "changed", _("diubah (keberatan/banding)")
        ANNULLED = "annulled", _("dibatalkan (keberatan/banding)")

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="sanctions")
    sanction_type = models.ForeignKey(
        SanctionType, verbose_name=_("jenis sanksi"), on_delete=models.PROTECT, related_name="+"
    )
    decree_number = models.CharField(_("nomor keputusan"), max_length=100)
    decree_date = models.DateField(_("tanggal keputusan"))
    effective_from = models.DateField(_("berlaku mulai"), null=True, blank=True)
    effective_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    state = models.CharField(
        _("keadaan"), max_length=10, choices=State.choices, default=State.IN_FORCE
    )
    replaced_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )

    class Meta:
        verbose_name = _("sanksi")
        verbose_name_plural = _("sanksi")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.sanction_type} ({self.decree_number})"


class Objection(Recorded):
    """An objection (keberatan) or administrative appeal (banding administratif, PP 79/2021)
    against one sanction, and its outcome."""

    class Kind(models.TextChoices):
        OBJECTION = "keberatan", _("Keberatan")
        APPEAL = "banding", _("Banding administratif")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Belum diputus")
        UPHELD = "upheld", _("Ditolak: sanksi tetap")
        CHANGED = "changed", _("Dikabulkan sebagian: sanksi diubah")
        ANNULLED = "annulled", _("Dikabulkan: sanksi dibatalkan")

    sanction = models.ForeignKey(Sanction, on_delete=models.CASCADE, related_name="objections")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    filed_on = models.DateField(_("diajukan"))
    outcome = models.CharField(
        _("hasil"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("diputus"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("keberatan/banding")
        verbose_name_plural = _("keberatan/banding")
        ordering = ["filed_on", "id"]
        indexes = [
            # BKPSDM home: the objections not decided yet, the oldest first (a partial index:
            # decided ones are most of the table over the years).
            models.Index(
                fields=["filed_on", "id"],
                condition=models.Q(outcome="pending"),
                name="objection_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on:%d-%m-%Y}"


class DataBlock(Recorded):
    """A request to BKN to block a respondent's personnel data (pemblokiran data kepegawaian)
    when the PPK did not act in time, the block, and its lifting."""

    respondent = models.OneToOneField(
        Respondent, on_delete=models.CASCADE, related_name="data_block"
    )
    request_letter = models.CharField(_("nomor surat permintaan"), max_length=100)
    requested_on = models.DateField(_("tanggal permintaan"))
    blocked_on = models.DateField(_("diblokir sejak"), null=True, blank=True)
    lifted_on = models.DateField(_("dibuka"), null=True, blank=True)
    lift_note = models.TextField(_("alasan dibuka"), blank=True)

    class Meta:
        verbose_name = _("pemblokiran data")
        verbose_name_plural = _("pemblokiran data")
        indexes = [
            # BKPSDM home: the blocks not lifted yet, the oldest request first.
            models.Index(
                fields=["requested_on", "id"],
                condition=models.Q(lifted_on__isnull=True),
                name="datablock_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.respondent}: {self.request_letter}"

    @property
    def is_blocked(self) -> bool:
        return self.blocked_on is not None and self.lifted_on is None
