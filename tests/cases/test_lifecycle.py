"""A forwarded case to each respondent's final outcome: BKN's recommendation, the PPK's decision
with several sanctions, an objection that changes one, a PPK that stays silent and a data block,
then the close — and every check of a sanction, with its message."""

from datetime import UTC, date

import pytest
from django.utils import timezone

from apps.cases.models import Case, Employment, Respondent, Sanction
from apps.cases.services import (
    bkn_recommendation_record,
    block_request,
    block_update,
    case_transition,
    followup_record,
    gakkumdu_progress,
    gakkumdu_refer,
    objection_decide,
    objection_file,
)
from apps.core import clock
from apps.core.errors import Conflict, InvalidInput
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory, election, wita
from tests.factories import CivilServantFactory

pytestmark = pytest.mark.django_db
S = Case.Status


def decision(code: str, number: str, **period) -> dict:
    return {
        "sanction_type": code,
        "decree_number": number,
        "decree_date": date(2024, 12, 2),
        **period,
    }


@pytest.fixture
def forwarded(coordinator, day_after_receipt):
    """A case of two PNS forwarded to BKN on 11 November 2024, the PPK's clock from BKN's letter."""
    pilkada = election()
    pilkada.follow_up_anchor = "bkn"
    pilkada.save()
    case = CaseFactory(status=S.REVIEW, respondents=2, election=pilkada)
    teacher, head = case.respondents.order_by("id")
    with clock.travel_to(wita(2024, 11, 11, 10, 0)):
        case_transition(
            case_id=case.pk,
            action="forward",
            actor=coordinator,
            fields={
                "recipients": ["bkn-wasdal"],
                "letter_number": "101/PP.01.02/K.KT-05/XI/2024",
                "letter_date": date(2024, 11, 11),
                "recommended_sanction": "etik",
                "recommendations": {str(head.pk): "berat"},
            },
        )
    case.refresh_from_db()
    return case, teacher, head


