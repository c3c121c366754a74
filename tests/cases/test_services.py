import re
from datetime import date

import pytest
from django.utils import timezone

from apps.cases.models import Case, CaseEvent, FollowUp
from apps.cases.services import (
    case_assign,
    case_create,
    case_transition,
    case_update,
    clarification_record,
    followup_record,
    holiday_add,
    reporter_set,
    respondent_add,
    witness_add,
)
from apps.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.cases.factories import REPORTER_NIK, CaseFactory, election, wita
from tests.factories import CivilServantFactory, kecamatan

pytestmark = pytest.mark.django_db


def intake(actor, **overrides):
    servant = CivilServantFactory()
    fields = dict(
        actor=actor,
        kind=Case.Kind.REPORT,
        election=election(),
        received_at=wita(2024, 11, 9, 10, 0),
        known_on=date(2024, 11, 2),
        incident_on=date(2024, 11, 1),
        incident_place="Balai Desa Loa Janan Ulu",
        chronology="Terlapor mengajak warga memilih salah satu pasangan calon.",
        reporter={
            "name": "Pelapor Sintetis",
            "nik": REPORTER_NIK,
            "phone": "0812-3456-7890",
            "address": "Jl. Uji No. 2, Loa Janan",
        },
        respondents=[{"nip": servant.nip}],
        witnesses=[{"name": "Saksi Sintetis", "phone": "628123450000"}],
    )
    fields.update(overrides)
    return case_create(**fields)


def test_a_case_goes_from_intake_to_closed_with_one_event_per_step(coordinator, bkpsdm_officer):
    case = intake(coordinator)
    steps = [
        ("register", {}),
        ("begin_clarification", {}),
        ("begin_review", {}),
        (
            "forward",
            {
                "recipients": ["bkn-wasdal"],
                "letter_number": "001/PP.01.02/K.KT-05/XI/2024",
                "letter_date": timezone.localdate(),
                "recommended_sanction": "berat",
            },
        ),
    ]
    for action, fields in steps:
        case = case_transition(case_id=case.pk, action=action, actor=coordinator, fields={**fields})
    followup_record(
        respondent=case.respondents.get(),
        sanction_type="teguran-tertulis",
        decree_number="800/12/BKPSDM/2024",
        decree_date=date(2024, 11, 20),
        actor=bkpsdm_officer,
    )
    case = case_transition(case_id=case.pk, action="close", actor=bkpsdm_officer)
    assert case.status == Case.Status.CLOSED
    assert re.fullmatch(r"001/Reg/LP/PB/Kab/64\.02/[IVX]+/\d{4}", case.number)
    assert list(CaseEvent.objects.filter(case=case).values_list("action", flat=True)) == [
        "create",
        "register",
        "begin_clarification",
        "begin_review",
        "forward",
        "follow_up",
        "close",
    ]
    assert FollowUp.objects.filter(respondent__case=case).count() == 1


def test_register_names_every_unmet_requirement(coordinator):
    case = intake(
        coordinator,
        reporter={"name": "Pelapor Sintetis"},
        respondents=[],
        witnesses=[],
        chronology="",
        incident_place="",
        incident_on=None,
        received_at=wita(2024, 11, 10, 8, 0),
    )
    with pytest.raises(InvalidInput) as error:
        case_transition(case_id=case.pk, action="register", actor=coordinator)
    assert set(error.value.fields) == {
        "reporter.nik",
        "reporter.address",
        "respondents",
        "received_at",
        "incident_on",
        "incident_place",
        "chronology",
        "evidence",
    }
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


# --- intake -----------------------------------------------------------------------------------


def test_a_respondent_found_by_nip_is_linked_with_a_snapshot(coordinator):
    servant = CivilServantFactory(position="Kepala Seksi", golongan="III/c")
    case = intake(coordinator, respondents=[{"nip": f"{servant.nip[:8]} {servant.nip[8:]}"}])
    respondent = case.respondents.get()
    assert respondent.civil_servant == servant
    assert (respondent.name, respondent.nip, respondent.position, respondent.golongan) == (
        servant.name,
        servant.nip,
        "Kepala Seksi",
        "III/c",
    )
    assert (respondent.agency, respondent.agency_name) == (servant.agency, servant.agency.name)
    servant.position = "Kepala Bidang"
    servant.save()
    respondent.refresh_from_db()
    assert respondent.position == "Kepala Seksi"


