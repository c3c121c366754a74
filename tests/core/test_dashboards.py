"""The home page of each role on a known set of cases: every number on the page equals a count
made here, independently, over the cases in Python; the most urgent deadline comes first; the
cost is a fixed number of queries whatever the number of cases."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from apps.cases.models import Case, DataBlock, FollowUp, Objection, Sanction
from tests.cases.factories import CaseFactory
from tests.factories import UserFactory

S = Case.Status
HORIZON = timedelta(hours=48)
CASE_LIST = "/admin/cases/case/"


@pytest.fixture
def known_cases(investigator):
    """Nine cases: late and due-soon deadlines, a review waiting for the pleno, unassigned
    cases, forwarded cases waiting for the PPK, an objection and a data block."""
    now = timezone.now()
    cases = {
        "late_received": CaseFactory(status=S.RECEIVED, assigned_to=[investigator]),
        "late_finding": CaseFactory(
            status=S.RECEIVED, kind=Case.Kind.FINDING, received_at=now - timedelta(days=9)
        ),
        "soon_registered": CaseFactory(
            status=S.REGISTERED, received_at=now - timedelta(days=2), assigned_to=[investigator]
        ),
        "pleno": CaseFactory(
            status=S.REVIEW,
            received_at=now - timedelta(hours=1),
            conclusion="Terbukti: unggahan ajakan memilih.",
            assigned_to=[investigator],
        ),
        "review": CaseFactory(status=S.REVIEW, received_at=now - timedelta(hours=2)),
        "forwarded_late": CaseFactory(status=S.FORWARDED, respondents=2),
        "forwarded_decided": CaseFactory(status=S.FORWARDED, followed_up=True),
        "closed": CaseFactory(status=S.CLOSED, assigned_to=[investigator]),
        "dismissed": CaseFactory(status=S.DISMISSED),
    }
    this_year = timezone.localdate().replace(month=1, day=2)
    sanction = Sanction.objects.filter(respondent__case=cases["closed"]).get()
    Sanction.objects.filter(pk=sanction.pk).update(decree_date=this_year)
    Objection.objects.create(
        sanction=sanction, kind="keberatan", filed_on=this_year, recorded_by=investigator
    )
    respondent = cases["forwarded_late"].respondents.first()
    DataBlock.objects.create(
        respondent=respondent,
        request_letter="700/BLOKIR/2024",
        requested_on=this_year,
        recorded_by=investigator,
    )
    return cases


def expected_numbers(cases: list[Case], now) -> dict:
    """The home page's numbers counted here in Python, not by the selectors' SQL."""
    horizon = now + HORIZON
    open_states = {S.RECEIVED, S.REGISTERED, S.CLARIFICATION, S.REVIEW, S.FORWARDED}
    clocks = [c for c in cases if c.next_due_at and c.next_due_at < horizon]
    # A received report's window: ending within the 48 hours, or missed when it came in
    # (daluwarsa); one that ended after the report came in is met.
    reporting = [
        c
        for c in cases
        if c.status == S.RECEIVED
        and (now <= c.reporting_due_at < horizon or c.received_at > c.reporting_due_at)
    ]
    return {
        "due_total": len(clocks) + len(reporting),
        "overdue": sum(1 for c in cases if c.next_due_at and c.next_due_at < now),
        "due_soon": sum(1 for c in cases if c.next_due_at and now <= c.next_due_at < horizon),
        "pleno": sum(1 for c in cases if c.status == S.REVIEW and c.conclusion),
        "unassigned": sum(
            1 for c in cases if c.status in open_states and not c.assigned_investigators.exists()
        ),
        "statuses": {s: sum(1 for c in cases if c.status == s) for s in S.values},
        "most_urgent": min(
            [(c.next_due_at, c.pk) for c in clocks]
            + [(c.reporting_due_at, c.pk) for c in reporting]
        )[1],
    }


def assert_home_matches(response, cases: list[Case], *, unassigned: bool = True):
    expected = expected_numbers(cases, response.context["now"])
    counts = response.context["counts"]
    assert response.context["due_total"] == expected["due_total"]
    for name in ("overdue", "due_soon", "pleno"):
        assert counts[name] == expected[name], name
    # The investigator's home lists only their assigned cases and does not count unassigned ones.
    assert counts["unassigned"] == (expected["unassigned"] if unassigned else None)
    shown = {str(label): count for label, count, _url in response.context["statuses"]}
    assert shown == {str(S(s).label): n for s, n in expected["statuses"].items()}
    assert response.context["due"][0].case_id == expected["most_urgent"]
    html = response.content.decode()
    assert f"<strong>{expected['overdue']}</strong> kasus terlambat" in html


def rows_of(html: str, case) -> list[str]:
    """The table rows (``<tr …>…</tr>``, without the tag's name) that link to ``case``."""
    rows = (chunk.split("</tr>", 1)[0] for chunk in html.split("<tr")[1:])
    return [r for r in rows if f"/admin/cases/case/{case.pk}/change/" in r]


def test_the_coordinators_home_counts_every_case(client, coordinator, known_cases):
    client.force_login(coordinator)
    response = client.get("/")
    assert response.status_code == 200
    assert_home_matches(response, list(Case.objects.all()))
    assert "Hari ini" in response.content.decode()


def test_a_due_row_names_the_case_its_respondents_and_what_is_due(client, coordinator, known_cases):
    case = known_cases["late_received"]
    case.respondents.update(name="Rina <b>Hartati</b> & Co")
    Case.objects.filter(pk=case.pk).update(reporting_due_at=timezone.now() + timedelta(hours=30))
    client.force_login(coordinator)

    html = client.get("/").content.decode()

    # A late clock and its reporting window (ending within 48 hours): a row each.
    rows = rows_of(html, case)
    late = [r for r in rows if r.startswith(' class="is-overdue"')]
    assert len(rows) == 2 and len(late) == 1
    assert "Terlambat" in late[0]
    for row in rows:
        assert "Rina &lt;b&gt;Hartati&lt;/b&gt; &amp; Co" in row
        assert "<b>" not in row
        assert " WITA</small>" in row


def test_the_investigators_home_counts_only_their_cases(client, investigator, known_cases):
    client.force_login(investigator)
    response = client.get("/")
    mine = list(Case.objects.filter(assigned_investigators=investigator))
    assert_home_matches(response, mine, unassigned=False)
    assert "belum ditugaskan" not in response.content.decode()
    assert {row.case_id for row in response.context["due"]} <= {c.pk for c in mine}


def test_the_bkpsdm_home_shows_what_waits_for_the_ppk(client, bkpsdm_officer, known_cases):
    client.force_login(bkpsdm_officer)
    response = client.get("/")
    assert response.status_code == 200
    waiting = [
        r
        for c in Case.objects.filter(status=S.FORWARDED)
        for r in c.respondents.all()
        if not FollowUp.objects.filter(respondent=r).exists()
    ]
    by_agency = response.context["waiting"]
    assert sum(row["respondents"] for row in by_agency) == len(waiting) == 2
    now = response.context["now"]
    late = [r for r in waiting if r.case.follow_up_due_at < now]
    assert sum(row["overdue"] for row in by_agency) == len(late)
    assert response.context["outcome_counts"] == {"objections": 1, "blocks": 1}
    year = timezone.localdate().year
    in_year = Sanction.objects.filter(decree_date__year=year, state="in_force").count()
    assert response.context["sanctions_total"] == in_year == 1
    assert response.context["due"][0].case_id == known_cases["forwarded_late"].pk
    horizon = now + timedelta(hours=48)
    forwarded = Case.objects.filter(status=S.FORWARDED)
    assert response.context["due_total"] == sum(1 for c in forwarded if c.next_due_at < horizon)
    html = response.content.decode()
    for listed in (known_cases["closed"], known_cases["forwarded_late"]):  # objection, block
        assert f'<a href="/admin/cases/case/{listed.pk}/change/">{listed.number}</a>' in html
    sanction = Sanction.objects.get(decree_date__year=year, state="in_force")
    agency = sanction.respondent.agency.name
    assert f'<th scope="row">{sanction.sanction_type.name}</th><td>{agency}</td><td>1</td>' in html


def test_a_case_waiting_for_the_pleno_links_to_its_page(client, coordinator, known_cases):
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    pleno = known_cases["pleno"]
    assert pleno.number
    assert f'<li><a href="/admin/cases/case/{pleno.pk}/change/">{pleno.number}</a>' in html


def test_a_reporting_window_is_due_while_it_runs_or_when_the_report_came_in_after_it(
    client, coordinator, known_cases
):
    """Found walking the home page: a report received in time whose window had ended long ago
    was listed under "Hari ini" as *Segera berakhir*; the case page calls that window met."""
    now = timezone.now()
    met = known_cases["late_received"]  # received in time; its window ended since
    assert met.received_at <= met.reporting_due_at < now
    running = CaseFactory(status=S.RECEIVED)
    Case.objects.filter(pk=running.pk).update(reporting_due_at=now + timedelta(hours=30))
    daluwarsa = CaseFactory(status=S.RECEIVED)
    Case.objects.filter(pk=daluwarsa.pk).update(
        received_at=daluwarsa.reporting_due_at + timedelta(hours=1)
    )
    client.force_login(coordinator)

    html = client.get("/").content.decode()

    def reporting_row(case) -> list[str]:
        return [r for r in rows_of(html, case) if "Batas waktu pelaporan" in r]

    assert reporting_row(met) == []
    (row,) = reporting_row(running)
    assert "Berjalan" in row and "Registrasi sebelum batas pelaporan berakhir" in row
    (row,) = reporting_row(daluwarsa)
    assert "Terlambat" in row and "Daluwarsa: tolak laporan" in row


def test_each_count_links_to_a_case_list_of_that_many_cases(client, coordinator, known_cases):
    """Found walking the home page: "N kasus berakhir dalam 48 jam" linked to the list of cases
    due within the 24 hours of *Segera berakhir*, so a case due in 36 hours was counted and
    then not listed."""
    Case.objects.filter(pk=known_cases["review"].pk).update(
        next_due_at=timezone.now() + timedelta(hours=36)
    )
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    counts = html.split('<ul class="dash-counts"', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'<a href="([^"]+)"><strong>(\d+)</strong>([^<]+)</a>', counts)
    assert len(links) == 4
    for href, number, label in links:
        listed = client.get(unescape(href)).context["cl"].result_count
        assert listed == int(number), label
    shown = {label.strip(): int(number) for _href, number, label in links}
    assert shown["kasus berakhir dalam 48 jam"] >= 1


def test_a_camat_clerk_still_lands_on_their_sessions(client, clerk_loajanan):
    client.force_login(clerk_loajanan)
    assert client.get("/").url == "/training/"


def test_staff_without_a_case_role_land_on_the_admin(client, reference_data):
    client.force_login(UserFactory(username="staf-saja", is_staff=True))
    assert client.get("/").url == "/admin/"


# role: queries of its home page, the same with three cases or with twelve. Session and user (2;
# the session is only read: apps.core.session_activity), the user's roles (1), the unread
# notifications (1) (not the admin's list of apps, which only its sidebar shows:
# apps.core.dashboards.admin_frame); then the selectors: coordinator and investigator 2 due rows
# + their respondents 1, the counts and the cases per status 1 (the coordinator's unassigned
# cases 1 more), pleno 1, chart 1 (months by kind); BKPSDM 2 due
# rows + 1 and their count 2 (clocks, reporting windows), waiting 1 + its agencies' names 1,
# objections and blocks 2 + their counts 2, sanctions of the year 1 (its chart sums them; two
# more, the names of their types and agencies, when there are some: none here).
EXPECTED_QUERIES = {"coordinator": 11, "investigator": 10, "bkpsdm_officer": 16}


@pytest.mark.parametrize("role", EXPECTED_QUERIES)
def test_a_home_page_costs_the_same_queries_whatever_the_cases(
    role, request, client, investigator, django_assert_num_queries
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for size in (3, 12):
        for n in range(size - Case.objects.count()):
            status = [S.RECEIVED, S.REVIEW, S.FORWARDED, S.CLOSED][n % 4]
            CaseFactory(status=status, assigned_to=[investigator], respondents=2)
        with django_assert_num_queries(EXPECTED_QUERIES[role]):
            assert client.get("/").status_code == 200


def test_the_open_case_index_covers_the_open_states():
    """The partial index the home page counts unassigned open cases from is on the open states
    (its condition is spelled out in the model: the states module imports the models)."""
    from apps.cases.models import Case
    from apps.cases.states import OPEN_STATES

    index = next(i for i in Case._meta.indexes if i.name == "case_open_idx")
    ((lookup, states),) = index.condition.children
    assert lookup == "status__in"
    assert set(states) == set(OPEN_STATES)


@pytest.mark.postgres
def test_the_soonest_reporting_windows_are_read_in_order_off_their_index(known_cases):
    """The coordinator's "Hari ini" reads the received reports whose window ends soonest (or was
    missed) in order; at national scale sorting every received report cost 23 ms, reading them
    off the partial index 6-8 ms."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.cases import dashboard

    with CaptureQueriesContext(connection) as captured:
        dashboard.due_rows(Case.objects.all(), timezone.now())
    (sql,) = [q["sql"] for q in captured if '"reporting_due_at" <' in q["sql"]]
    with connection.cursor() as cursor:
        # A handful of rows here, and statistics of whatever the suite left: make every other
        # way dear, so that the plan shows whether this index can give the rows in order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "case_received_reporting_idx" in plan
    assert "Sort" not in plan, plan


def test_a_due_rows_badge_is_the_one_the_case_list_shows(client, coordinator, known_cases):
    """Found walking the home page: every deadline not yet passed within the 48 hours was badged
    *Segera berakhir*, while the case list badges only the last 24 hours so
    (NETRAL_DEADLINE_DUE_SOON_HOURS) and the later ones *berjalan*."""
    now = timezone.now()
    in_12_hours, in_36_hours = known_cases["review"], known_cases["pleno"]
    for case, hours in ((in_12_hours, 12), (in_36_hours, 36)):  # both in review: the decision
        due = now + timedelta(hours=hours)
        Case.objects.filter(pk=case.pk).update(decision_due_at=due, next_due_at=due)
    client.force_login(coordinator)

    home = client.get("/").content.decode()
    case_list = client.get(CASE_LIST).content.decode()

    for case, state, label in (
        (in_12_hours, "due_soon", "Segera berakhir"),
        (in_36_hours, "ok", "Berjalan"),
    ):
        (row,) = rows_of(home, case)
        assert f'<span class="deadline deadline-{state}">{label}</span>' in row
        (listed,) = rows_of(case_list, case)
        assert f"deadline-{state}" in listed