def test_a_case_goes_to_each_respondents_real_end(forwarded, coordinator, bkpsdm_officer):
    case, teacher, head = forwarded
    teacher.refresh_from_db(), head.refresh_from_db()
    assert (teacher.recommended_severity, head.recommended_severity) == ("etik", "berat")
    assert case.follow_up_due_at is None  # the PPK's clock waits for BKN's letter

    with clock.travel_to(wita(2024, 11, 15, 9, 0)):
        bkn_recommendation_record(
            case=case,
            letter_number="R-12/D.IV/XI/2024",
            letter_date=date(2024, 11, 15),
            categories={str(head.pk): "sedang"},
            actor=coordinator,
        )
    case.refresh_from_db()
    assert case.follow_up_due_at == wita(2024, 11, 29, 23, 59, 59)  # 14 days from the letter
    assert case.events.get(action="bkn_recommendation").data["deadlines"]["follow_up_due_at"][1]

    # The head: a disciplinary and a moral sanction together, then an objection changes one.
    with clock.travel_to(wita(2024, 12, 3, 9, 0)):
        followup_record(
            respondent=head,
            outcome="sanctioned",
            sanctions=[
                decision(
                    "potong-tukin-6",
                    "800/1/BKPSDM/2024",
                    effective_from=date(2025, 1, 1),
                    effective_until=date(2025, 6, 30),
                ),
                decision("moral-tertutup", "800/2/BKPSDM/2024"),
            ],
            actor=bkpsdm_officer,
        )
        cut = head.sanctions.get(sanction_type__code="potong-tukin-6")
        objection = objection_file(
            sanction=cut, kind="keberatan", filed_on=date(2024, 12, 3), actor=bkpsdm_officer
        )
    with pytest.raises(InvalidInput) as pending:
        case_transition(case_id=case.pk, action="close", actor=bkpsdm_officer)
    assert (
        f"Keberatan/banding terlapor {head.name} atas sanksinya belum diputus."
        in (pending.value.fields["follow_ups"])
    )
    with clock.travel_to(wita(2024, 12, 20, 9, 0)):
        objection_decide(
            objection=objection,
            outcome="changed",
            decided_on=date(2024, 12, 20),
            new_sanction=decision("teguran-tertulis", "800/3/BKPSDM/2024"),
            actor=bkpsdm_officer,
        )
    cut.refresh_from_db()
    assert cut.state == Sanction.State.CHANGED
    assert cut.replaced_by.sanction_type.code == "teguran-tertulis"
    in_force = head.sanctions.filter(state=Sanction.State.IN_FORCE)
    assert {s.sanction_type.code for s in in_force} == {"moral-tertutup", "teguran-tertulis"}

    # The teacher: the PPK stays silent past its deadline; BKN is asked to block the data.
    with clock.travel_to(wita(2024, 11, 29, 23, 0)), pytest.raises(Conflict) as early:
        block_request(
            respondent=teacher,
            request_letter="B-7/PM.00/XII/2024",
            requested_on=date(2024, 11, 29),
            actor=coordinator,
        )
    assert "pemblokiran data dapat diminta setelahnya" in early.value.message
    with clock.travel_to(wita(2024, 12, 2, 9, 0)):
        block_request(
            respondent=teacher,
            request_letter="B-7/PM.00/XII/2024",
            requested_on=date(2024, 12, 2),
            actor=coordinator,
        )
    with clock.travel_to(wita(2024, 12, 10, 9, 0)):
        block_update(respondent=teacher, blocked_on=date(2024, 12, 9), actor=bkpsdm_officer)

    case = case_transition(case_id=case.pk, action="close", actor=bkpsdm_officer)
    assert case.status == S.CLOSED
    assert list(case.events.order_by("id").values_list("action", flat=True))[-8:] == [
        "forward",
        "bkn_recommendation",
        "follow_up",
        "objection_filed",
        "objection_decided",
        "block_request",
        "block_update",
        "close",
    ]

    body = token_client(bkpsdm_officer).get(f"/api/v1/cases/{case.pk}/").json()
    by_respondent = {f["respondent"]: f for f in body["follow_ups"]}
    assert by_respondent[head.pk]["final"] and by_respondent[teacher.pk]["final"]
    assert by_respondent[teacher.pk]["status"] == "Data kepegawaian diblokir BKN"
    assert [s["state"] for s in by_respondent[head.pk]["sanctions"]] == [
        "changed",
        "in_force",
        "in_force",
    ]
    assert by_respondent[head.pk]["bkn_category"] == "sedang"


def test_a_correction_after_closing_is_an_audited_reopening(coordinator, bkpsdm_officer):
    case = CaseFactory(status=S.CLOSED)
    with pytest.raises(InvalidInput):
        case_transition(case_id=case.pk, action="reopen", actor=coordinator)
    case = case_transition(
        case_id=case.pk,
        action="reopen",
        actor=coordinator,
        fields={"reason": "Nomor keputusan PPK salah ketik."},
    )
    assert (case.status, case.closed_at) == (S.FORWARDED, None)
    event = case.events.get(action="reopen")
    assert (event.from_status, event.to_status, event.note) == (
        "closed",
        "forwarded",
        "Nomor keputusan PPK salah ketik.",
    )


def test_the_criminal_track_runs_beside_the_administrative_one(coordinator):
    case = CaseFactory(status=S.REVIEW)
    gakkumdu_refer(
        case=case,
        referred_on=date(2024, 11, 12),
        article="UU 10/2016 Pasal 188 jo. Pasal 71 ayat (1)",
        actor=coordinator,
    )
    gakkumdu_progress(
        case=case,
        stage="first",
        held_on=date(2024, 11, 13),
        conclusion="Lanjut.",
        actor=coordinator,
    )
    with pytest.raises(Conflict):
        gakkumdu_progress(case=case, stage="first", held_on=date(2024, 11, 14), actor=coordinator)
    gakkumdu_progress(
        case=case, outcome="stopped", outcome_on=date(2024, 11, 20), actor=coordinator
    )
    case.refresh_from_db()
    assert (case.status, case.gakkumdu.outcome) == (S.REVIEW, "stopped")
    assert [e.action for e in case.events.order_by("id")][-3:] == [
        "gakkumdu_referred",
        "gakkumdu_progress",
        "gakkumdu_progress",
    ]


