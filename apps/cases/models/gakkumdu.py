"""The criminal track (Sentra Gakkumdu): a conduct that is also an election crime (UU 10/2016
Pasal 71 ayat (1) with Pasal 188; UU 7/2017 Pasal 280 ayat (3) with Pasal 494) is referred to
the integrated law enforcement centre, parallel to the administrative track."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.cases.models.case import Case
from apps.cases.models.outcome import Recorded


class GakkumduReferral(Recorded):
    """The referral of a case to Sentra Gakkumdu and where it stands."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Dalam proses")
        PROSECUTED = "prosecuted", _("Dilanjutkan ke penyidikan/penuntutan")
        STOPPED = "stopped", _("Dihentikan")
        CONVICTED = "convicted", _("Putusan pengadilan: terbukti")
        ACQUITTED = "acquitted", _("Putusan pengadilan: tidak terbukti")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="gakkumdu")
    referred_on = models.DateField(_("diteruskan ke Sentra Gakkumdu"))
    article = models.CharField(_("dugaan pasal"), max_length=200)
    outcome = models.CharField(
        _("hasil"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField(_("tanggal hasil"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("penerusan ke Sentra Gakkumdu")
        verbose_name_plural = _("penerusan ke Sentra Gakkumdu")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_outcome_display()}"


class GakkumduStage(Recorded):
    """One discussion (pembahasan) of Sentra Gakkumdu on the referred case."""

    class Stage(models.TextChoices):
        FIRST = "first", _("Pembahasan pertama")
        SECOND = "second", _("Pembahasan kedua")
        THIRD = "third", _("Pembahasan ketiga")

    referral = models.ForeignKey(GakkumduReferral, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("tahap"), max_length=8, choices=Stage.choices)
    held_on = models.DateField(_("tanggal"))
    conclusion = models.TextField(_("kesimpulan"), blank=True)

    class Meta:
        verbose_name = _("pembahasan Sentra Gakkumdu")
        verbose_name_plural = _("pembahasan Sentra Gakkumdu")
        ordering = ["held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "stage"], name="gakkumdu_stage_once")
        ]

    def __str__(self) -> str:
        return self.get_stage_display()
