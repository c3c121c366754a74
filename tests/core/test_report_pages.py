"""The report pages: each chart's table is the report API's answer for the same filters, the
downloads are the API's own CSV/XLSX, bad filters get a clear error in Bahasa Indonesia."""

from datetime import date

import pytest

from apps.cases.models import Case, ViolationForm
from apps.cases.reports import GROUPINGS
from tests.cases.factories import CaseFactory, wita
from tests.core.chart_tables import chart_tables
from tests.factories import CivilServantFactory, agency
from tests.training.factories import RegistrationFactory, SessionFactory

S = Case.Status
PAGE = "/laporan/kasus/"
API = "/api/v1/reports/cases/"


@pytest.fixture
def cases(reference_data):
    forms = list(ViolationForm.objects.order_by("code")[:3])
    made = [
        CaseFactory(status=S.RECEIVED, received_at=wita(2024, 10, 3, 9)),
        CaseFactory(status=S.REVIEW, kind=Case.Kind.FINDING, received_at=wita(2024, 11, 5, 9)),
        CaseFactory(status=S.FORWARDED, received_at=wita(2024, 11, 9, 9), respondents=2),
        CaseFactory(status=S.CLOSED, received_at=wita(2024, 11, 30, 23, 30)),
        CaseFactory(
            status=S.DISMISSED,
            received_at=wita(2024, 12, 1, 0, 30),
            kecamatan=None,
        ),
    ]
    for n, case in enumerate(made):
        case.violation_forms.set(forms[: n % 3 + 1])
    return made


def page_rows(client, url, params, index=0) -> list[list]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return chart_tables(response.content.decode())[index]["rows"]


def api_rows(client, params) -> list[list]:
    body = client.get(API, params).json()
    return [[g["label"], str(g["count"])] for g in body["groups"]]


FILTERS = [
    {},
    {"election": "pilkada-kukar-2024"},
    {"kecamatan": "64.02.03"},
    {"received_from": "2024-11-01", "received_until": "2024-11-30"},
]


def api_filters(filters: dict) -> dict:
    params = {k: v for k, v in filters.items() if not k.startswith("received_")}
    if "received_from" in filters:
        params["received_after"] = "2024-11-01T00:00:00+08:00"
        params["received_before"] = "2024-12-01T00:00:00+08:00"
    return params


@pytest.mark.parametrize("filters", FILTERS, ids=["semua", "pemilihan", "kecamatan", "periode"])
@pytest.mark.parametrize("group_by", list(GROUPINGS))
def test_the_charts_table_is_the_report_apis_answer(client, coordinator, cases, group_by, filters):
    client.force_login(coordinator)
    shown = page_rows(client, PAGE, {"group_by": group_by, **filters})
    assert shown == api_rows(client, {"group_by": group_by, **api_filters(filters)})


def test_a_period_counts_whole_days_in_wita(client, coordinator, cases):
    client.force_login(coordinator)
    rows = page_rows(
        client,
        PAGE,
        {"group_by": "status", "received_from": "2024-11-30", "received_until": "2024-11-30"},
    )
    assert rows == [[str(S.CLOSED.label), "1"]]  # 23.30 WITA on the 30th; not 00.30 on the 1st


def test_the_agency_filter_narrows_like_the_api(client, coordinator, cases):
    code = cases[2].respondents.first().agency.code
    client.force_login(coordinator)
    shown = page_rows(client, PAGE, {"group_by": "kind", "agency": code})
    assert shown == api_rows(client, {"group_by": "kind", "agency": code})


def test_months_per_kind_are_the_month_report_of_each_kind(client, coordinator, cases):
    client.force_login(coordinator)
    response = client.get(PAGE, {"group_by": "month"})
    by_kind = chart_tables(response.content.decode())[1]
    reports = {
        kind: {
            g["label"]: g["count"]
            for g in client.get(API, {"group_by": "month", "kind": kind}).json()["groups"]
        }
        for kind in ("laporan", "temuan")
    }
    assert by_kind["headers"] == ["Bulan", "Laporan", "Temuan"]
    for label, reports_n, findings_n in by_kind["rows"]:
        assert int(reports_n) == reports["laporan"].get(label, 0)
        assert int(findings_n) == reports["temuan"].get(label, 0)
    assert sum(int(r[1]) + int(r[2]) for r in by_kind["rows"]) == len(cases)


