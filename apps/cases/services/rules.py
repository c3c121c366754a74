"""Rules that move deadlines: an election's deadline rules and the added holidays.

A change here moves the due dates of open cases; each case whose dates moved gets one
``deadlines_recomputed`` event with the old and the new due dates and what caused it.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.cases import deadlines
from apps.cases.models import CaseEvent, Election, Holiday
from apps.cases.services.base import Errors, add_error, raise_if
from apps.core import clock, permissions
from apps.core.errors import Forbidden, InvalidInput

RECOMPUTED = "deadlines_recomputed"


def _record_moves(moves: list[deadlines.Moved], *, actor, note: str) -> int:
    at = clock.now()
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case_id=move.case_id,
                actor=actor,
                at=at,
                action=RECOMPUTED,
                note=note,
                data={"deadlines": move.changes},
            )
            for move in moves
        ],
        batch_size=500,
    )
    return len(moves)


def _check_rule_manager(actor, message) -> None:
    if not permissions.is_coordinator(actor):
        raise Forbidden(message)


def election_update(*, election: Election, actor, **changes: Any) -> Election:
    """Change an election's data or deadline rules; the open cases' deadlines follow."""
    _check_rule_manager(
        actor, _("Hanya koordinator atau administrator yang mengubah aturan pemilihan.")
    )
    known = {f.name for f in Election._meta.concrete_fields} - {"id", "code"}
    errors: Errors = {}
    for name in sorted(set(changes) - known):
        add_error(errors, name, _("Isian ini tidak dapat diubah di sini."))
    raise_if(errors)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        for name, value in changes.items():
            setattr(election, name, value)
        try:
            election.full_clean()
        except ValidationError as exc:
            raise InvalidInput(fields=exc.message_dict) from None
        election.save()
        moves = deadlines.recompute_open_cases(election=election)
        note = _("Aturan pemilihan %(name)s diubah.") % {"name": election.name}
        _record_moves(moves, actor=actor, note=note)
    return election


def holiday_add(*, date: date, name: str, actor) -> Holiday:
    """Add a day off (cuti bersama, regional holiday) and recompute the open cases' deadlines."""
    _check_rule_manager(actor, _("Hanya koordinator atau administrator yang mengelola hari libur."))
    errors: Errors = {}
    if not name.strip():
        add_error(errors, "name", _("Keterangan hari libur wajib diisi."))
    if Holiday.objects.filter(date=date).exists():
        add_error(
            errors,
            "date",
            _("Tanggal %(d)s sudah terdaftar sebagai hari libur.") % {"d": f"{date:%d-%m-%Y}"},
        )
    raise_if(errors)
    with transaction.atomic():
        holiday = Holiday.objects.create(date=date, name=name.strip(), created_by=actor)
        note = _("Hari libur ditambahkan: %(h)s.") % {"h": holiday}
        _record_moves(deadlines.recompute_open_cases(), actor=actor, note=note)
    return holiday


def holiday_remove(*, holiday: Holiday, actor) -> int:
    """Remove an added day off and recompute the open cases' deadlines; returns cases changed."""
    _check_rule_manager(actor, _("Hanya koordinator atau administrator yang mengelola hari libur."))
    with transaction.atomic():
        note = _("Hari libur dihapus: %(h)s.") % {"h": holiday}
        holiday.delete()
        return _record_moves(deadlines.recompute_open_cases(), actor=actor, note=note)
