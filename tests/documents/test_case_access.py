"""Who issues and reads which case document: the case policy's rows, through the service, the
API and the download."""

import pytest

from apps.cases.models import Case, CaseEvent
from apps.core.errors import Conflict, Forbidden, NotFound
from apps.documents.models import IssuedDocument
from apps.documents.services import case_document_issue
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory
from tests.documents.conftest import pdf_text, stored_pdf

pytestmark = pytest.mark.django_db
S = Case.Status
REPORTER = "Pelapor Rahasia Sintetis"
ANALYSIS = {"analysis": "Unggahan memenuhi unsur keberpihakan."}


@pytest.fixture
def forwarded(reference_data, investigator):
    return CaseFactory(
        status=S.FORWARDED,
        reporter__name=REPORTER,
        assigned_to=[investigator],
        conclusion="Terbukti.",
    )


def test_issuing_writes_one_case_event_with_number_version_and_hash(forwarded, coordinator):
    document = case_document_issue(
        case_id=forwarded.pk, document_type="review", actor=coordinator, fields=ANALYSIS
    )
    event = CaseEvent.objects.filter(case=forwarded).latest("id")
    assert event.action == "document_issued"
    assert event.actor == coordinator
    assert event.data["number"] == document.number
    assert event.data["version"] == 1
    assert event.data["sha256"] == document.sha256


def test_a_second_case_issue_is_version_2_and_both_are_kept(forwarded, coordinator):
    first = case_document_issue(
        case_id=forwarded.pk, document_type="forwarding_letter", actor=coordinator
    )
    second = case_document_issue(
        case_id=forwarded.pk, document_type="forwarding_letter", actor=coordinator
    )
    assert (first.version, second.version, first.number) == (1, 2, second.number)
    assert IssuedDocument.objects.filter(case=forwarded).count() == 2
    assert CaseEvent.objects.filter(case=forwarded, action="document_issued").count() == 2


def test_bkpsdm_reads_the_review_and_the_letter_and_never_the_reporter(
    forwarded, coordinator, bkpsdm_officer
):
    issued = {
        t: case_document_issue(
            case_id=forwarded.pk,
            document_type=t,
            actor=coordinator,
            fields=ANALYSIS if t == "review" else {},
        )
        for t in ("receipt", "status_notice", "status_notice_public", "review", "forwarding_letter")
    }
    api = token_client(bkpsdm_officer)
    listed = api.get(f"/api/v1/cases/{forwarded.pk}/documents/").json()["results"]
    assert {row["type"] for row in listed} == {"review", "forwarding_letter"}
    for row in listed:
        response = api.get(row["download_url"])
        assert response.status_code == 200
        assert REPORTER not in pdf_text(b"".join(response.streaming_content))
    for hidden in ("receipt", "status_notice", "status_notice_public"):
        assert api.get(f"/api/v1/documents/{issued[hidden].pk}/pdf/").status_code == 404
    assert REPORTER in pdf_text(stored_pdf(issued["receipt"]))


@pytest.mark.parametrize("document_type", ["review", "forwarding_letter"])
def test_bkpsdm_may_not_issue_case_documents(forwarded, bkpsdm_officer, document_type):
    with pytest.raises(Forbidden):
        case_document_issue(
            case_id=forwarded.pk, document_type=document_type, actor=bkpsdm_officer, fields=ANALYSIS
        )


def test_an_unassigned_investigator_does_not_see_the_case(forwarded, other_investigator):
    with pytest.raises(NotFound):
        case_document_issue(case_id=forwarded.pk, document_type="receipt", actor=other_investigator)


def test_a_camat_clerk_gets_nothing(forwarded, clerk_loajanan):
    response = token_client(clerk_loajanan).get(f"/api/v1/cases/{forwarded.pk}/documents/")
    assert response.status_code in (403, 404)


def test_the_forwarding_letter_before_forwarding_is_a_conflict(reference_data, coordinator):
    case = CaseFactory(status=S.REVIEW)
    with pytest.raises(Conflict):
        case_document_issue(case_id=case.pk, document_type="forwarding_letter", actor=coordinator)


def test_a_finding_has_no_receipt(reference_data, coordinator):
    finding = CaseFactory(kind=Case.Kind.FINDING)
    with pytest.raises(Conflict):
        case_document_issue(case_id=finding.pk, document_type="receipt", actor=coordinator)


def test_the_api_issues_a_summons_with_its_fields(forwarded, investigator):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    respondent = case.respondents.first()
    response = token_client(investigator).post(
        f"/api/v1/cases/{case.pk}/documents/",
        {
            "type": "summons",
            "role": "respondent",
            "respondent": respondent.pk,
            "held_at": "2024-11-11T09:00:00+08:00",
            "place": "Kantor Bawaslu",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["type"] == "summons"
