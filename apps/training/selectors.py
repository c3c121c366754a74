"""Every read of sessions, registrations, pledges and the training reports, already filtered to
what the user may see: Bawaslu (and superusers) and BKPSDM see every session, a camat clerk only
the sessions of their kecamatan, anyone else none.
"""

import re
from collections.abc import Mapping
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from apps.cases.models import Respondent
from apps.core import permissions
from apps.core.errors import InvalidInput, NotFound
from apps.personnel.identifiers import parse_nip, parse_pppk_number
from apps.personnel.models import CivilServant
from apps.training.models import (
    AttendanceMethod,
    IntegrityPledge,
    Registration,
    Session,
)


def sees_all_sessions(user) -> bool:
    return permissions.is_bawaslu(user) or permissions.is_bkpsdm(user)


def sessions_visible_to(user) -> QuerySet[Session]:
    sessions = Session.objects.select_related("kecamatan", "organiser")
    if not user.is_authenticated:
        return sessions.none()
    if sees_all_sessions(user):
        return sessions
    kecamatan_id = permissions.clerk_kecamatan_id(user)
    if kecamatan_id is None:
        return sessions.none()
    return sessions.filter(kecamatan_id=kecamatan_id)


def session_list(
    user,
    *,
    kecamatan_code: str | None = None,
    starts_after: datetime | date | None = None,
    starts_before: datetime | date | None = None,
) -> QuerySet[Session]:
    """Visible sessions with their registered and present counts, newest first."""
    sessions = (
        sessions_visible_to(user)
        .annotate(
            registered_count=Count("registrations"),
            present_count=Count(
                "registrations", filter=Q(registrations__attended_at__isnull=False)
            ),
        )
        .order_by("-starts_at", "-id")
    )
    if kecamatan_code:
        sessions = sessions.filter(kecamatan__code=kecamatan_code)
    if starts_after:
        sessions = sessions.filter(starts_at__gte=_start_of(starts_after))
    if starts_before:
        sessions = sessions.filter(starts_at__lt=_start_of(starts_before))
    return sessions


def _start_of(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime(value.year, value.month, value.day))


def session_get(user, pk) -> Session:
    """The session ``pk`` if the user may see it; otherwise NotFound (404), never 403."""
    session = sessions_visible_to(user).filter(pk=pk).first()
    if session is None:
        raise NotFound(_("Sesi tidak ditemukan."))
    return session


SESSION_STATES = {
    "cancelled": _lazy("Dibatalkan"),
    "planned": _lazy("Direncanakan"),
    "running": _lazy("Berlangsung"),
    "done": _lazy("Selesai"),
    "done_empty": _lazy("Selesai, belum ada kehadiran"),
}


def session_state(session: Session, present: int, now: datetime | None = None) -> tuple:
    """What a session is now, from the clock and its check-ins (not only its stored status):
    ``(code, label)`` with code cancelled, planned, running (between start and end, or
    early check-ins already), done or done_empty."""
    now = now or timezone.now()
    if session.status == Session.Status.CANCELLED:
        code = "cancelled"
    elif now > session.ends_at:
        code = "done" if present else "done_empty"
    elif now >= session.starts_at or present:
        code = "running"
    else:
        code = "planned"
    return code, SESSION_STATES[code]


def session_counts(session: Session) -> dict:
    """Registered and present, in all and for ASN, non-ASN and late (paper) entries: one query."""
    present = Q(attended_at__isnull=False)
    asn = Q(civil_servant__isnull=False)
    return session.registrations.aggregate(
        registered=Count("id"),
        present=Count("id", filter=present),
        asn_registered=Count("id", filter=asn),
        asn_present=Count("id", filter=asn & present),
        non_asn_registered=Count("id", filter=~asn),
        non_asn_present=Count("id", filter=~asn & present),
        paper_entries=Count("id", filter=Q(attendance_method=AttendanceMethod.PAPER)),
    )


def registrations_of(session: Session) -> QuerySet[Registration]:
    return session.registrations.select_related("attendance_recorded_by").order_by(
        "name_normalised", "id"
    )


def kiosk_registrations(session: Session) -> list[dict]:
    """What a kiosk keeps to answer and search offline: code, name, institution, presence. No
    NIP, phone or NIK: a NIP typed while offline waits for the server."""
    return [
        {
            "id": pk,
            "code": code,
            "name": name,
            "institution": institution,
            "attended_at": attended_at.isoformat() if attended_at else None,
        }
        for pk, code, name, institution, attended_at in session.registrations.order_by(
            "name_normalised", "id"
        ).values_list("pk", "code", "name", "institution", "attended_at")
    ]


