"""The summons to a clarification and its minutes (Bawaslu's only: they name who is heard)."""

from django.utils.translation import gettext as _

from apps.cases.models import Case, Clarification, Respondent
from apps.documents.content.common import Built, Problems, moment_input, series_key, text
from apps.documents.formatting import day_date, moment, time_text

SUMMONS_FIELDS = ("person_name", "role", "respondent", "held_at", "place", "bring", "address")
DEFAULT_BRING = "kartu identitas (KTP-el) dan dokumen atau bukti yang berkaitan dengan laporan"


def _respondent_of(case: Case, value, problems: Problems) -> Respondent | None:
    if value in (None, ""):
        return None
    found = Respondent.objects.filter(case=case, pk=value).first() if str(value).isdigit() else None
    if found is None:
        problems.add(
            "respondent", _("Terlapor %(value)s tidak ada pada kasus ini.") % {"value": value}
        )
    return found


def summons(case: Case, fields: dict, actor) -> Built:
    problems = Problems(fields, SUMMONS_FIELDS)
    role = text(fields, "role")
    if role not in Clarification.Role.values:
        labels = ", ".join(f"{v} ({label})" for v, label in Clarification.Role.choices)
        problems.add("role", _("Pilih sebagai apa ia diundang: %(roles)s.") % {"roles": labels})
    respondent = _respondent_of(case, fields.get("respondent"), problems)
    name = respondent.name if respondent else text(fields, "person_name", limit=200)
    if not name:
        problems.add("person_name", _("Nama yang diundang wajib diisi."))
    when = moment_input(fields.get("held_at"), "held_at", problems)
    place = text(fields, "place", limit=300)
    if not place:
        problems.add("place", _("Tempat klarifikasi wajib diisi."))
    problems.raise_any()
    bring = text(fields, "bring", limit=500) or DEFAULT_BRING
    inputs = {
        "person_name": name,
        "role": role,
        "respondent": respondent.pk if respondent else None,
        "held_at": when.isoformat(),
        "place": place,
        "bring": bring,
        "address": text(fields, "address", limit=300),
    }
    data = {
        "kind": case.get_kind_display(),
        "register_number": case.number or "—",
        "person": {
            "name": name,
            "role": Clarification.Role(role).label,
            "address": inputs["address"],
        },
        "when": {"date": day_date(when), "time": f"{time_text(when)} WITA"},
        "place": place,
        "bring": bring,
    }
    return Built(data, series_key(role, name), inputs)


MINUTES_FIELDS = ("clarification", "place", "officers")


def _officers(case: Case, fields: dict, actor) -> list[str]:
    given = fields.get("officers")
    if isinstance(given, str):
        given = [part for part in given.split(",")]
    names = [str(name).strip()[:200] for name in (given or []) if str(name).strip()]
    if names:
        return names
    assigned = [u.get_full_name() or u.get_username() for u in case.assigned_investigators.all()]
    return assigned or [actor.get_full_name() or actor.get_username()]


def minutes(case: Case, fields: dict, actor) -> Built:
    problems = Problems(fields, MINUTES_FIELDS)
    value = fields.get("clarification")
    clarification = (
        Clarification.objects.filter(case=case, pk=value).select_related("respondent").first()
        if str(value or "").isdigit()
        else None
    )
    if clarification is None:
        problems.add("clarification", _("Pilih klarifikasi yang sudah dicatat pada kasus ini."))
    problems.raise_any()
    place = text(fields, "place", limit=300) or _("kantor Bawaslu")
    officers = _officers(case, fields, actor)
    respondent = clarification.respondent
    data = {
        "kind": case.get_kind_display(),
        "register_number": case.number or "—",
        "held": moment(clarification.held_at),
        "place": place,
        "person": {
            "name": clarification.person_name,
            "role": clarification.get_role_display(),
            "nip": respondent.nip if respondent else "",
            "position": respondent.position if respondent else "",
        },
        "attendance": _("Hadir") if clarification.attended else _("Tidak hadir"),
        "officers": officers,
        "summary": clarification.summary or "—",
    }
    inputs = {"clarification": clarification.pk, "place": place, "officers": officers}
    return Built(data, f"clarification-{clarification.pk}", inputs)