def test_a_report_of_the_same_incident_is_joined(coordinator):
    handling = CaseFactory(status=S.CLARIFICATION)
    second = CaseFactory()
    joined = case_transition(
        case_id=second.pk,
        action="join",
        actor=coordinator,
        fields={"into": handling.pk, "reason": "Kejadian yang sama."},
    )
    assert (joined.status, joined.joined_into) == (S.JOINED, handling)
    with pytest.raises(InvalidInput) as itself:
        case_transition(
            case_id=handling.pk,
            action="join",
            actor=coordinator,
            fields={"into": handling.pk, "reason": "x"},
        )
    assert itself.value.fields["into"] == ["Kasus tidak dapat digabungkan ke dirinya sendiri."]


# --- the checks of a sanction, each with its message -------------------------------------------


def respondent_of(employment: str, **servant) -> Respondent:
    case = CaseFactory(status=S.FORWARDED, respondents=0)
    if employment == Employment.NON_ASN:
        return Respondent.objects.create(
            case=case, name="Kepala Desa Sintetis", employment=Employment.NON_ASN
        )
    person = CivilServantFactory(**servant)
    return Respondent.objects.create(
        case=case, civil_servant=person, name=person.name, nip=person.nip
    )


def refusal(respondent, **decided) -> dict:
    with pytest.raises(InvalidInput) as refused:
        followup_record(respondent=respondent, actor=respondent.case.created_by, **decided)
    return refused.value.fields


@pytest.fixture
def pns(bkpsdm_officer):
    respondent = respondent_of(Employment.PNS)
    respondent.case.created_by = bkpsdm_officer
    return respondent


def test_a_pns_sanction_is_refused_for_a_pppk(bkpsdm_officer):
    pppk = respondent_of(Employment.PPPK, employment_type="PPPK")
    pppk.case.created_by = bkpsdm_officer
    fields = refusal(pppk, outcome="sanctioned", sanctions=[decision("teguran-lisan", "1")])
    assert fields == {
        "sanctions[0].sanction_type": [
            "Teguran lisan hanya untuk PNS (PP 94/2021); terlapor adalah PPPK."
        ]
    }
    followup_record(
        respondent=pppk,
        outcome="sanctioned",
        sanctions=[decision("pppk-disiplin-ringan", "2")],
        actor=bkpsdm_officer,
    )


def test_someone_who_is_not_asn_is_referred_not_sanctioned(bkpsdm_officer):
    village_head = respondent_of(Employment.NON_ASN)
    village_head.case.created_by = bkpsdm_officer
    fields = refusal(village_head, outcome="sanctioned", sanctions=[decision("teguran-lisan", "1")])
    assert fields == {
        "sanctions": [
            "Terlapor bukan ASN tidak dapat dijatuhi sanksi ASN; catat sebagai diteruskan kepada "
            "pemberi kerja."
        ]
    }
    assert refusal(village_head, outcome="referred") == {
        "reason": ["Sebutkan pemberi kerja yang menerima penerusan."]
    }
    followup_record(
        respondent=village_head,
        outcome="referred",
        reason="Kepala DPMD Kutai Kartanegara",
        actor=bkpsdm_officer,
    )


def test_an_allowance_cut_runs_exactly_its_months(pns):
    fields = refusal(
        pns,
        outcome="sanctioned",
        sanctions=[
            decision(
                "potong-tukin-6",
                "1",
                effective_from=date(2025, 1, 1),
                effective_until=date(2025, 12, 31),
            )
        ],
    )
    assert fields == {
        "sanctions[0].effective_until": [
            "Pemotongan tunjangan kinerja 25% selama 6 bulan berlaku 6 bulan: 01-01-2025 s.d. "
            "30-06-2025, bukan s.d. 31-12-2025."
        ]
    }
    fields = refusal(pns, outcome="sanctioned", sanctions=[decision("potong-tukin-9", "1")])
    assert fields == {
        "sanctions[0].effective_from": [
            "Pemotongan tunjangan kinerja 25% selama 9 bulan berlaku 9 bulan: isi berlaku mulai "
            "dan berlaku sampai."
        ]
    }


