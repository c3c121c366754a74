import csv
import io

import pytest
from openpyxl import load_workbook

from apps.cases.models import Case, ReporterAccess, Respondent
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory, wita

LIST = "/api/v1/cases/"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def pks(cases, *names) -> set[int]:
    return {cases[name].pk for name in names}


def test_a_coordinator_sees_every_case(coordinator, cases):
    response = token_client(coordinator).get(LIST)
    assert ids(response) == pks(cases, "received", "review", "forwarded", "closed", "dismissed")


def test_an_investigator_sees_only_the_cases_assigned_to_them(investigator, cases):
    assert ids(token_client(investigator).get(LIST)) == pks(cases, "received", "review")


def test_another_investigator_sees_none(other_investigator, cases):
    assert ids(token_client(other_investigator).get(LIST)) == set()


def test_bkpsdm_sees_forwarded_and_closed_cases_without_the_reporter(bkpsdm_officer, cases):
    response = token_client(bkpsdm_officer).get(LIST)
    assert ids(response) == pks(cases, "forwarded", "closed")
    assert all("reporter" not in row for row in response.json()["results"])


def test_a_camat_clerk_is_refused(clerk_loajanan, cases):
    assert token_client(clerk_loajanan).get(LIST).status_code == 403


def test_an_item_has_the_contract_fields(coordinator, cases):
    rows = token_client(coordinator).get(LIST).json()["results"]
    row = next(r for r in rows if r["id"] == cases["forwarded"].pk)
    assert {
        "id",
        "number",
        "kind",
        "status",
        "status_display",
        "election",
        "received_at",
        "registered_at",
        "incident_on",
        "kecamatan",
        "violation_forms",
        "respondents",
        "deadlines",
        "updated_at",
        "reporter",
    } <= set(row)
    assert row["status_display"] == "Diteruskan"
    assert row["kecamatan"] == {"code": "64.02.06", "name": "Tenggarong"}
    assert {f["code"] for f in row["violation_forms"]} == {"media-sosial", "fasilitas-negara"}
    assert row["violation_forms"][0]["severity"] == "berat"
    respondent = row["respondents"][0]
    assert set(respondent) >= {"id", "name", "nip", "position", "golongan", "agency"}
    assert set(respondent["agency"]) == {"code", "name"}
    assert [d["name"] for d in row["deadlines"]] == ["reporting", "decision", "follow_up"]
    assert set(row["deadlines"][0]) >= {"name", "due_at", "state", "basis"}
    assert row["reporter"]["nik"] == "6402031204900001"


def test_the_reporter_shown_in_a_list_is_logged_once_per_case(coordinator, cases):
    token_client(coordinator).get(LIST)
    logged = set(ReporterAccess.objects.filter(user=coordinator).values_list("case_id", flat=True))
    laporan = set(
        Case.objects.filter(kind="laporan", reporter__isnull=False).values_list("pk", flat=True)
    )
    assert logged == laporan
    assert ReporterAccess.objects.filter(user=coordinator).count() == len(laporan)


def test_a_temuan_has_a_null_reporter_for_bawaslu(coordinator, cases):
    rows = token_client(coordinator).get(LIST, {"kind": "temuan"}).json()["results"]
    assert [(r["id"], r["reporter"]) for r in rows] == [(cases["closed"].pk, None)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "review"}, {"review"}),
        ({"status": ["review", "closed"]}, {"review", "closed"}),
        ({"kind": "temuan"}, {"closed"}),
        (
            {"election": "pilkada-kukar-2024"},
            {"received", "review", "forwarded", "closed", "dismissed"},
        ),
        ({"election": "pemilu-2024"}, set()),
        ({"violation_form": "media-sosial"}, {"received", "forwarded"}),
        ({"severity": "etik"}, {"review"}),
        ({"severity": "pemberhentian"}, {"closed"}),
        ({"kecamatan": "64.02.06"}, {"forwarded"}),
        (
            {"received_after": "2024-11-01T00:00:00+08:00"},
            {"received", "forwarded", "closed", "dismissed"},
        ),
        ({"received_before": "2024-11-01T00:00:00+08:00"}, {"review"}),
        ({"overdue": "true"}, {"received", "review", "forwarded"}),
        ({"overdue": "false"}, {"closed", "dismissed"}),
    ],
)
def test_it_filters_cases(params, expected, coordinator, cases):
    assert ids(token_client(coordinator).get(LIST, params)) == pks(cases, *expected)


