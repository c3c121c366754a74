"""The reporter's identity: Bawaslu roles only, every view logged, absent from every page a BKPSDM
officer or a camat clerk can open (DESIGN §5)."""

from collections import deque
from urllib.parse import urljoin, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.cases.confidentiality import CHANNEL_ADMIN, reporter_for
from apps.cases.models import Case, CaseEvent, Clarification, ReporterAccess
from apps.cases.services import case_assign
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory

S = Case.Status
NAME = "Rahmawati Pelapor Rahasia"
NIK = "6402035203910007"
PHONE = "+6281299887766"
ADDRESS = "Jl. Rahasia Pelapor No. 9"
SECRETS = (NAME, NIK, PHONE, ADDRESS, "0812-9988-7766", "81299887766")


def reported(status, **fields) -> Case:
    case = CaseFactory(status=status, reporter__name=NAME, reporter__nik=NIK, **fields)
    case.reporter.phone, case.reporter.address = PHONE, ADDRESS
    case.reporter.save()
    Clarification.objects.create(
        case=case,
        person_name=NAME,
        role=Clarification.Role.REPORTER,
        held_at=timezone.now(),
        summary="Pelapor menjelaskan asal tangkapan layar.",
    )
    return case


@pytest.fixture
def reported_cases(investigator):
    return {status: reported(status, assigned_to=[investigator]) for status in S.values}


def assert_no_secret(response, url):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(errors="replace") + str(response.headers)
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} shown on {url}"


def crawl(client, starts, *, limit=300) -> dict[str, int]:
    """GET every case page linked from ``starts`` and onwards; returns url -> status."""
    seen: dict[str, int] = {}
    queue = deque(starts)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        assert_no_secret(response, url)
        if response.status_code != 200 or response.streaming or "?" in url:
            continue
        for link in _links(response.content.decode()):
            target = urlparse(urljoin(url, link))
            # Filtered or sorted lists show the same rows as the plain list already crawled.
            path = target.path
            # Personnel pages hold no case data; the crawl stays on cases to stay quick.
            if target.netloc or not path.startswith(("/admin/cases/", "/cases/")):
                continue
            queue.append(path)
    return seen


def _links(html: str):
    import re

    return re.findall(r'href="([^"#]+)"', html.replace("&amp;", "&"))


# --- reporter_for -------------------------------------------------------------------------------


def test_bawaslu_roles_get_the_reporter_and_each_view_is_logged(coordinator, investigator):
    case = reported(S.RECEIVED, assigned_to=[investigator])
    for user in (coordinator, investigator):
        assert reporter_for(user, case, CHANNEL_ADMIN).name == NAME
    accesses = ReporterAccess.objects.filter(case=case).order_by("id")
    assert [(a.user, a.channel) for a in accesses] == [
        (coordinator, "admin"),
        (investigator, "admin"),
    ]
    assert all(a.accessed_at for a in accesses)


@pytest.mark.parametrize("persona", ["bkpsdm_officer", "clerk_loajanan", "superuser"])
def test_everyone_else_gets_nothing_and_leaves_no_access_row(request, persona):
    user = request.getfixturevalue(persona)
    case = reported(S.FORWARDED)
    assert reporter_for(user, case, CHANNEL_ADMIN) is None
    assert not ReporterAccess.objects.exists()


def test_the_reporters_string_names_only_the_case(reference_data):
    case = reported(S.RECEIVED)
    assert NAME not in str(case.reporter) and str(case.pk) in str(case.reporter)


# --- the admin ------------------------------------------------------------------------------------


def test_the_reporter_block_is_shown_to_an_investigator_and_the_view_logged(
    client, investigator, reported_cases
):
    case = reported_cases[S.CLARIFICATION]
    client.force_login(investigator)
    html = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert NAME in html and NIK in html
    assert ReporterAccess.objects.filter(case=case, user=investigator, channel="admin").count() == 1


def test_every_admin_page_a_bkpsdm_officer_can_open_is_free_of_the_reporter(
    client, bkpsdm_officer, reported_cases
):
    forwarded, closed = reported_cases[S.FORWARDED], reported_cases[S.CLOSED]
    for case in (forwarded, closed):
        CaseEvent.objects.create(case=case, action="register", to_status=S.REGISTERED)
    client.force_login(bkpsdm_officer)
    seen = crawl(client, ["/admin/", "/admin/cases/case/?batas=terlambat"])

    opened = {url for url, status in seen.items() if status == 200}
    for case in (forwarded, closed):
        assert reverse("admin:cases_case_change", args=[case.pk]) in opened
    respondent = forwarded.respondents.get()
    assert reverse("admin:cases_case_decision", args=[forwarded.pk, respondent.pk]) in opened
    assert reverse("admin:cases_case_action", args=[forwarded.pk, "close"]) in opened
    assert any(url.startswith("/admin/cases/caseevent/") for url in opened)
    assert len(opened) > 10
    assert not ReporterAccess.objects.exists()