def test_sanctions_combine_a_moral_one_with_one_disciplinary_one_at_most(pns):
    fields = refusal(
        pns,
        outcome="sanctioned",
        sanctions=[decision("teguran-lisan", "1"), decision("teguran-tertulis", "2")],
    )
    assert fields == {"sanctions": ["Paling banyak satu hukuman disiplin per terlapor."]}
    assert pns.sanctions.count() == 0


def test_a_termination_does_not_go_beside_another_disciplinary_sanction(pns, bkpsdm_officer):
    fields = refusal(
        pns,
        outcome="sanctioned",
        sanctions=[decision("teguran-lisan", "1"), decision("pppk-phk-hormat", "2")],
    )
    assert fields["sanctions"] == [
        "Pemberhentian tidak digabung dengan hukuman disiplin lain; pilih salah satu."
    ]
    followup_record(
        respondent=pns,
        outcome="sanctioned",
        sanctions=[decision("pemberhentian-hormat", "1"), decision("moral-terbuka", "2")],
        actor=bkpsdm_officer,
    )
    assert pns.sanctions.count() == 2


def test_over_the_api_a_pns_sanction_for_a_pppk_is_a_400(bkpsdm_officer):
    pppk = respondent_of(Employment.PPPK, employment_type="PPPK")
    response = token_client(bkpsdm_officer).post(
        f"/api/v1/cases/{pppk.case_id}/follow-ups/",
        {
            "respondent": pppk.pk,
            "outcome": "sanctioned",
            "sanctions": [
                {
                    "sanction_type": "penurunan-jabatan",
                    "decree_number": "800/5/BKPSDM/2024",
                    "decree_date": "2024-12-02",
                    "effective_from": "2025-01-01",
                    "effective_until": "2025-12-31",
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["sanctions[0].sanction_type"] == [
        "Penurunan jabatan setingkat lebih rendah selama 12 bulan hanya untuk PNS (PP 94/2021); "
        "terlapor adalah PPPK."
    ]


def test_a_ppk_decision_reaches_bkpsdms_next_incremental_pull(forwarded, bkpsdm_officer):
    # BKPSDM pulls with ``updated_after``: a decision on one respondent is a change of the case,
    # though it is written on rows of its own (found by the walk through the API, issue 23).
    case, teacher, _head = forwarded
    client = token_client(bkpsdm_officer)
    since = timezone.now().isoformat()
    assert client.get("/api/v1/cases/", {"updated_after": since}).json()["results"] == []
    with clock.travel_to(wita(2024, 12, 3, 9, 0)):
        followup_record(
            respondent=teacher,
            outcome="sanctioned",
            sanctions=[decision("moral-tertutup", "800/3/BKPSDM/2024")],
            actor=bkpsdm_officer,
        )
    pulled = client.get("/api/v1/cases/", {"updated_after": since}).json()["results"]
    assert [row["id"] for row in pulled] == [case.pk]


def test_a_decree_dated_today_is_accepted_just_after_midnight_wita(forwarded, bkpsdm_officer):
    # 00.30 WITA on 3 December is still 2 December in UTC: "today" is WITA's (found by CI
    # running the demo walk between 16.00 and 24.00 UTC).
    _case, teacher, _head = forwarded
    with clock.travel_to(wita(2024, 12, 3, 0, 30).astimezone(UTC)):  # as timezone.now() gives it
        followup_record(
            respondent=teacher,
            outcome="sanctioned",
            sanctions=[
                {
                    **decision("moral-tertutup", "800/4/BKPSDM/2024"),
                    "decree_date": date(2024, 12, 3),
                }
            ],
            actor=bkpsdm_officer,
        )
    assert teacher.sanctions.get().decree_date == date(2024, 12, 3)