def civil_servant_by_nip(nip: str) -> CivilServant:
    """The ASN with this NIP / NI PPPK; InvalidInput naming the wrong digit or the missing record."""
    cleaned = re.sub(r"[\s.\-]", "", nip or "")
    found = CivilServant.objects.select_related("agency").filter(nip=cleaned).first()
    if found is not None:
        return found
    try:
        parse_nip(cleaned)
    except ValidationError as nip_error:
        try:
            parse_pppk_number(cleaned)
        except ValidationError:
            raise InvalidInput(fields={"nip": nip_error.messages}) from None
    raise InvalidInput(
        fields={
            "nip": [
                _(
                    "NIP %(nip)s tidak ditemukan di data ASN. Periksa kembali, atau daftarkan "
                    "sebagai peserta non-ASN."
                )
                % {"nip": cleaned}
            ]
        }
    )


def pledges_visible_to(user) -> QuerySet[IntegrityPledge]:
    pledges = IntegrityPledge.objects.select_related(
        "civil_servant",
        "civil_servant__agency",
        "session",
        "kecamatan",
        "recorded_by",
        "voided_by",
    )
    if not user.is_authenticated:
        return pledges.none()
    if sees_all_sessions(user):
        return pledges
    kecamatan_id = permissions.clerk_kecamatan_id(user)
    if kecamatan_id is None:
        return pledges.none()
    return pledges.filter(kecamatan_id=kecamatan_id)


# --- reports ---

COVERAGE_GROUPS = {
    "agency": ("agency_id", "agency__code", "agency__name"),
    "kecamatan": ("kecamatan_id", "kecamatan__code", "kecamatan__name"),
}


def may_see_training_coverage(user) -> bool:
    return sees_all_sessions(user) or permissions.clerk_kecamatan_id(user) is not None


def training_coverage(
    user,
    *,
    group_by: str = "agency",
    starts_after: datetime | date | None = None,
    starts_before: datetime | date | None = None,
) -> list[dict]:
    """Per agency or per kecamatan (of the ASN's place of duty): active ASN in the registry, how
    many of them were registered for a session, how many attended, and the coverage percent
    (attended / in registry). Cancelled sessions do not count. One query.

    A camat clerk sees only the ASN of their own kecamatan.
    """
    if group_by not in COVERAGE_GROUPS:
        raise InvalidInput(fields={"group_by": [_("Pilih agency atau kecamatan.")]})
    civil_servants = CivilServant.objects.filter(is_active=True)
    registrations = Registration.objects.filter(civil_servant__is_active=True)
    if not sees_all_sessions(user):
        kecamatan_id = permissions.clerk_kecamatan_id(user)
        civil_servants = civil_servants.filter(kecamatan_id=kecamatan_id)
        registrations = registrations.filter(civil_servant__kecamatan_id=kecamatan_id)
    # The ASN counted as registered or attended are found from the registrations (a few per
    # session), not by asking for each ASN of the registry whether one exists: at national
    # scale (1M ASN) the per-ASN EXISTS took seconds. Same counts: the distinct ASN with a
    # registration that counts, grouped by that ASN's agency or kecamatan.
    registrations = registrations.exclude(session__status=Session.Status.CANCELLED)
    if starts_after:
        registrations = registrations.filter(session__starts_at__gte=_start_of(starts_after))
    if starts_before:
        registrations = registrations.filter(session__starts_at__lt=_start_of(starts_before))
    key, code, name = COVERAGE_GROUPS[group_by]
    zero = Value(0, output_field=IntegerField())
    in_registry = (
        civil_servants.order_by()
        .values(key, code, name)
        .annotate(asn_in_registry=Count("pk"), asn_registered=zero, asn_attended=zero)
    )
    through = [f"civil_servant__{field}" for field in (key, code, name)]
    trained = (
        registrations.order_by()
        .values(*through)
        .annotate(
            asn_in_registry=zero,
            asn_registered=Count("civil_servant", distinct=True),
            asn_attended=Count("civil_servant", distinct=True, filter=Q(attended_at__isnull=False)),
        )
    )
    # One query (UNION ALL), ordered by the group's code: each group's two rows are merged in
    # the order the database gives (every trained ASN is in the registry, so each group has a
    # registry row).
    merged: dict = {}
    for row in in_registry.union(trained, all=True).order_by(code, key):
        group = merged.setdefault(
            row[key],
            {**row, "asn_in_registry": 0, "asn_registered": 0, "asn_attended": 0},
        )
        for count in ("asn_in_registry", "asn_registered", "asn_attended"):
            group[count] += row[count]
    rows = merged.values()
    return [
        {
            "group_by": group_by,
            "id": row[key],
            "code": row[code] or "",
            "name": row[name] or _("(tanpa kecamatan)"),
            "asn_in_registry": row["asn_in_registry"],
            "asn_registered": row["asn_registered"],
            "asn_attended": row["asn_attended"],
            "coverage_percent": coverage_percent(row["asn_attended"], row["asn_in_registry"]),
        }
        for row in rows
    ]


