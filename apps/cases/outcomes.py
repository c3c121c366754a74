"""Where each respondent of a forwarded case stands, read off what was recorded (DESIGN §2): a
case closes when every respondent has a final outcome — sanctioned, not sanctioned with a
reason, not ASN and referred to the employer, or their personnel data blocked by BKN."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from apps.cases.models import Case, Objection, Respondent, Sanction


@dataclass(frozen=True)
class RespondentOutcome:
    respondent: Respondent
    final: bool
    label: str
    sanctions: tuple[Sanction, ...]  # in force now
    open_reason: str = ""  # why not final yet


def respondents_with_outcomes(case: Case) -> QuerySet[Respondent]:
    """The case's respondents with what their outcome is read from (four queries in all)."""
    sanctions = Sanction.objects.select_related("sanction_type").prefetch_related(
        Prefetch("objections", queryset=Objection.objects.order_by("filed_on", "id"))
    )
    return (
        Respondent.objects.filter(case=case)
        .select_related("follow_up", "data_block")
        .prefetch_related(Prefetch("sanctions", queryset=sanctions))
    )


def respondent_outcome(respondent: Respondent) -> RespondentOutcome:
    in_force = tuple(s for s in respondent.sanctions.all() if s.state == Sanction.State.IN_FORCE)
    block = getattr(respondent, "data_block", None)
    if block is not None and block.is_blocked:
        return RespondentOutcome(respondent, True, _("Data kepegawaian diblokir BKN"), in_force)
    follow_up = getattr(respondent, "follow_up", None)
    if follow_up is None:
        why = _("Tindak lanjut PPK untuk terlapor %(name)s belum dicatat.")
        return RespondentOutcome(
            respondent,
            False,
            _("Menunggu keputusan PPK"),
            in_force,
            why % {"name": respondent.name},
        )
    pending = [
        o
        for s in respondent.sanctions.all()
        for o in s.objections.all()
        if o.outcome == Objection.Outcome.PENDING
    ]
    if pending:
        why = _("Keberatan/banding terlapor %(name)s atas sanksinya belum diputus.")
        label = _("Keberatan/banding dalam proses")
        return RespondentOutcome(
            respondent, False, label, in_force, why % {"name": respondent.name}
        )
    label = follow_up.get_outcome_display()
    if follow_up.outcome == follow_up.Outcome.SANCTIONED and not in_force:
        label = _("Sanksi dibatalkan (keberatan/banding)")
    return RespondentOutcome(respondent, True, str(label), in_force)


def case_outcomes(case: Case) -> list[RespondentOutcome]:
    return [respondent_outcome(r) for r in respondents_with_outcomes(case)]
