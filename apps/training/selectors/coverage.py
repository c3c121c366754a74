"""The training reports: per agency or kecamatan, how many of the registry's active ASN were
registered for a session and how many attended."""

from datetime import date, datetime

from django.db.models import CharField, Count, IntegerField, Q, QuerySet, Sum, Value
from django.utils.translation import gettext as _

from apps.core import permissions
from apps.core.errors import InvalidInput
from apps.personnel.models import ActivePlaceCount, Agency, Region
from apps.training.models import Registration, Session
from apps.training.selectors.sessions import _start_of, sees_all_sessions

COVERAGE_GROUPS = {"agency": "agency_id", "kecamatan": "kecamatan_id"}
COUNTS = ("asn_in_registry", "asn_registered", "asn_attended")


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
    (attended / in registry). Cancelled sessions do not count. One query; the rows in the order
    of the group's code, the ASN without kecamatan last.

    A camat clerk sees only the ASN of their own kecamatan.
    """
    if group_by not in COVERAGE_GROUPS:
        raise InvalidInput(fields={"group_by": [_("Pilih agency atau kecamatan.")]})
    key = COVERAGE_GROUPS[group_by]
    # The registry's active ASN per (agency, kecamatan), kept by the database in step with the
    # registry (apps.personnel.models.ActivePlaceCount): a few thousand rows summed, not 1M ASN
    # counted.
    places = ActivePlaceCount.objects.all()
    # The registrations carry their ASN's agency, kecamatan and active flag as the registry has
    # them (apps.training.registry_copy): counted from there, without joining 200k registrations
    # to the 1M ASN of the registry at national scale.
    registrations = Registration.objects.filter(asn_active=True)
    if not sees_all_sessions(user):
        kecamatan_id = permissions.clerk_kecamatan_id(user)
        places = places.filter(kecamatan_id=kecamatan_id)
        registrations = registrations.filter(asn_kecamatan_id=kecamatan_id)
    # The ASN counted as registered or attended are found from the registrations (a few per
    # session), not by asking for each ASN of the registry whether one exists: at national
    # scale (1M ASN) the per-ASN EXISTS took seconds. Same counts: the distinct ASN with a
    # registration that counts, grouped by that ASN's agency or kecamatan.
    registrations = registrations.exclude(
        session__in=sessions_not_counted(starts_after, starts_before)
    )
    zero = Value(0, output_field=IntegerField())
    # Counted per group id only; the codes and names come in an arm of their own (the ~100
    # agencies or the ~260 regions).
    in_registry = (
        places.order_by()
        .values(key)
        .annotate(
            **no_name(), asn_in_registry=Sum("active_asn"), asn_registered=zero, asn_attended=zero
        )
    )
    trained = (
        registrations.order_by()
        .values(f"asn_{key}")
        .annotate(
            **no_name(),
            asn_in_registry=zero,
            asn_registered=Count("civil_servant", distinct=True),
            asn_attended=Count("civil_servant", distinct=True, filter=Q(attended_at__isnull=False)),
        )
    )
    groups = Agency.objects.all() if group_by == "agency" else Region.objects.all()
    names = (
        groups.order_by()
        .values("id", "code", "name")
        .annotate(asn_in_registry=zero, asn_registered=zero, asn_attended=zero)
    )
    # Every trained ASN is in the registry: a group is a row when it has active ASN.
    return [
        {
            "group_by": group_by,
            "id": group["id"],
            "code": group["code"],
            "name": group["name"] or _("(tanpa kecamatan)"),
            "asn_in_registry": group["asn_in_registry"],
            "asn_registered": group["asn_registered"],
            "asn_attended": group["asn_attended"],
            "coverage_percent": coverage_percent(group["asn_attended"], group["asn_in_registry"]),
        }
        for group in merge_named_counts(names.union(in_registry, trained, all=True), COUNTS)
        if group["asn_in_registry"]
    ]


def sessions_not_counted(
    starts_after: datetime | date | None, starts_before: datetime | date | None
) -> QuerySet:
    """The sessions whose registrations the coverage leaves out: cancelled, or outside the
    period. Left out by a NOT IN (a hashed list of session ids), not joined: the registrations
    are then read off their partial index in the order of the group, and counted without a
    sort of the 200k of them."""
    outside = Q(status=Session.Status.CANCELLED)
    if starts_after:
        outside |= Q(starts_at__lt=_start_of(starts_after))
    if starts_before:
        outside |= Q(starts_at__gte=_start_of(starts_before))
    return Session.objects.filter(outside).values("pk")


def no_name() -> dict:
    """``code`` and ``name`` NULL: the columns of a counts arm beside a names arm."""
    blank = Value(None, output_field=CharField())
    return {"code": blank, "name": blank}


def merge_named_counts(rows: QuerySet, counts: tuple[str, ...]) -> list[dict]:
    """The rows of a UNION ALL of a names arm (``id``, ``code``, ``name``, zero counts) and arms
    of counts per group id (code and name NULL), summed per id. In the order of the codes (the
    database's), then the group without a name row (id NULL: the ASN without kecamatan)."""
    named, summed = [], {}
    for row in rows.order_by("code", "id"):
        group = summed.setdefault(
            row["id"], {"id": row["id"], "code": "", "name": "", **dict.fromkeys(counts, 0)}
        )
        if row["code"] is not None:
            group["code"], group["name"] = row["code"], row["name"]
            named.append(row["id"])
        for count in counts:
            group[count] += row[count]
    unnamed = summed.keys() - set(named)
    return [summed[group_id] for group_id in [*named, *sorted(unnamed, key=str)]]


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