def test_pages_a_bkpsdm_officer_might_guess_are_refused_without_the_reporter(
    client, bkpsdm_officer, reported_cases
):
    forwarded, pending = reported_cases[S.FORWARDED], reported_cases[S.REVIEW]
    client.force_login(bkpsdm_officer)
    guesses = {
        reverse("admin:cases_case_history", args=[forwarded.pk]): 200,
        reverse("admin:cases_case_change", args=[pending.pk]): 404,
        reverse("admin:cases_case_action", args=[pending.pk, "forward"]): 404,
        reverse("admin:cases_case_assign", args=[forwarded.pk]): 302,
        "/admin/cases/reporteraccess/": 403,
        "/admin/cases/case/add/": 403,
        f"/admin/autocomplete/?app_label=cases&model_name=case&field_name=kecamatan&term={NAME[:5]}": 200,
    }
    for url, status in guesses.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert_no_secret(response, url)


def test_the_case_page_of_bkpsdm_hides_the_reporters_and_witnesses_clarifications(
    client, bkpsdm_officer, investigator, reported_cases
):
    case = reported_cases[S.FORWARDED]
    Clarification.objects.create(
        case=case, person_name="Saksi Rahasia Sintetis", role="witness", held_at=timezone.now()
    )
    Clarification.objects.create(
        case=case,
        person_name="Terlapor Terbuka Sintetis",
        role="respondent",
        held_at=timezone.now(),
    )
    url = reverse("admin:cases_case_change", args=[case.pk])
    client.force_login(bkpsdm_officer)
    html = client.get(url).content.decode()
    assert "Terlapor Terbuka Sintetis" in html
    assert "Saksi Rahasia Sintetis" not in html
    assert "asal tangkapan layar" not in html
    client.force_login(investigator)
    html = client.get(url).content.decode()
    assert "asal tangkapan layar" in html and "Saksi Rahasia Sintetis" in html


def test_a_camat_clerks_responses_never_carry_the_reporter(client, clerk_loajanan, reported_cases):
    forwarded = reported_cases[S.FORWARDED]
    evidence = forwarded.evidence.get()
    client.force_login(clerk_loajanan)
    urls = [
        "/admin/",
        "/admin/cases/case/",
        reverse("admin:cases_case_change", args=[forwarded.pk]),
        reverse("admin:cases_case_history", args=[forwarded.pk]),
        reverse("admin:cases_case_decision", args=[forwarded.pk, forwarded.respondents.get().pk]),
        "/admin/cases/caseevent/",
        reverse("cases:evidence-download", args=[evidence.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 404), url
        assert_no_secret(response, url)
    assert not ReporterAccess.objects.exists()


# --- findings of the security review: witnesses and Bawaslu's staff ---------------------------


def test_bkpsdm_gets_no_witness_name_or_statement_through_the_api(bkpsdm_officer, coordinator):
    case = CaseFactory(status=S.FORWARDED)
    Clarification.objects.create(
        case=case,
        person_name="Saksi Rahasia Sintetis",
        role=Clarification.Role.WITNESS,
        held_at=timezone.now(),
        summary="Saksi melihat terlapor di posko pemenangan.",
    )
    body = token_client(bkpsdm_officer).get(f"/api/v1/cases/{case.pk}/").json()
    [heard] = body["clarifications"]
    assert heard["person_name"] == "Saksi (identitas dirahasiakan)"
    assert heard["summary"] == ""
    assert "witnesses" not in body
    body = token_client(coordinator).get(f"/api/v1/cases/{case.pk}/").json()
    assert body["clarifications"][0]["person_name"] == "Saksi Rahasia Sintetis"


def test_bkpsdm_sees_the_office_not_the_staff_in_the_timeline(
    client, bkpsdm_officer, coordinator, investigator, other_investigator
):
    case = CaseFactory(status=S.REVIEW, assigned_to=[investigator])
    case_assign(case=case, investigators=[other_investigator], actor=coordinator)
    Case.objects.filter(pk=case.pk).update(status=S.FORWARDED)
    body = token_client(bkpsdm_officer).get(f"/api/v1/cases/{case.pk}/").json()
    [assign] = [e for e in body["events"] if e["action"] == "assign"]
    assert assign["actor"] == "Bawaslu Kabupaten Kutai Kartanegara"
    assert "investigator" not in str(assign["data"])
    client.force_login(bkpsdm_officer)
    page = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert coordinator.username not in page and other_investigator.username not in page
    events = client.get("/admin/cases/caseevent/").content.decode()
    assert coordinator.username not in events
    body = token_client(coordinator).get(f"/api/v1/cases/{case.pk}/").json()
    [assign] = [e for e in body["events"] if e["action"] == "assign"]
    assert assign["data"]["changes"]["investigators"][1] == [other_investigator.username]
