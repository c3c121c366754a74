"""The training reports: per agency or kecamatan, how many of the registry's active ASN were
registered for a session and how many attended."""

from datetime import date, datetime

from django.db.models import Count, IntegerField, Q, Value
from django.utils.translation import gettext as _

from apps.core import permissions
from apps.core.errors import InvalidInput
from apps.personnel.models import CivilServant
from apps.training.models import Registration, Session
from apps.training.selectors.sessions import _start_of, sees_all_sessions

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