def test_it_filters_by_respondent_agency_and_nip(coordinator, cases):
    Respondent.objects.create(
        case=cases["review"],
        civil_servant=cases["guru"],
        name=cases["guru"].name,
        nip=cases["guru"].nip,
        agency=cases["guru"].agency,
    )
    client = token_client(coordinator)
    assert ids(client.get(LIST, {"agency": "SDN-64.02.03"})) == pks(cases, "review")
    assert ids(client.get(LIST, {"respondent_nip": cases["guru"].nip})) == pks(cases, "review")
    assert ids(client.get(LIST, {"search": "Guru Terlapor"})) == pks(cases, "review")


def test_search_finds_a_register_number(coordinator, cases):
    number = cases["forwarded"].number
    assert ids(token_client(coordinator).get(LIST, {"search": number})) == pks(cases, "forwarded")


def test_updated_after_serves_incremental_pulls(coordinator, cases):
    client = token_client(coordinator)
    newest = max(row["updated_at"] for row in client.get(LIST).json()["results"])
    assert ids(client.get(LIST, {"updated_after": newest})) == {
        c.pk
        for c in Case.objects.filter(updated_at__gte=Case.objects.latest("updated_at").updated_at)
    }
    later = CaseFactory(status="received")
    assert later.pk in ids(client.get(LIST, {"updated_after": newest}))


def test_ordering_and_page_number_pagination(coordinator, cases):
    client = token_client(coordinator)
    body = client.get(LIST, {"ordering": "received_at", "page_size": 2}).json()
    assert body["count"] == 5
    assert body["results"][0]["id"] == cases["review"].pk
    assert "page=2" in body["next"]
    assert len(client.get(body["next"]).json()["results"]) == 2


def test_page_size_is_capped_at_200(coordinator, cases):
    for _ in range(3):
        CaseFactory(status="received", respondents=0, witnesses=0, evidence=0)
    response = token_client(coordinator).get(LIST, {"page_size": 1000})
    assert len(response.json()["results"]) == 8  # all, under the cap
    from apps.core.api.pagination import PageNumberPagination

    assert PageNumberPagination.max_page_size == 200


def test_an_invalid_filter_is_400_naming_it(coordinator, cases):
    response = token_client(coordinator).get(LIST, {"status": "lost", "overdue": "maybe"})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"status", "overdue"}


def export_rows(response, fmt: str) -> list[list]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_has_every_filtered_case_and_never_the_reporter(fmt, coordinator, cases):
    rows = export_rows(
        token_client(coordinator).get(LIST, {"format": fmt, "page_size": 1, "kind": "laporan"}),
        fmt,
    )
    header, body = rows[0], rows[1:]
    assert header[:4] == ["ID", "Nomor register", "Jenis", "Status"]
    assert {int(r[0]) for r in body} == pks(cases, "received", "review", "forwarded", "dismissed")
    flat = "\n".join(",".join(r) for r in rows)
    assert "Pelapor Sintetis" not in flat
    assert "6402031204900001" not in flat


def test_the_export_has_the_recommended_and_the_imposed_sanction_per_respondent(coordinator):
    case = CaseFactory(status="closed")
    respondent = case.respondents.get()
    Respondent.objects.filter(pk=respondent.pk).update(recommended_severity="ringan")
    rows = export_rows(token_client(coordinator).get(LIST, {"format": "csv"}), "csv")
    header, [row] = rows[0], rows[1:]
    assert "Kategori" not in header  # the violation form's default is not called the sanction
    assert row[header.index("Kategori bawaan bentuk pelanggaran")] is not None
    assert row[header.index("Rekomendasi sanksi per terlapor")] == (
        f"{respondent.name}: Disiplin ringan"
    )
    assert row[header.index("Sanksi dijatuhkan per terlapor")] == (
        f"{respondent.name}: Teguran tertulis"
    )