def test_the_downloads_are_the_apis_exports_of_the_same_filters(client, coordinator, cases):
    client.force_login(coordinator)
    response = client.get(PAGE, {"group_by": "kecamatan", "kecamatan": "64.02.03"})
    downloads = response.context["downloads"]
    assert downloads["csv"].startswith(API) and "kecamatan=64.02.03" in downloads["csv"]
    assert "Unduh CSV" in response.content.decode() and "Unduh XLSX" in response.content.decode()
    csv = b"".join(client.get(downloads["csv"]).streaming_content).decode("utf-8-sig")
    assert "Loa Janan" in csv and csv.splitlines()[0].startswith("Kode,Kecamatan,Jumlah kasus")
    xlsx = client.get(downloads["xlsx"])
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_deadline_page_is_the_deadline_report(client, bkpsdm_officer, cases):
    client.force_login(bkpsdm_officer)
    table = chart_tables(client.get("/laporan/batas-waktu/").content.decode())[0]
    stages = client.get("/api/v1/reports/deadlines/").json()["stages"]
    assert [row[0] for row in table["rows"]] == [s["label"] for s in stages]
    for row, stage in zip(table["rows"], stages, strict=True):
        on_time, late, running, overdue = (int(v) for v in row[1:])
        assert (on_time, late, running + overdue, overdue) == (
            stage["on_time"],
            stage["late"],
            stage["open"],
            stage["overdue"],
        )


def test_the_coverage_page_is_the_coverage_report_beside_the_respondents(
    client, coordinator, reference_data
):
    education = agency("DISDIKBUD")
    trained, untrained = (CivilServantFactory(agency=education) for _ in range(2))
    session = SessionFactory(starts_at=wita(2024, 10, 22, 9))
    RegistrationFactory(session=session, civil_servant=trained, attended_at=wita(2024, 10, 22, 9))
    for servant in (trained, untrained):
        case = CaseFactory(status=S.REVIEW, respondents=0, incident_on=date(2024, 11, 1))
        case.respondents.create(
            civil_servant=servant, name=servant.name, nip=servant.nip, agency=education
        )
    client.force_login(coordinator)
    tables = chart_tables(client.get("/laporan/sosialisasi/").content.decode())
    api = client.get("/api/v1/reports/training-coverage/", {"group_by": "agency"}).json()
    expected = [
        [r["name"], *(str(r[k]) for k in ("asn_in_registry", "asn_registered", "asn_attended"))]
        for r in api["results"]
    ]
    assert [row[:4] for row in tables[0]["rows"]] == expected
    beside = {row[0]: row[1:] for row in tables[1]["rows"]}
    assert beside[education.name][1:] == ["2", "1"]  # two respondents, one trained before


def test_the_trained_count_ignores_sessions_after_the_incident(client, coordinator, reference_data):
    education = agency("DISDIKBUD")
    servant = CivilServantFactory(agency=education)
    session = SessionFactory(starts_at=wita(2024, 11, 1, 9))  # the incident's own day
    RegistrationFactory(session=session, civil_servant=servant, attended_at=wita(2024, 11, 1, 9))
    case = CaseFactory(status=S.REVIEW, respondents=0, incident_on=date(2024, 11, 1))
    case.respondents.create(civil_servant=servant, name=servant.name, agency=education)
    client.force_login(coordinator)
    tables = chart_tables(client.get("/laporan/sosialisasi/").content.decode())
    assert {row[0]: row[2:] for row in tables[1]["rows"]}[education.name] == ["1", "0"]


def test_a_period_ending_before_it_starts_is_refused_in_indonesian(client, coordinator, cases):
    client.force_login(coordinator)
    response = client.get(
        PAGE, {"group_by": "status", "received_from": "2024-11-30", "received_until": "2024-11-01"}
    )
    assert response.status_code == 200
    assert "Tanggal akhir tidak boleh sebelum tanggal awal periode." in response.content.decode()
    assert "chart" not in response.context


