"""The facts of each case document, read back from the rendered PDF.

Who may issue and read case documents is for the case policy table; these tests cover what each
document says, and that the documents BKPSDM may read never name the reporter or a witness.
"""

import pytest
from django.utils import timezone

from apps.cases.models import Case, Clarification
from apps.documents.content import CASE_BUILDERS
from apps.documents.services import Subject, document_pdf
from tests.cases.factories import CaseFactory
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db
S = Case.Status
REPORTER = "Pelapor Rahasia Sintetis"
BKPSDM_READABLE = ("review", "forwarding_letter", "status_notice_public")


def render(document_type, case, actor, fields=None) -> str:
    built = CASE_BUILDERS[document_type](case, fields or {}, actor)
    pdf = document_pdf(
        document_type=document_type,
        data=built.data,
        subject=Subject(case=case, office_code="64.02"),
        number="007/UJI/64.02/XI/2024",
        code="ABCDEFGHJK",
        version=1,
        at=timezone.now(),
    )
    return pdf_text(pdf)


@pytest.fixture
def forwarded(reference_data):
    case = CaseFactory(
        status=S.FORWARDED, reporter__name=REPORTER, respondents=2, conclusion="Terbukti."
    )
    respondent = case.respondents.first()
    Clarification.objects.create(
        case=case,
        person_name=REPORTER,
        role=Clarification.Role.REPORTER,
        held_at=timezone.now(),
        summary="Pelapor menerangkan unggahan.",
    )
    Clarification.objects.create(
        case=case,
        person_name="Saksi Sintetis 1",
        role=Clarification.Role.WITNESS,
        held_at=timezone.now(),
        summary="Saksi melihat unggahan.",
    )
    Clarification.objects.create(
        case=case,
        person_name=respondent.name,
        role=Clarification.Role.RESPONDENT,
        respondent=respondent,
        held_at=timezone.now(),
        summary="Terlapor mengakui unggahan.",
    )
    return case


def test_the_receipt_names_reporter_respondents_window_and_contact(reference_data, coordinator):
    case = CaseFactory(reporter__name=REPORTER)
    text = render("receipt", case, coordinator)
    assert "TANDA TERIMA LAPORAN" in text and "Nomor: 007/UJI/64.02/XI/2024" in text
    assert REPORTER in text and "6402031204900001" in text
    assert case.respondents.first().name in text
    assert "Sabtu, 9 November 2024 pukul 10.00 WITA" in text
    assert "UU 10/2016 Pasal 134" in text and "dalam batas waktu pelaporan" in text
    assert "BAWASLU KABUPATEN KUTAI KARTANEGARA" in text and "Telepon (0541)" in text
    assert "ABCD-EFGH-JK" in text and "/verifikasi/ ABCDEFGHJK/" in text  # wrapped line


def test_the_status_notice_names_every_unmet_requirement(reference_data, coordinator):
    case = CaseFactory(
        status=S.NOT_REGISTERED, reporter__nik="", evidence=0, witnesses=0, reason_code="formal"
    )
    text = render("status_notice", case, coordinator)
    assert "TIDAK DIREGISTRASI" in text
    assert "NIK pelapor belum diisi" in text
    assert "belum ada alat bukti atau saksi" in text
    assert "Syarat formal tidak terpenuhi" in text


def test_the_status_notice_of_a_registered_report_gives_its_number(reference_data, coordinator):
    case = CaseFactory(status=S.REGISTERED, reporter__name=REPORTER)
    text = render("status_notice", case, coordinator)
    assert "DIREGISTRASI" in text and case.number in text and REPORTER in text


def test_the_public_notice_carries_no_personal_data(reference_data, coordinator):
    case = CaseFactory(status=S.REGISTERED, reporter__name=REPORTER)
    respondent = case.respondents.first()
    text = render("status_notice_public", case, coordinator)
    assert "PENGUMUMAN STATUS LAPORAN" in text and case.number in text
    for personal in (REPORTER, "6402031204900001", respondent.name, respondent.nip):
        assert personal not in text


