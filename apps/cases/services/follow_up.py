"""After forwarding, per respondent: BKN's recommendation and the PPK's decision with its sanctions
(DESIGN §2). Objections, appeals and blocks are in ``services.disputes``."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from apps.cases import deadlines
from apps.cases.models import (
    BknRecommendation,
    Case,
    FollowUp,
    Objection,
    Respondent,
    Sanction,
    SanctionType,
    Severity,
)
from apps.cases.sanctions import SanctionInput, check_decision
from apps.cases.services.base import (
    Errors,
    add_error,
    case_lock,
    changes,
    due_dates,
    event_write,
    raise_if,
)
from apps.core import clock
from apps.core.errors import Conflict, InvalidInput

SANCTION_KEYS = (
    "sanction_type",
    "decree_number",
    "decree_date",
    "effective_from",
    "effective_until",
)


def _sanction_type(value) -> SanctionType | None:
    if isinstance(value, SanctionType):
        return value
    lookup = {"pk": int(value)} if str(value).isdigit() else {"code": str(value)}
    return SanctionType.objects.filter(**lookup).first()


def parse_day(value, key: str, errors: Errors) -> date | None:
    """A date given as a date or as TTTT-BB-HH; None when empty (a wrong one is named)."""
    if value in (None, "") or isinstance(value, date):
        return value or None
    parsed = parse_date(str(value))
    if parsed is None:
        add_error(errors, key, _("Tanggal tidak valid; gunakan format TTTT-BB-HH."))
    return parsed


def sanction_input(item: Mapping, key: str, errors: Errors) -> SanctionInput:
    for name in sorted(set(item) - set(SANCTION_KEYS)):
        add_error(errors, f"{key}.{name}", _("Isian tidak dikenal."))
    return SanctionInput(
        sanction_type=_sanction_type(item.get("sanction_type")),
        given_type=item.get("sanction_type"),
        decree_number=str(item.get("decree_number") or "").strip(),
        decree_date=parse_day(item.get("decree_date"), f"{key}.decree_date", errors),
        effective_from=parse_day(item.get("effective_from"), f"{key}.effective_from", errors),
        effective_until=parse_day(item.get("effective_until"), f"{key}.effective_until", errors),
    )


def _legacy(sanction_type, fields: dict) -> tuple[str, list[dict]]:
    """The API's and the admin's first form: one ``sanction_type`` (``none``: no sanction)."""
    kind = _sanction_type(sanction_type)
    if kind is not None and kind.is_none:
        return FollowUp.Outcome.NOT_SANCTIONED, []
    return FollowUp.Outcome.SANCTIONED, [{"sanction_type": sanction_type, **fields}]


def _sanction_view(sanction: Sanction) -> str:
    return f"{sanction.sanction_type.code} {sanction.decree_number}".strip()


def followup_record(
    *,
    respondent: Respondent,
    actor,
    outcome: str | None = None,
    sanctions: Iterable[Mapping] = (),
    reason: str = "",
    sanction_type=None,
    **single: object,
) -> FollowUp:
    """Record (or correct) the PPK's decision for one respondent of a forwarded case: sanctioned
    with one or more sanctions (a moral one beside a disciplinary one), not sanctioned with a
    reason, or — not ASN — referred to the employer. ``sanction_type`` with the decree fields is
    the one-sanction form (``none``: not sanctioned).

    A correction replaces the sanctions while none is under objection; the event keeps the old
    and the new decision.
    """
    if sanction_type is not None:
        outcome, sanctions = _legacy(sanction_type, single)
    elif single:
        raise InvalidInput(fields={k: [_("Isian tidak dikenal.")] for k in single})
    with transaction.atomic():
        case = case_lock(respondent.case_id, "follow_up_record", actor)
        respondent = Respondent.objects.select_related("civil_servant").get(pk=respondent.pk)
        errors: Errors = {}
        items = [sanction_input(s, f"sanctions[{i}]", errors) for i, s in enumerate(sanctions)]
        errors.update(check_decision(respondent, outcome or "", items, reason))
        raise_if(errors)
        existing = FollowUp.objects.filter(respondent=respondent).first()
        old = list(respondent.sanctions.select_related("sanction_type"))
        if existing and Objection.objects.filter(sanction__in=old).exists():
            raise Conflict(
                _(
                    "Sanksi terlapor %(name)s sedang/sudah diajukan keberatan atau banding; "
                    "perubahan dicatat sebagai hasil keberatan/banding."
                )
                % {"name": respondent.name}
            )
        before = {
            "outcome": existing.outcome if existing else None,
            "reason": existing.reason if existing else None,
            "sanctions": [_sanction_view(s) for s in old],
        }
        Sanction.objects.filter(pk__in=[s.pk for s in old]).delete()
        created = [
            Sanction.objects.create(
                respondent=respondent,
                sanction_type=item.sanction_type,
                decree_number=item.decree_number,
                decree_date=item.decree_date,
                effective_from=item.effective_from,
                effective_until=item.effective_until,
                recorded_by=actor,
                recorded_at=clock.now(),
            )
            for item in items
        ]
        follow_up, was_new = FollowUp.objects.update_or_create(
            respondent=respondent,
            defaults={"outcome": outcome, "reason": reason.strip(), "recorded_by": actor},
            create_defaults={
                "outcome": outcome,
                "reason": reason.strip(),
                "recorded_by": actor,
                "recorded_at": clock.now(),
            },
        )
        after = {
            "outcome": outcome,
            "reason": reason.strip(),
            "sanctions": [_sanction_view(s) for s in created],
        }
        diff = changes(before, after)
        if not was_new and not diff:
            return follow_up
        event_write(
            case,
            actor=actor,
            action="follow_up" if was_new else "follow_up_corrected",
            note=reason.strip(),
            data={
                "respondent_id": respondent.pk,
                "outcome": outcome,
                "sanctions": after["sanctions"],
                "changes": diff,
            },
        )
    return follow_up


def bkn_recommendation_record(
    *,
    case: Case,
    letter_number: str,
    letter_date,
    actor,
    categories: Mapping | None = None,
) -> BknRecommendation:
    """Record BKN's recommendation to the PPK (letter, and a category per respondent). Where the
    election's rules start the PPK's clock from it, the follow-up deadline moves with it."""
    with transaction.atomic():
        case = case_lock(case.pk, "bkn_recommendation_record", actor)
        errors: Errors = {}
        number = str(letter_number or "").strip()
        if not number:
            add_error(errors, "letter_number", _("Nomor surat BKN wajib diisi."))
        when = parse_day(letter_date, "letter_date", errors)
        if when is None and "letter_date" not in errors:
            add_error(errors, "letter_date", _("Tanggal surat BKN wajib diisi."))
        elif when and when > clock.today():
            add_error(errors, "letter_date", _("Tanggal surat tidak boleh di masa depan."))
        respondents = {str(r.pk): r for r in Respondent.objects.filter(case=case)}
        for key, value in (categories or {}).items():
            if str(key) not in respondents:
                add_error(
                    errors,
                    "categories",
                    _("Terlapor %(id)s tidak ada pada kasus ini.") % {"id": key},
                )
            elif value not in Severity.values:
                add_error(errors, "categories", _("Kategori %(v)s tidak dikenal.") % {"v": value})
        raise_if(errors)
        existing = BknRecommendation.objects.filter(case=case).first()
        before = {
            "letter_number": existing.letter_number if existing else None,
            "letter_date": existing.letter_date if existing else None,
        }
        recommendation, _created = BknRecommendation.objects.update_or_create(
            case=case,
            defaults={"letter_number": number, "letter_date": when, "recorded_by": actor},
        )
        for key, value in (categories or {}).items():
            Respondent.objects.filter(pk=respondents[str(key)].pk).update(bkn_severity=value)
        case.bkn_recommendation = recommendation
        due_before = due_dates(case)
        deadlines.recompute_case_deadlines(case)
        data = {"changes": changes(before, {"letter_number": number, "letter_date": when})}
        data["categories"] = {str(k): v for k, v in (categories or {}).items()}
        if moved := changes(due_before, due_dates(case)):
            data["deadlines"] = moved
        event_write(case, actor=actor, action="bkn_recommendation", data=data)
    return recommendation