def test_a_respondent_outside_the_registry_keeps_what_was_reported(coordinator):
    case = intake(
        coordinator,
        respondents=[
            {"nip": "198501012010011001", "name": "Terlapor Sintetis", "agency_name": "Dinas X"}
        ],
    )
    respondent = case.respondents.get()
    assert (respondent.civil_servant, respondent.name, respondent.agency_name) == (
        None,
        "Terlapor Sintetis",
        "Dinas X",
    )


def test_intake_names_the_wrong_digit_of_a_nip_and_a_nik(coordinator):
    with pytest.raises(InvalidInput) as error:
        intake(
            coordinator,
            reporter={"name": "Pelapor", "nik": "6402031204900000"},
            respondents=[{"nip": "198501012010013001", "name": "Terlapor"}],
        )
    assert error.value.fields == {
        "reporter.nik": ["Digit ke-13–16 NIK (nomor urut) tidak boleh 0000."],
        "respondents[0].nip": [
            "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan 3.",
            "Bila nomor ini NI PPPK, pilih kepegawaian PPPK.",
        ],
    }
    assert not Case.objects.exists()


def test_intake_normalises_phone_numbers(coordinator):
    case = intake(coordinator)
    assert case.reporter.phone == "+6281234567890"
    assert case.witnesses.get().phone == "+628123450000"


def test_intake_checks_dates_places_and_unknown_fields(coordinator):
    with pytest.raises(InvalidInput) as error:
        intake(
            coordinator,
            known_on=date(2024, 11, 10),
            incident_on=date(2024, 11, 11),
            kecamatan=kecamatan("64.02.06"),
            village=kecamatan("64.02.03").children.first(),
            reporter={"name": "Pelapor", "hobi": "x"},
            witnesses=[{"phone": "12"}],
        )
    assert set(error.value.fields) == {
        "known_on",
        "incident_on",
        "village",
        "reporter.hobi",
        "witnesses[0].name",
        "witnesses[0].phone",
    }


def test_a_finding_has_no_reporter(coordinator):
    with pytest.raises(InvalidInput) as error:
        intake(coordinator, kind=Case.Kind.FINDING)
    assert error.value.fields == {
        "reporter": ["Temuan tidak memiliki pelapor; catat sebagai laporan."]
    }


def test_intake_computes_deadlines_and_writes_a_create_event(coordinator):
    case = intake(coordinator, violation_forms=["media-sosial"])
    assert case.reporting_due_at == wita(2024, 11, 9, 23, 59, 59)
    assert case.decision_due_at == wita(2024, 11, 12, 23, 59, 59)
    assert list(case.violation_forms.values_list("code", flat=True)) == ["media-sosial"]
    event = case.events.get()
    assert (event.action, event.actor, event.to_status) == ("create", coordinator, "received")


def test_an_investigator_who_logs_a_case_is_assigned_to_it(investigator):
    case = intake(investigator)
    assert list(case.assigned_investigators.all()) == [investigator]


@pytest.mark.parametrize("persona", ["bkpsdm_officer", "clerk_loajanan"])
def test_only_bawaslu_logs_cases(request, persona):
    with pytest.raises(Forbidden):
        intake(request.getfixturevalue(persona))


# --- assignment -------------------------------------------------------------------------------


def test_a_coordinator_assigns_investigators(coordinator, investigator, other_investigator):
    case = CaseFactory(assigned_to=[investigator])
    case_assign(case=case, investigators=[other_investigator], actor=coordinator)
    assert list(case.assigned_investigators.all()) == [other_investigator]
    event = case.events.get()
    assert (event.action, event.data) == (
        "assign",
        {"changes": {"investigators": [["investigator"], ["investigator-lain"]]}},
    )


def test_only_investigators_can_be_assigned(coordinator, bkpsdm_officer):
    with pytest.raises(InvalidInput) as error:
        case_assign(case=CaseFactory(), investigators=[bkpsdm_officer], actor=coordinator)
    assert error.value.fields == {"investigators": ["Bukan investigator: bkpsdm."]}


def test_an_investigator_cannot_assign(investigator, other_investigator):
    case = CaseFactory(assigned_to=[investigator])
    with pytest.raises(Forbidden):
        case_assign(case=case, investigators=[other_investigator], actor=investigator)


def test_a_finished_case_cannot_be_reassigned(coordinator, investigator):
    with pytest.raises(Conflict):
        case_assign(
            case=CaseFactory(status=Case.Status.DISMISSED),
            investigators=[investigator],
            actor=coordinator,
        )


# --- PPK follow-up ----------------------------------------------------------------------------


def record(case, actor, **fields):
    values = dict(respondent=case.respondents.first(), actor=actor)
    values.update(fields)
    return followup_record(**values)


