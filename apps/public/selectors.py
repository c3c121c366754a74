"""Reads for the public pages and API: a case's status by tracking code and PIN, and the notice
board. What they return never holds a name, NIK, NIP, phone, respondent, agency, evidence or
chronology: they select only the columns listed here."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q

from apps.cases import deadlines, policy, tracking
from apps.cases.models import Case, CaseEvent
from apps.core import clock
from apps.public.next_steps import NEXT_STEPS

TRACK_COLUMNS = (
    "pk",
    "kind",
    "status",
    "number",
    "received_at",
    "reason_code",
    "tracking_code",
    "tracking_pin",
)


def case_track(*, code: str, pin: str) -> dict | None:
    """The case's public status, or None when the code is unknown, the PIN wrong, or no PIN was
    issued (one answer for all three; the PIN is hashed either way, so timing tells nothing)."""
    code = tracking.normalise_code(code)
    case = Case.objects.filter(tracking_code=code).only(*TRACK_COLUMNS).first() if code else None
    if not tracking.pin_matches(str(pin or "").strip(), case.tracking_pin if case else None):
        return None
    changes = (
        CaseEvent.objects.filter(case_id=case.pk)
        .exclude(to_status="")
        .exclude(from_status=F("to_status"))
        .order_by("at", "id")
        .values_list("to_status", "at")
    )
    status = Case.Status(case.status)
    answer = {
        "code": tracking.display_code(case.tracking_code),
        "kind": case.kind,
        "kind_label": str(Case.Kind(case.kind).label),
        "status": case.status,
        "status_label": str(status.label),
        "received_on": deadlines.local_date(case.received_at),
        "register_number": case.number or "",
        "history": [
            {"status": to, "status_label": str(Case.Status(to).label), "at": at}
            for to, at in changes
        ]
        or [  # a case entered without its timeline (an import): at least its receipt
            {
                "status": Case.Status.RECEIVED.value,
                "status_label": str(Case.Status.RECEIVED.label),
                "at": case.received_at,
            }
        ],
        "next_step": str(NEXT_STEPS[status]),
        "reason": None,
    }
    if status in (Case.Status.NOT_REGISTERED, Case.Status.DISMISSED):
        answer["reason"] = {
            "category": str(Case.ReasonCode(case.reason_code).label) if case.reason_code else "",
            "unmet": registration_unmet(case) if status == Case.Status.NOT_REGISTERED else [],
        }
    return answer


def registration_unmet(case: Case) -> list[str]:
    """The formal and material requirements ``register`` finds unmet, in the words of the
    status notice (generic sentences and dates; never the people)."""
    full = Case.objects.select_related("election").get(pk=case.pk)
    return [
        str(message)
        for guard in policy.OPERATIONS["register"].guards
        for _field, message in guard(full, {})
    ]


def notice_board(*, now=None) -> list[dict]:
    """Registration decisions of the last ``NETRAL_NOTICE_BOARD_DAYS`` days, newest first: the
    register number, the date, the kind, registered or not and the reason category."""
    since = (now or clock.now()) - timedelta(days=settings.NETRAL_NOTICE_BOARD_DAYS)
    rows = (
        Case.objects.filter(
            Q(number__isnull=False, registered_at__gte=since)
            | Q(status=Case.Status.NOT_REGISTERED, decided_at__gte=since)
        )
        .order_by()
        .values(
            "pk",
            "kind",
            "status",
            "number",
            "registered_at",
            "decided_at",
            "reason_code",
            "election__name",
        )
    )
    entries = []
    for row in rows:
        registered = row["number"] is not None
        at = row["registered_at"] if registered else row["decided_at"]
        entries.append(
            {
                "id": row["pk"],
                "register_number": row["number"] or "",
                "decided_on": deadlines.local_date(at),
                "decided_at": at,
                "election": row["election__name"],
                "kind": row["kind"],
                "kind_label": str(Case.Kind(row["kind"]).label),
                "registered": registered,
                "decision_label": str(Case.Status.REGISTERED.label)
                if registered
                else str(Case.Status.NOT_REGISTERED.label),
                "reason_category": ""
                if registered or not row["reason_code"]
                else str(Case.ReasonCode(row["reason_code"]).label),
            }
        )
    entries.sort(key=lambda e: (e["decided_at"], e["id"]), reverse=True)
    return entries
