"""Demo cases (seed --demo): every state, due soon and overdue, consistent events, and the demo
path through the admin."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.cases import deadlines, policy
from apps.cases.demo import CASES, seed_demo_cases
from apps.cases.models import Case, CaseEvent, Respondent, SanctionType
from apps.core.errors import InvalidInput
from apps.core.seeds import seed_demo as seed_demo_accounts
from apps.personnel.identifiers import parse_nik
from apps.personnel.seeds import seed_demo as seed_demo_civil_servants

S = Case.Status
PASSWORD = "sandi-demo-uji-123"


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    settings.NETRAL_DEMO_PASSWORD = PASSWORD
    settings.MEDIA_ROOT = tmp_path
    seed_demo_accounts(log=lambda *_: None)
    seed_demo_civil_servants(log=lambda *_: None)
    created = seed_demo_cases(log=lambda *_: None)
    return created


def demo_cases():
    return Case.objects.filter(created_by__username__startswith="demo-").select_related("election")


def test_the_demo_covers_every_state_kind_kecamatan_and_agency_with_synthetic_people(demo):
    assert demo == len(CASES) == demo_cases().count()
    assert set(demo_cases().values_list("status", flat=True)) == set(S.values)
    assert set(demo_cases().values_list("kind", flat=True)) == {"laporan", "temuan"}
    assert demo_cases().values("kecamatan").distinct().count() >= 8
    agencies = Respondent.objects.filter(case__in=demo_cases()).values("agency").distinct()
    assert agencies.count() >= 10
    assigned = demo_cases().filter(assigned_investigators__username="demo-investigator")
    assert assigned.count() >= len(CASES) - 2
    reporters = [c.reporter for c in demo_cases().filter(kind="laporan")]
    assert reporters
    for reporter in reporters:
        parse_nik(reporter.nik)
        assert reporter.name.endswith("(sintetis)")


def test_a_second_run_adds_nothing(demo):
    events = CaseEvent.objects.count()
    assert seed_demo_cases(log=lambda *_: None) == 0
    assert demo_cases().count() == len(CASES)
    assert CaseEvent.objects.count() == events


def test_the_demo_has_deadlines_due_soon_and_overdue_and_work_waiting_for_each_role(demo):
    now = timezone.now()
    states = {
        d.state
        for case in demo_cases().exclude(status__in=policy.END_STATES)
        for d in deadlines.case_deadlines(case, now)
        if d.name != deadlines.REPORTING
    }
    assert {"ok", "due_soon", "overdue"} <= states
    received = demo_cases().filter(
        status=S.RECEIVED, assigned_investigators__username="demo-investigator"
    )
    assert any(_register_ready(case) for case in received)
    forwarded = demo_cases().filter(status=S.FORWARDED)
    assert forwarded.count() >= 2
    assert Respondent.objects.filter(case__in=forwarded, follow_up__isnull=True).exists()


def _register_ready(case) -> bool:
    try:
        policy.check_input(policy.TRANSITIONS["register"], case, {})
    except InvalidInput:
        return False
    return True


def test_the_events_walk_each_case_to_its_state_in_time_order(demo):
    for case in demo_cases():
        events = list(CaseEvent.objects.filter(case=case).order_by("id"))
        current = ""
        for event in events:
            if event.to_status and event.from_status != event.to_status:
                assert event.from_status == current, case
                current = event.to_status
        assert current == case.status, case
        times = [e.at for e in events]
        assert times == sorted(times) and times[0] == case.received_at, case
    out = StringIO()
    call_command("verify_evidence", stdout=out)
    assert "0 tidak cocok" in out.getvalue() and not out.getvalue().startswith("0 berkas")


def login(client, username):
    client.logout()
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def act(client, case, action, data=None):
    url = reverse("admin:cases_case_action", args=[case.pk, action])
    response = client.post(url, data or {})
    assert response.status_code == 302, response.context and [
        str(m) for m in response.context["messages"]
    ]
    return Case.objects.get(pk=case.pk)


def test_the_demo_walk_through_the_admin(client, demo):
    """The demo path on `make run`: received → review in the admin, forwarded, then closed by
    BKPSDM after recording the sanction."""
    case = next(
        c
        for c in demo_cases().filter(
            status=S.RECEIVED, assigned_investigators__username="demo-investigator"
        )
        if _register_ready(c)
    )
    change = reverse("admin:cases_case_change", args=[case.pk])

    login(client, "demo-investigator")
    page = client.get(change).content.decode()
    assert 'name="_action" value="register"' in page
    case = act(client, case, "register")
    assert case.status == S.REGISTERED and case.number
    case = act(client, case, "begin_clarification")
    case = act(client, case, "begin_review")
    assert case.status == S.REVIEW

    login(client, "demo-koordinator")
    form = client.get(reverse("admin:cases_case_action", args=[case.pk, "forward"])).context["form"]
    case = act(
        client,
        case,
        "forward",
        {
            "recipients": [r.pk for r in form.fields["recipients"].queryset[:2]],
            "letter_number": "120/PP.01.02/K.KT-05/2024",
            "letter_date": timezone.localdate().strftime("%d/%m/%Y"),
            "recommended_sanction": "berat",
        },
    )
    assert case.status == S.FORWARDED

    login(client, "demo-bkpsdm")
    respondent = case.respondents.get()
    response = client.post(
        reverse("admin:cases_case_decision", args=[case.pk, respondent.pk]),
        {
            "outcome": "sanctioned",
            "sanction_type_1": SanctionType.objects.get(code="teguran-tertulis").pk,
            "decree_number_1": "800.1.6/120/BKPSDM/2024",
            "decree_date_1": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    assert respondent.sanctions.get().decree_number == "800.1.6/120/BKPSDM/2024"
    case = act(client, case, "close")
    assert case.status == S.CLOSED
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions[-6:] == [
        "register",
        "begin_clarification",
        "begin_review",
        "forward",
        "follow_up",
        "close",
    ]
