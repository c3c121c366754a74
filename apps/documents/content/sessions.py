"""The attendance list and the integrity pledge forms of a socialisation session."""

from django.utils.translation import gettext as _

from apps.core.errors import Conflict
from apps.documents.content.common import Built, Problems
from apps.documents.formatting import day_date, time_text
from apps.training import selectors
from apps.training.models import Session

ATTENDANCE_FIELDS = ("blank_rows",)
MAX_BLANK_ROWS = 200


def session_facts(session: Session) -> dict:
    return {
        "title": session.title,
        "date": day_date(session.starts_at),
        "time": f"{time_text(session.starts_at)}–{time_text(session.ends_at)} WITA",
        "venue": f"{session.venue}, Kecamatan {session.kecamatan.name}",
        "organiser": session.organiser.name if session.organiser_id else "—",
    }


def _blank_rows(fields: dict, problems: Problems) -> int:
    value = fields.get("blank_rows", 5)
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if not 0 <= count <= MAX_BLANK_ROWS:
        problems.add(
            "blank_rows",
            _("Baris kosong untuk peserta tanpa pendaftaran: 0 sampai %(max)d.")
            % {"max": MAX_BLANK_ROWS},
        )
    return count


def attendance_list(session: Session, fields: dict, actor) -> Built:
    """Every registered participant (name order), then blank numbered rows for walk-ins."""
    problems = Problems(fields, ATTENDANCE_FIELDS)
    blank = _blank_rows(fields, problems)
    problems.raise_any()
    people = selectors.registrations_of(session).values_list(
        "name", "nip", "institution", "participant_type"
    )
    rows = [
        {"no": number, "name": name, "nip": nip, "affiliation": institution or "—"}
        for number, (name, nip, institution, _type) in enumerate(people, start=1)
    ]
    registered = len(rows)
    rows += [
        {"no": number, "name": "", "nip": "", "affiliation": ""}
        for number in range(registered + 1, registered + blank + 1)
    ]
    speakers = [f"{s.name} ({s.institution})" for s in session.speakers.all()]
    data = {
        "session": session_facts(session),
        "speakers": speakers,
        "rows": rows,
        "registered_count": registered,
    }
    return Built(data, "", {"blank_rows": blank})


def pledge_forms(session: Session, fields: dict, actor) -> Built:
    """One form per ASN registered for the session (the pledge is an ASN's)."""
    Problems(fields, ()).raise_any()
    people = (
        selectors.registrations_of(session)
        .filter(civil_servant__isnull=False)
        .values_list("name", "nip", "position", "institution")
    )
    participants = [
        {"name": name, "nip": nip or "—", "position": position or "—", "institution": inst or "—"}
        for name, nip, position, inst in people
    ]
    if not participants:
        raise Conflict(
            _("Belum ada peserta ASN terdaftar pada sesi ini; pakta integritas untuk ASN."),
            code="no_participants",
        )
    return Built({"session": session_facts(session), "participants": participants})
