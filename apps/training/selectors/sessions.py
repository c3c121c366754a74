"""Sessions, their registrations and the pledges, already filtered to what the user may see, and
the registry's ASN looked up by NIP for a registration."""

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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