def test_no_sanction_needs_a_reason(bkpsdm_officer):
    case = CaseFactory(status=Case.Status.FORWARDED)
    with pytest.raises(InvalidInput) as error:
        record(case, bkpsdm_officer, sanction_type="none")
    assert error.value.fields == {"reason": ["Alasan tidak dijatuhi sanksi wajib diisi."]}
    follow_up = record(case, bkpsdm_officer, sanction_type="none", reason="Tidak terbukti di PPK.")
    assert follow_up.outcome == FollowUp.Outcome.NOT_SANCTIONED
    assert not follow_up.respondent.sanctions.exists()


def test_a_sanction_needs_the_decree_number_and_date(bkpsdm_officer):
    case = CaseFactory(status=Case.Status.FORWARDED)
    with pytest.raises(InvalidInput) as error:
        record(
            case,
            bkpsdm_officer,
            sanction_type="potong-tukin-6",
            effective_from=date(2024, 12, 1),
            effective_until=date(2024, 6, 1),
        )
    assert error.value.fields == {
        "sanctions[0].decree_number": ["Nomor keputusan sanksi wajib diisi."],
        "sanctions[0].decree_date": ["Tanggal keputusan sanksi wajib diisi."],
        "sanctions[0].effective_until": ["Berlaku sampai tidak boleh sebelum berlaku mulai."],
    }
    with pytest.raises(InvalidInput) as error:
        record(case, bkpsdm_officer, sanction_type="hukuman-mati")
    assert error.value.fields == {
        "sanctions[0].sanction_type": [
            "Jenis sanksi 'hukuman-mati' tidak dikenal atau tidak aktif."
        ]
    }


def test_recording_again_corrects_the_follow_up(bkpsdm_officer):
    case = CaseFactory(status=Case.Status.FORWARDED)
    record(case, bkpsdm_officer, sanction_type="none", reason="Belum ada keputusan.")
    record(
        case,
        bkpsdm_officer,
        sanction_type="teguran-tertulis",
        decree_number="800/1/BKPSDM/2024",
        decree_date=date(2024, 11, 20),
    )
    follow_up = FollowUp.objects.get(respondent__case=case)
    assert follow_up.outcome == FollowUp.Outcome.SANCTIONED
    assert [s.sanction_type.code for s in follow_up.respondent.sanctions.all()] == [
        "teguran-tertulis"
    ]
    corrected = case.events.get(action="follow_up_corrected")
    assert corrected.data["changes"]["outcome"] == ["not_sanctioned", "sanctioned"]
    assert list(case.events.values_list("action", flat=True)) == [
        "follow_up",
        "follow_up_corrected",
    ]


def test_a_follow_up_needs_a_forwarded_case(coordinator):
    with pytest.raises(Conflict):
        record(
            CaseFactory(status=Case.Status.REVIEW), coordinator, sanction_type="none", reason="x"
        )


@pytest.mark.parametrize(
    ("persona", "error"),
    [("investigator", Forbidden), ("other_investigator", NotFound), ("clerk_loajanan", NotFound)],
)
def test_only_bkpsdm_and_coordinators_record_follow_ups(request, investigator, persona, error):
    case = CaseFactory(status=Case.Status.FORWARDED, assigned_to=[investigator])
    with pytest.raises(error):
        record(case, request.getfixturevalue(persona), sanction_type="none", reason="x")


# --- holidays ---------------------------------------------------------------------------------


def test_a_holiday_date_is_added_once(coordinator):
    holiday_add(date=date(2024, 12, 26), name="Cuti bersama Natal", actor=coordinator)
    with pytest.raises(InvalidInput) as error:
        holiday_add(date=date(2024, 12, 26), name="", actor=coordinator)
    assert error.value.fields == {
        "name": ["Keterangan hari libur wajib diisi."],
        "date": ["Tanggal 26-12-2024 sudah terdaftar sebagai hari libur."],
    }


@pytest.mark.parametrize("persona", ["investigator", "bkpsdm_officer", "clerk_loajanan"])
def test_only_coordinators_manage_holidays(request, persona):
    with pytest.raises(Forbidden):
        holiday_add(date=date(2024, 12, 26), name="x", actor=request.getfixturevalue(persona))


# --- after the commit -------------------------------------------------------------------------


def test_the_event_log_is_append_only(coordinator):
    case = CaseFactory()
    case_transition(
        case_id=case.pk, action="reject", actor=coordinator, fields={"reason": "Bukan pemilihan."}
    )
    event = case.events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        case.events.all().delete()
    with pytest.raises(PermissionError):
        case.events.update(note="diubah")