def test_an_unknown_grouping_is_refused_in_indonesian(client, coordinator, cases):
    client.force_login(coordinator)
    response = client.get(PAGE, {"group_by": "warna"})
    assert "Masukkan pilihan yang valid. warna bukan salah satu" in response.content.decode()


@pytest.mark.parametrize("field", ["election", "kecamatan", "agency"])
def test_an_unknown_reference_code_is_refused_beside_its_field(client, coordinator, cases, field):
    client.force_login(coordinator)
    response = client.get(PAGE, {"group_by": "status", field: "XX-99"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<ul class="errorlist" id="id_{field}_error">' in html
    assert "Masukkan pilihan yang valid. XX-99 bukan salah satu" in html
    assert "chart" not in response.context


@pytest.mark.parametrize(
    "url", ["/laporan/", PAGE, "/laporan/batas-waktu/", "/laporan/sosialisasi/"]
)
def test_camat_clerks_may_not_open_the_case_reports(client, clerk_loajanan, url):
    client.force_login(clerk_loajanan)
    assert client.get(url).status_code == 403


def test_every_report_is_listed(client, coordinator, reference_data):
    client.force_login(coordinator)
    pages = client.get("/laporan/").context["pages"]
    assert len(pages) == len(GROUPINGS) + 2


def test_the_filters_keep_what_was_chosen(client, coordinator, cases):
    client.force_login(coordinator)
    html = client.get(PAGE, {"group_by": "kecamatan", "kecamatan": "64.02.03"}).content.decode()
    assert '<option value="64.02.03" selected>' in html
    assert '<option value="kecamatan" selected>' in html


# page: its queries, the same with three cases or twelve. Session, user and roles (3; the session
# is only read: apps.core.session_activity), the unread notifications (1), the filters' choices
# (election, kecamatan, agency: 1, apps.core.report_pages.reference_choices; a chosen one is
# checked against them), then the report: one query per chart (two for months: the report and
# its split by kind). The training page: no filters' choices; the coverage and the respondents
# beside it (2).
EXPECTED_QUERIES = {
    f"{PAGE}?group_by=status": 6,
    f"{PAGE}?group_by=month": 7,
    f"{PAGE}?group_by=agency&kecamatan=64.02.03": 6,
    "/laporan/batas-waktu/": 6,
    "/laporan/sosialisasi/": 6,
}


@pytest.mark.parametrize("url", EXPECTED_QUERIES)
def test_a_report_page_costs_the_same_queries_whatever_the_cases(
    url, client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    for size in (3, 12):
        for n in range(size - Case.objects.count()):
            CaseFactory(status=[S.RECEIVED, S.REVIEW, S.FORWARDED, S.CLOSED][n % 4], respondents=2)
        with django_assert_num_queries(EXPECTED_QUERIES[url]):
            assert client.get(url).status_code == 200


def test_the_filters_list_the_latest_election_first_and_kecamatan_and_agencies_by_name(
    reference_data,
):
    from apps.cases.models import Election
    from apps.core.report_pages import reference_choices
    from apps.personnel.models import Agency, Region

    base = Election.objects.order_by("voting_on").first()
    later = Election.objects.get(pk=base.pk)
    later.pk, later.code, later.voting_on = None, "pilkada-kukar-2029", date(2029, 11, 27)
    later.save()
    choices = reference_choices()
    assert choices["election"][0] == ("pilkada-kukar-2029", later.name)
    assert choices["election"] == list(
        Election.objects.order_by("-voting_on", "code").values_list("code", "name")
    )
    kecamatan = sorted(Region.objects.filter(level="kecamatan"), key=lambda r: r.name)
    assert choices["kecamatan"] == [(r.code, f"{r.code} {r.name}") for r in kecamatan]
    agencies = sorted(Agency.objects.values_list("code", "name"), key=lambda a: a[1])
    assert choices["agency"] == agencies
