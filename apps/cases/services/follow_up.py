"""After forwarding: the PPK's follow-up (tindak lanjut) per respondent."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from apps.cases.models import FollowUp, Respondent, SanctionType
from apps.cases.services.base import (
    Errors,
    add_error,
    case_lock,
    changes,
    event_write,
    raise_if,
)
from apps.core import clock

FOLLOW_UP_FIELDS = (
    "sanction_type",
    "decree_number",
    "decree_date",
    "effective_from",
    "effective_until",
    "reason",
)


def _sanction(value) -> SanctionType | None:
    if isinstance(value, SanctionType):
        return value
    lookup = {"pk": int(value)} if str(value).isdigit() else {"code": str(value)}
    return SanctionType.objects.filter(is_active=True, **lookup).first()


def _check_follow_up(sanction, decree_number, decree_date, start, until, reason) -> Errors:
    errors: Errors = {}
    if sanction is None:
        add_error(errors, "sanction_type", _("Jenis sanksi wajib dipilih dari daftar."))
    elif sanction.is_none:
        if not reason.strip():
            add_error(errors, "reason", _("Alasan tidak dijatuhi sanksi wajib diisi."))
    else:
        if not decree_number.strip():
            add_error(errors, "decree_number", _("Nomor keputusan sanksi wajib diisi."))
        if decree_date is None:
            add_error(errors, "decree_date", _("Tanggal keputusan sanksi wajib diisi."))
    if decree_date and decree_date > clock.now().date():
        add_error(errors, "decree_date", _("Tanggal keputusan tidak boleh di masa depan."))
    if start and until and until < start:
        add_error(errors, "effective_until", _("Berlaku sampai tidak boleh sebelum berlaku mulai."))
    return errors


def followup_record(
    *,
    respondent: Respondent,
    sanction_type,
    decree_number: str = "",
    decree_date: date | None = None,
    effective_from: date | None = None,
    effective_until: date | None = None,
    reason: str = "",
    actor,
) -> FollowUp:
    """Record (or correct) the PPK's follow-up for one respondent of a forwarded case.

    A sanction needs the decree number and date; ``none`` ("tidak dijatuhi sanksi") a reason.
    Who and when: the policy's ``follow_up_record``. A correction's event keeps the old values.
    """
    with transaction.atomic():
        case = case_lock(respondent.case_id, "follow_up_record", actor)
        sanction = _sanction(sanction_type)
        raise_if(
            _check_follow_up(
                sanction, decree_number, decree_date, effective_from, effective_until, reason
            )
        )
        existing = FollowUp.objects.filter(respondent=respondent).first()
        before = {f: getattr(existing, f) for f in FOLLOW_UP_FIELDS} if existing else {}
        values = {
            "sanction_type": sanction,
            "decree_number": decree_number.strip(),
            "decree_date": decree_date,
            "effective_from": effective_from,
            "effective_until": effective_until,
            "reason": reason.strip(),
        }
        diff = changes(before, values)
        if existing is not None and not diff:
            return existing
        follow_up, created = FollowUp.objects.update_or_create(
            respondent=respondent,
            defaults={**values, "recorded_by": actor},
            create_defaults={**values, "recorded_by": actor, "recorded_at": clock.now()},
        )
        event_write(
            case,
            actor=actor,
            action="follow_up" if created else "follow_up_corrected",
            note=reason.strip(),
            data={
                "respondent_id": respondent.pk,
                "sanction_type": sanction.code,
                "decree_number": follow_up.decree_number,
                "decree_date": decree_date.isoformat() if decree_date else None,
                "changes": diff,
            },
        )
    return follow_up
