"""``reports.cases_report`` against counts made in Python, for every grouping and filter: a case
with several respondents (same agency, different agencies, no agency), several forms of one
default category, sanctions in force beside changed ones, no respondents or forms at all. The
many-valued groupings count each case once per group and once in the total."""

from collections import Counter
from datetime import date

import pytest

from apps.cases import reports
from apps.cases.api.filters import CaseFilter
from apps.cases.models import Case, Respondent, Sanction, SanctionType, ViolationForm
from tests.cases.factories import CaseFactory, election, wita
from tests.factories import UserFactory, agency, kecamatan

S = Case.Status


def respondent(case, agency_code=None, name="Terlapor Uji"):
    return Respondent.objects.create(
        case=case, name=name, agency=agency(agency_code) if agency_code else None
    )


def sanction(person, code, state=Sanction.State.IN_FORCE):
    return Sanction.objects.create(
        respondent=person,
        sanction_type=SanctionType.objects.get(code=code),
        decree_number=f"800/{person.pk}/{code}",
        decree_date=date(2024, 11, 20),
        state=state,
        recorded_by=UserFactory(username=f"bkpsdm-{person.pk}-{code}-{state}"),
    )


@pytest.fixture
def mixed(reference_data):
    by_severity: dict[str, list[ViolationForm]] = {}
    for form in ViolationForm.objects.order_by("code"):
        by_severity.setdefault(form.default_severity, []).append(form)
    twins = next(forms[:2] for forms in by_severity.values() if len(forms) > 1)
    other = next(f for f in ViolationForm.objects.order_by("code") if f not in twins)
    types = list(SanctionType.objects.exclude(code="none").order_by("code")[:2])

    same_agency = CaseFactory(status=S.CLOSED, respondents=0, followed_up=False)
    same_agency.violation_forms.set(twins)  # two forms, one default category
    for _ in range(2):
        sanction(respondent(same_agency, "DISDIKBUD"), types[0].code)

    two_agencies = CaseFactory(
        status=S.CLOSED,
        respondents=0,
        followed_up=False,
        kecamatan=kecamatan("64.02.06"),
        received_at=wita(2024, 10, 31, 23, 30),
    )
    two_agencies.violation_forms.set([twins[0], other])
    sanction(respondent(two_agencies, "DISDIKBUD"), types[0].code)
    changed = respondent(two_agencies, "SDN-64.02.03")
    sanction(changed, types[0].code, Sanction.State.CHANGED)
    sanction(changed, types[1].code)

    no_agency = CaseFactory(status=S.FORWARDED, respondents=0, kind=Case.Kind.FINDING)
    no_agency.violation_forms.set([other])
    respondent(no_agency)
    respondent(no_agency, "SDN-64.02.03")

    CaseFactory(status=S.RECEIVED, respondents=0, kecamatan=None)  # nothing to group by
    other_election = CaseFactory(
        status=S.REVIEW,
        respondents=0,
        election=election("pemilu-2024"),
        received_at=wita(2024, 12, 1, 0, 30),
    )
    other_election.violation_forms.set(twins)
    respondent(other_election, "DISDIKBUD")
    annulled = respondent(other_election, "DISDIKBUD")
    sanction(annulled, types[1].code, Sanction.State.ANNULLED)


def keys_of(case: Case, group_by: str) -> set:
    """The groups a case is counted in, as the report's joins find them."""
    forms = list(case.violation_forms.all())
    people = list(case.respondents.all())
    if group_by == "violation_form":
        return {f.code for f in forms} or {None}
    if group_by == "severity":
        return {f.default_severity for f in forms} or {None}
    if group_by == "agency":
        return {r.agency.code if r.agency else None for r in people} or {None}
    if group_by == "sanction_type":
        found = set()
        for person in people:
            in_force = person.sanctions.filter(state=Sanction.State.IN_FORCE)
            found |= {s.sanction_type.code for s in in_force} or {None}
        return found or {None}
    if group_by == "kecamatan":
        return {case.kecamatan.code if case.kecamatan else None}
    if group_by == "month":
        received = case.received_at.astimezone(reports.clock.WITA)
        return {f"{received:%Y-%m}"}
    return {getattr(case, group_by)}


FILTERS = [
    {},
    {"election": "pilkada-kukar-2024"},
    {"kecamatan": "64.02.03"},
    {"agency": "SDN-64.02.03"},
    {"received_after": "2024-11-01T00:00:00+08:00", "received_before": "2024-12-01T00:00:00+08:00"},
]


@pytest.mark.parametrize(
    "filters", FILTERS, ids=["all", "election", "kecamatan", "agency", "period"]
)
@pytest.mark.parametrize("group_by", list(reports.GROUPINGS))
def test_each_case_counts_once_per_group_and_once_in_the_total(mixed, group_by, filters):
    cases = CaseFilter(filters, queryset=Case.objects.all()).qs
    expected = Counter()
    for case in cases:
        expected.update(keys_of(case, group_by))
    report = reports.cases_report(cases, group_by)
    assert report["total"] == cases.count()
    assert {g["key"]: g["count"] for g in report["groups"]} == dict(expected)
    assert len(report["groups"]) == len(expected)  # one row per group, none split by its label


def test_the_many_valued_groups_add_up_to_more_than_the_total(mixed):
    report = reports.cases_report(Case.objects.all(), "agency")
    counts = {g["key"]: g["count"] for g in report["groups"]}
    assert report["total"] == 5
    assert counts == {"DISDIKBUD": 3, "SDN-64.02.03": 2, None: 2}
    assert [g["label"] for g in report["groups"]][-1] == "Unit kerja tidak diketahui"
