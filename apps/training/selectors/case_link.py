"""The link to cases: whether a case's respondents attended a session or signed a pledge before
the incident, for one case and per agency over many."""

from collections.abc import Mapping
from datetime import date

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from apps.cases.models import Respondent
from apps.cases.selectors import is_every_case
from apps.personnel.models import Agency
from apps.training.models import AttendanceMethod, IntegrityPledge, Registration, Session
from apps.training.selectors.coverage import merge_named_counts, no_name


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
    it became known when the incident date is not recorded). One query.

    Returns ``{agency code: {"agency__code", "respondents", "trained"}}``, ``""`` for the
    respondents without agency; only agencies with respondents."""
    before = Coalesce(OuterRef("case__incident_on"), OuterRef("case__known_on"))
    attended = (
        Registration.objects.filter(
            civil_servant_id=OuterRef("civil_servant_id"), attended_at__isnull=False
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .annotate(held_on=TruncDate("session__starts_at", tzinfo=timezone.get_default_timezone()))
        .filter(held_on__lt=before)
    )
    respondents = Respondent.objects.order_by()
    if not is_every_case(cases):
        respondents = respondents.filter(case__in=cases.values("pk"))
    zero = Value(0, output_field=IntegerField())
    # The trained respondents are an arm of their own with the EXISTS in its WHERE: PostgreSQL
    # then hashes the attended registrations once (a semi-join) instead of probing them for
    # each of 125k respondents inside a COUNT's filter. Counted per agency id, merged with an arm
    # of the ~100 agencies' codes as the coverage report merges its arms (grouping by code
    # joined every respondent to its agency and sorted them by it).
    counted = respondents.values("agency_id").annotate(
        **no_name(), respondents=Count("*"), trained=zero
    )
    trained = (
        respondents.filter(Exists(attended))
        .values("agency_id")
        .annotate(**no_name(), respondents=zero, trained=Count("*"))
    )
    names = Agency.objects.order_by().values("id", "code", "name")
    names = names.annotate(respondents=zero, trained=zero)
    groups = merge_named_counts(names.union(counted, trained, all=True), ("respondents", "trained"))
    return {
        group["code"]: {
            "agency__code": group["code"],
            "respondents": group["respondents"],
            "trained": group["trained"],
        }
        for group in groups
        if group["respondents"]
    }