def test_export_cells_are_neutralised(coordinator, cases):
    case = cases["received"]
    case.incident_place = "=cmd|'/c calc'!A1"
    case.save()
    Respondent.objects.filter(case=case).update(name="@SUM(1+1)")
    rows = export_rows(token_client(coordinator).get(LIST, {"format": "csv"}), "csv")
    names = {r[rows[0].index("Terlapor")] for r in rows[1:]}
    assert "'@SUM(1+1)" in names


def test_received_filters_accept_wita_times(coordinator, cases):
    edge = cases["received"].received_at
    client = token_client(coordinator)
    assert cases["received"].pk in ids(client.get(LIST, {"received_after": edge.isoformat()}))
    assert cases["received"].pk not in ids(client.get(LIST, {"received_before": edge.isoformat()}))
    assert edge == wita(2024, 11, 9, 10, 0)


def test_a_large_export_becomes_a_background_job_with_the_same_rows(
    coordinator, cases, settings, django_capture_on_commit_callbacks
):
    settings.NETRAL_EXPORT_ASYNC_ROWS = 2
    client = token_client(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(LIST, {"format": "csv", "kind": "laporan"})
    assert response.status_code == 202
    job = client.get(response.json()["status_url"]).json()
    assert job["status"] == "done"
    download = client.get(job["download_url"])
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert {int(r[0]) for r in rows[1:]} == pks(
        cases, "received", "review", "forwarded", "dismissed"
    )
    assert "Pelapor Sintetis" not in text


@pytest.mark.parametrize("persona", ["coordinator", "bkpsdm_officer"])
def test_the_fast_rendering_of_a_list_item_is_drfs_rendering(persona, cases, request, rf):
    from django.utils import timezone
    from rest_framework import serializers
    from rest_framework.request import Request

    from apps.cases.api.serializers import CaseListOutputSerializer
    from apps.cases.api.views import visible_cases

    user = request.getfixturevalue(persona)
    http = rf.get(LIST)
    http.user = user
    context = {"request": Request(http), "now": timezone.now()}
    rows = list(visible_cases(user))
    context["reporters"] = {c.pk: c.reporter for c in rows if hasattr(c, "reporter")}
    assert rows
    for case in rows:
        serializer = CaseListOutputSerializer(case, context=context)
        generic = serializers.ModelSerializer.to_representation(serializer, case)
        assert serializer.data == generic


@pytest.mark.parametrize("persona", ["coordinator", "bkpsdm_officer"])
def test_a_page_of_plain_rows_renders_as_one_of_prefetched_models(persona, cases, request, rf):
    """The list reads a page as plain rows (``case_rows``); exports read prefetched models.
    Both give the same items, reporter included, in the same order."""
    from django.utils import timezone
    from rest_framework.request import Request

    from apps.cases.api.serializers import CaseListOutputSerializer
    from apps.cases.api.views import visible_cases
    from apps.cases.confidentiality import may_see_reporter
    from apps.cases.selectors import case_row_columns, case_rows, cases_visible_to

    forwarded = cases["forwarded"]
    Respondent.objects.create(case=forwarded, name="Tanpa Unit", agency=None, agency_name="UPT X")
    user = request.getfixturevalue(persona)
    drf_request = Request(rf.get(LIST))
    drf_request.user = user
    context = {"request": drf_request, "now": timezone.now()}
    models = list(visible_cases(user).order_by("pk"))
    columns = case_row_columns(with_reporter=may_see_reporter(user))
    rows = case_rows(list(cases_visible_to(user).order_by("pk").values_list(*columns)))

    def rendered(items, reporters):
        context["reporters"] = reporters
        return CaseListOutputSerializer(items, many=True, context=context).data

    by_models = rendered(models, {c.pk: c.reporter for c in models if hasattr(c, "reporter")})
    by_rows = rendered(rows, {row.pk: row.reporter for row in rows if row.reporter})
    assert by_rows == by_models
    item = next(i for i in by_rows if i["id"] == forwarded.pk)
    in_order = [form.code for form in forwarded.violation_forms.all()]  # position, code
    assert [form["code"] for form in item["violation_forms"]] == in_order
    assert len(in_order) == 2
    assert item["respondents"][-1]["agency"] is None
    assert item["respondents"][-1]["agency_name"] == "UPT X"
    assert ("reporter" in item) is (persona == "coordinator")
    if persona == "coordinator":
        assert item["reporter"]["name"] == forwarded.reporter.name