# --- handling data before the decision --------------------------------------------------------


def test_correcting_the_known_date_recomputes_the_reporting_window(coordinator):
    case = CaseFactory(known_on=date(2024, 11, 2))
    case = case_update(case=case, actor=coordinator, known_on=date(2024, 11, 1))
    assert case.reporting_due_at == wita(2024, 11, 8, 23, 59, 59)
    event = case.events.get()
    assert (event.action, event.data) == (
        "update",
        {
            "changes": {"known_on": ["2024-11-02", "2024-11-01"]},
            "deadlines": {
                "reporting_due_at": ["2024-11-09T15:59:59+00:00", "2024-11-08T15:59:59+00:00"]
            },
        },
    )


def test_receipt_dates_are_fixed_once_registered(coordinator):
    case = CaseFactory(status=Case.Status.REGISTERED)
    with pytest.raises(InvalidInput) as error:
        case_update(case=case, actor=coordinator, known_on=date(2024, 11, 1), number="x")
    assert error.value.fields == {"number": ["Isian ini tidak dapat diubah di sini."]}
    with pytest.raises(Conflict) as error:
        case_update(case=case, actor=coordinator, known_on=date(2024, 11, 1))
    assert error.value.message == (
        "Tindakan 'Ubah waktu diterima dan diketahui' tidak dapat dilakukan pada kasus berstatus "
        "Diregistrasi; hanya pada status: Diterima."
    )
    case = case_update(case=case, actor=coordinator, chronology="Kronologi lengkap.")
    assert case.chronology == "Kronologi lengkap."


def test_an_unchanged_update_writes_no_event(coordinator):
    case = CaseFactory()
    case_update(case=case, actor=coordinator, incident_place=case.incident_place)
    assert not case.events.exists()


def test_a_decided_case_is_not_edited(investigator):
    case = CaseFactory(status=Case.Status.FORWARDED, assigned_to=[investigator])
    with pytest.raises(Conflict):
        case_update(case=case, actor=investigator, chronology="x")


@pytest.mark.parametrize(
    ("persona", "error"), [("other_investigator", NotFound), ("bkpsdm_officer", NotFound)]
)
def test_only_those_handling_a_case_edit_it(request, persona, error):
    with pytest.raises(error):
        case_update(case=CaseFactory(), actor=request.getfixturevalue(persona), chronology="x")


def test_the_reporter_identity_is_completed_without_logging_it(investigator, coordinator):
    case = CaseFactory(reporter__nik="", assigned_to=[investigator])
    reporter_set(case=case, actor=investigator, name="Pelapor Sintetis", nik=REPORTER_NIK)
    case = case_transition(case_id=case.pk, action="register", actor=coordinator)
    event = case.events.first()
    # Which fields changed, never their values: the reporter's identity stays out of the log.
    assert (event.action, event.note, event.data) == ("reporter_update", "", {"fields": ["nik"]})
    assert REPORTER_NIK not in str(event.data)


def test_respondents_and_witnesses_are_added_while_handling(investigator):
    case = CaseFactory(status=Case.Status.CLARIFICATION, assigned_to=[investigator])
    servant = CivilServantFactory()
    respondent = respondent_add(case=case, actor=investigator, nip=servant.nip)
    witness = witness_add(case=case, actor=investigator, name="Saksi Dua", phone="08129990000")
    assert respondent.civil_servant == servant
    assert witness.phone == "+628129990000"
    assert list(case.events.values_list("action", flat=True)) == ["respondent_add", "witness_add"]


def test_a_clarification_is_recorded_during_clarification_or_review(investigator):
    case = CaseFactory(status=Case.Status.CLARIFICATION, assigned_to=[investigator])
    clarification = clarification_record(
        case=case,
        actor=investigator,
        person_name="Terlapor",
        role="respondent",
        respondent=case.respondents.get(),
        held_at=wita(2024, 11, 10, 9, 0),
        summary="Terlapor mengakui unggahan.",
    )
    assert clarification.recorded_by == investigator
    with pytest.raises(Conflict):
        clarification_record(
            case=CaseFactory(status=Case.Status.REGISTERED, assigned_to=[investigator]),
            actor=investigator,
            person_name="x",
            role="witness",
            held_at=wita(2024, 11, 10, 9, 0),
        )
    with pytest.raises(InvalidInput) as error:
        clarification_record(
            case=case, actor=investigator, person_name="", role="hakim", held_at=None
        )
    assert set(error.value.fields) == {"person_name", "role", "held_at"}