def test_the_summons_says_who_when_where_and_what_to_bring(forwarded, coordinator):
    respondent = forwarded.respondents.first()
    text = render(
        "summons",
        forwarded,
        coordinator,
        {
            "role": "respondent",
            "respondent": respondent.pk,
            "held_at": "2024-11-11T09:00",
            "place": "Kantor Bawaslu Kutai Kartanegara",
        },
    )
    assert "Undangan Klarifikasi" in text and respondent.name in text and "Terlapor" in text
    assert "Senin, 11 November 2024" in text and "09.00 WITA" in text
    assert "Kantor Bawaslu Kutai Kartanegara" in text and "KTP-el" in text


def test_the_minutes_record_who_was_heard_and_the_summary(forwarded, coordinator):
    heard = forwarded.clarifications.get(role=Clarification.Role.WITNESS)
    text = render("minutes", forwarded, coordinator, {"clarification": heard.pk})
    assert "BERITA ACARA KLARIFIKASI" in text
    assert "Saksi Sintetis 1" in text and "Saksi melihat unggahan." in text
    assert "Yang memberikan keterangan" in text and "Yang melakukan klarifikasi" in text


def test_the_review_gives_facts_analysis_and_a_recommendation_per_respondent(
    forwarded, coordinator
):
    first, second = forwarded.respondents.order_by("id")
    text = render(
        "review",
        forwarded,
        coordinator,
        {
            "analysis": "Unggahan memenuhi unsur keberpihakan.",
            "recommendations": {str(first.pk): "Sanksi moral pernyataan terbuka"},
        },
    )
    assert "KAJIAN DUGAAN PELANGGARAN NETRALITAS ASN" in text
    assert first.nip in text and second.nip in text
    assert "Unggahan memenuhi unsur keberpihakan." in text
    assert "Sanksi moral pernyataan terbuka" in text
    assert "Sanksi kategori: Disiplin berat" in text  # the second: the forwarded category
    assert "Terlapor mengakui unggahan." in text


def test_the_forwarding_letter_goes_to_the_recipients_with_the_sanction_per_respondent(
    forwarded, coordinator
):
    text = render("forwarding_letter", forwarded, coordinator)
    assert "Penerusan Rekomendasi Pelanggaran Netralitas ASN" in text
    assert forwarded.number in text
    for respondent in forwarded.respondents.all():
        assert respondent.name in text
    assert "Disiplin berat" in text and "14 hari" in text
    for recipient in forwarded.forwarding.recipients.all():
        assert recipient.name in text


@pytest.mark.parametrize("document_type", BKPSDM_READABLE)
def test_no_document_bkpsdm_may_read_names_the_reporter_or_a_witness(
    forwarded, coordinator, document_type
):
    fields = {"analysis": "Analisis."} if document_type == "review" else {}
    text = render(document_type, forwarded, coordinator, fields)
    assert REPORTER not in text
    assert "6402031204900001" not in text
    assert "Saksi Sintetis 1" not in text


@pytest.mark.parametrize(
    ("document_type", "fields", "named"),
    [
        ("summons", {}, {"role", "person_name", "held_at", "place"}),
        (
            "summons",
            {"role": "saksi", "held_at": "besok"},
            {"role", "held_at", "person_name", "place"},
        ),
        ("minutes", {"clarification": 999999}, {"clarification"}),
        ("review", {"recommendations": {"999999": "x"}}, {"analysis", "recommendations"}),
        ("receipt", {"catatan": "x"}, {"catatan"}),
    ],
)
def test_every_problem_with_the_inputs_is_named_at_once(
    forwarded, coordinator, document_type, fields, named
):
    from apps.core.errors import InvalidInput

    forwarded.conclusion = "" if document_type != "review" else "Terbukti."
    with pytest.raises(InvalidInput) as error:
        CASE_BUILDERS[document_type](forwarded, fields, coordinator)
    assert set(error.value.fields) == named