def coverage_percent(attended: int, total: int) -> float:
    return round(100 * attended / total, 1) if total else 0.0


def coverage_totals(rows: list[dict]) -> dict:
    total = sum(r["asn_in_registry"] for r in rows)
    attended = sum(r["asn_attended"] for r in rows)
    return {
        "asn_in_registry": total,
        "asn_registered": sum(r["asn_registered"] for r in rows),
        "asn_attended": attended,
        "coverage_percent": coverage_percent(attended, total),
    }


# --- the link to cases ---


def respondent_training_history(before_dates: Mapping[int, date]) -> dict[int, dict]:
    """For each civil servant id → cut-off date: the sessions they attended and the pledges they
    signed strictly before that date. Two queries whatever the number of people.

    Returns ``{civil_servant_id: {"attended_before", "sessions_before", "first_attended_on",
    "last_attended_on", "last_session_title", "pledge_before", "pledge_signed_on",
    "paper_sessions_before"}}``; a voided pledge does not count, a voided attendance is gone.
    """
    ids = list(before_dates)
    history = {
        cs_id: {
            "attended_before": False,
            "sessions_before": 0,
            "first_attended_on": None,
            "last_attended_on": None,
            "last_session_title": "",
            "pledge_before": False,
            "pledge_signed_on": None,
            "paper_sessions_before": 0,
        }
        for cs_id in ids
    }
    if not ids:
        return history
    attended = (
        Registration.objects.filter(civil_servant_id__in=ids, attended_at__isnull=False)
        .exclude(session__status=Session.Status.CANCELLED)
        .order_by("session__starts_at")
        .values_list(
            "civil_servant_id", "session__starts_at", "session__title", "attendance_method"
        )
    )
    for cs_id, starts_at, title, method in attended:
        held_on = timezone.localtime(starts_at).date()
        if held_on >= before_dates[cs_id]:
            continue
        entry = history[cs_id]
        entry["attended_before"] = True
        entry["sessions_before"] += 1
        entry["first_attended_on"] = entry["first_attended_on"] or held_on
        entry["last_attended_on"] = held_on
        entry["last_session_title"] = title
        # Entered afterwards from a paper list: the case views say so (issue 19).
        entry["paper_sessions_before"] += method == AttendanceMethod.PAPER
    pledges = (
        IntegrityPledge.objects.filter(civil_servant_id__in=ids, voided_at__isnull=True)
        .order_by("signed_on")
        .values_list("civil_servant_id", "signed_on")
    )
    for cs_id, signed_on in pledges:
        if signed_on < before_dates[cs_id]:
            history[cs_id]["pledge_before"] = True
            history[cs_id]["pledge_signed_on"] = signed_on
    return history


def case_training_history(case) -> list[dict]:
    """For each respondent of ``case`` linked to the registry: attendance and pledge before the
    incident date (the date the violation became known when the incident date is not recorded).
    Serializer-ready dicts; three queries.
    """
    if case.incident_on:
        reference_date, basis = case.incident_on, "incident"
    else:
        reference_date, basis = case.known_on, "known"
    # Not case.respondents: a caller may have prefetched them with only a few fields.
    respondents = list(
        Respondent.objects.filter(case=case, civil_servant__isnull=False)
        .select_related("civil_servant")
        .order_by("id")
    )
    history = respondent_training_history({r.civil_servant_id: reference_date for r in respondents})
    return [
        {
            "respondent_id": r.pk,
            "civil_servant_id": r.civil_servant_id,
            "name": r.civil_servant.name,
            "nip": r.civil_servant.nip,
            "reference_date": reference_date,
            "reference_basis": basis,
            **history[r.civil_servant_id],
        }
        for r in respondents
    ]


def respondents_trained_by_agency(cases: QuerySet) -> dict[str, dict]:
    """Per respondents' agency code, over ``cases`` (already what the user may see): how many
    respondents, and how many of them had attended a session before the incident (the date
    it became known when the incident date is not recorded). One aggregate query."""
    before = Coalesce(OuterRef("case__incident_on"), OuterRef("case__known_on"))
    attended = (
        Registration.objects.filter(
            civil_servant_id=OuterRef("civil_servant_id"), attended_at__isnull=False
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .annotate(held_on=TruncDate("session__starts_at", tzinfo=timezone.get_default_timezone()))
        .filter(held_on__lt=before)
    )
    rows = (
        Respondent.objects.filter(case__in=cases.values("pk"))
        .values("agency__code")
        .annotate(respondents=Count("pk"), trained=Count("pk", filter=Q(Exists(attended))))
    )
    return {row["agency__code"] or "": row for row in rows}
