"""The criminal track: referring a case to Sentra Gakkumdu and recording its discussions and
outcome, parallel to the administrative handling (UU 10/2016 Pasal 71 ayat (1) jo. Pasal 188;
UU 7/2017 Pasal 280 ayat (3) jo. Pasal 494)."""

from django.db import transaction
from django.utils.translation import gettext as _

from apps.cases.models import Case, GakkumduReferral, GakkumduStage
from apps.cases.services.base import Errors, add_error, case_lock, changes, event_write, raise_if
from apps.cases.services.follow_up import parse_day
from apps.core import clock
from apps.core.errors import Conflict


def gakkumdu_refer(
    *, case: Case, referred_on, article: str, actor, note: str = ""
) -> GakkumduReferral:
    """Refer the conduct to Sentra Gakkumdu, naming the suspected article."""
    with transaction.atomic():
        case = case_lock(case.pk, "gakkumdu_record", actor)
        errors: Errors = {}
        day = parse_day(referred_on, "referred_on", errors)
        if day is None and "referred_on" not in errors:
            add_error(errors, "referred_on", _("Tanggal penerusan wajib diisi."))
        elif day and day > clock.today():
            add_error(errors, "referred_on", _("Tanggal tidak boleh di masa depan."))
        if not article.strip():
            add_error(errors, "article", _("Sebutkan dugaan pasal pidana pemilihan."))
        raise_if(errors)
        if GakkumduReferral.objects.filter(case=case).exists():
            raise Conflict(_("Kasus ini sudah diteruskan ke Sentra Gakkumdu."))
        referral = GakkumduReferral.objects.create(
            case=case,
            referred_on=day,
            article=article.strip(),
            note=note.strip(),
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        event_write(
            case,
            actor=actor,
            action="gakkumdu_referred",
            note=note.strip(),
            data={"referred_on": day.isoformat(), "article": referral.article},
        )
    return referral


def gakkumdu_progress(
    *,
    case: Case,
    actor,
    stage: str = "",
    held_on=None,
    conclusion: str = "",
    outcome: str = "",
    outcome_on=None,
) -> GakkumduReferral:
    """Record a discussion (pembahasan) of Sentra Gakkumdu, and/or the track's outcome."""
    with transaction.atomic():
        case = case_lock(case.pk, "gakkumdu_record", actor)
        referral = GakkumduReferral.objects.select_for_update().filter(case=case).first()
        if referral is None:
            raise Conflict(_("Kasus ini belum diteruskan ke Sentra Gakkumdu."))
        errors: Errors = {}
        held = parse_day(held_on, "held_on", errors)
        decided = parse_day(outcome_on, "outcome_on", errors)
        if stage and stage not in GakkumduStage.Stage.values:
            add_error(errors, "stage", _("Tahap harus pembahasan pertama, kedua atau ketiga."))
        if stage and held is None and "held_on" not in errors:
            add_error(errors, "held_on", _("Tanggal pembahasan wajib diisi."))
        if outcome and outcome not in GakkumduReferral.Outcome.values:
            add_error(errors, "outcome", _("Hasil tidak dikenal."))
        if outcome and outcome != GakkumduReferral.Outcome.PENDING and decided is None:
            add_error(errors, "outcome_on", _("Tanggal hasil wajib diisi."))
        for key, day in (("held_on", held), ("outcome_on", decided)):
            if day and day < referral.referred_on:
                add_error(errors, key, _("Tidak boleh sebelum tanggal penerusan."))
        if not stage and not outcome:
            add_error(errors, "stage", _("Isi tahap pembahasan atau hasilnya."))
        raise_if(errors)
        if stage and referral.stages.filter(stage=stage).exists():
            raise Conflict(_("Tahap ini sudah dicatat."))
        data = {}
        if stage:
            GakkumduStage.objects.create(
                referral=referral,
                stage=stage,
                held_on=held,
                conclusion=conclusion.strip(),
                recorded_by=actor,
                recorded_at=clock.now(),
            )
            data["stage"] = stage
        if outcome:
            data["changes"] = changes(
                {"outcome": referral.outcome, "outcome_on": referral.outcome_on},
                {"outcome": outcome, "outcome_on": decided},
            )
            referral.outcome, referral.outcome_on = outcome, decided
            referral.save(update_fields=["outcome", "outcome_on"])
        event_write(
            case, actor=actor, action="gakkumdu_progress", note=conclusion.strip(), data=data
        )
    return referral
