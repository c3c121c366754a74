"""Redaction: no response or export demo-bkpsdm can get holds a demo reporter's name or NIK.

The demo data (``seed --demo``) is loaded, then every API answer BKPSDM can reach is read:
every page of the case list, every visible case's detail and evidence files, each report, and
each list and report as CSV and XLSX.
"""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from apps.cases.demo import REPORTERS, seed_demo_cases
from apps.cases.models import Case, Clarification, Reporter
from apps.cases.reports import GROUPINGS
from apps.core.seeds import seed_demo as seed_demo_accounts
from apps.personnel.seeds import seed_demo as seed_demo_civil_servants
from tests.api.conftest import token_client

CASES = "/api/v1/cases/"
REPORTS = [f"/api/v1/reports/cases/?group_by={g}" for g in GROUPINGS] + [
    "/api/v1/reports/deadlines/"
]


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    settings.NETRAL_DEMO_PASSWORD = "sandi-demo-uji-123"
    settings.MEDIA_ROOT = tmp_path
    quiet = lambda *_: None  # noqa: E731
    seed_demo_accounts(log=quiet)
    seed_demo_civil_servants(log=quiet)
    seed_demo_cases(log=quiet)
    secrets = {r.name for r in REPORTERS} | {r.nik for r in REPORTERS}
    secrets |= {r.name for r in Reporter.objects.all()} | {r.nik for r in Reporter.objects.all()}
    return token_client(get_user_model().objects.get(username="demo-bkpsdm")), secrets


def text_of(response) -> str:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    if hasattr(response, "streaming_content"):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if response["Content-Type"].startswith("application/vnd.openxml"):
        sheet = load_workbook(io.BytesIO(content)).active
        return "\n".join(
            " ".join("" if c is None else str(c) for c in row)
            for row in sheet.iter_rows(values_only=True)
        )
    if response["Content-Type"].startswith("application/json"):
        # compare decoded text, not \\u-escaped JSON
        return json.dumps(response.json(), ensure_ascii=False)
    return content.decode("utf-8", errors="replace")


def test_no_answer_to_demo_bkpsdm_holds_a_reporters_name_or_nik(demo):
    client, secrets = demo
    answers = {}
    url = f"{CASES}?page_size=200"
    ids = []
    while url:
        response = client.get(url)
        answers[url] = text_of(response)
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
    assert ids, "BKPSDM should see the forwarded and closed demo cases"
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "forwarded",
        "closed",
    }
    assert Reporter.objects.filter(case_id__in=ids).exists()
    assert Clarification.objects.filter(case_id__in=ids).exists()
    for case_id in ids:
        response = client.get(f"{CASES}{case_id}/")
        answers[f"{CASES}{case_id}/"] = text_of(response)
        for item in response.json()["evidence"]:
            if item["download_url"]:
                download = client.get(item["download_url"])
                answers[item["download_url"]] = b"".join(download.streaming_content).decode(
                    "latin-1"
                )
    for fmt in ("csv", "xlsx"):
        answers[f"cases.{fmt}"] = text_of(client.get(CASES, {"format": fmt}))
        for report in REPORTS:
            separator = "&" if "?" in report else "?"
            answers[f"{report} {fmt}"] = text_of(client.get(f"{report}{separator}format={fmt}"))
    for report in REPORTS:
        answers[report] = text_of(client.get(report))
    assert len(answers) > 2 * len(ids)
    for where, text in answers.items():
        for secret in secrets:
            assert secret not in text, f"{secret!r} in {where}"


def test_the_same_crawl_as_a_coordinator_does_show_them(demo):
    """The check above can fail: a coordinator gets the reporters in the same answers."""
    _bkpsdm, secrets = demo
    coordinator = token_client(get_user_model().objects.get(username="demo-koordinator"))
    text = text_of(coordinator.get(CASES, {"page_size": 200}))
    assert any(secret in text for secret in secrets)
    exported = text_of(coordinator.get(CASES, {"format": "csv"}))
    assert not any(secret in exported for secret in secrets)  # never in an export
