"""Every action from every state for every persona, and each guard's message."""

from datetime import date

import pytest
from django.db import transaction

from apps.cases import policy
from apps.cases.models import Case, CaseEvent, RegisterCounter
from apps.cases.services import case_transition
from apps.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.cases.factories import CaseFactory, wita

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("day_after_receipt")]
S = Case.Status
ALL_STATES = list(S)
PERSONAS = [
    "coordinator",
    "superuser",
    "investigator",
    "other_investigator",
    "bkpsdm_officer",
    "clerk_loajanan",
]

# The policy restated independently of apps.cases.policy, so the table is tested, not echoed.
SOURCES = {
    "register": {S.RECEIVED},
    "reject": {S.RECEIVED},
    "begin_clarification": {S.REGISTERED},
    "begin_review": {S.CLARIFICATION},
    "extend": {S.REGISTERED, S.CLARIFICATION, S.REVIEW},
    "dismiss": {S.REVIEW},
    "forward": {S.REVIEW},
    "close": {S.FORWARDED},
    "reopen": {S.CLOSED},
    "join": {S.RECEIVED, S.REGISTERED, S.CLARIFICATION, S.REVIEW},
}
TARGET = {
    "register": S.REGISTERED,
    "reject": S.NOT_REGISTERED,
    "begin_clarification": S.CLARIFICATION,
    "begin_review": S.REVIEW,
    "extend": None,
    "dismiss": S.DISMISSED,
    "forward": S.FORWARDED,
    "close": S.CLOSED,
    "reopen": S.FORWARDED,
    "join": S.JOINED,
}
BOSSES = {"coordinator", "superuser"}
WHO = {
    "register": BOSSES | {"investigator"},
    "reject": BOSSES | {"investigator"},
    "begin_clarification": BOSSES | {"investigator"},
    "begin_review": BOSSES | {"investigator"},
    "extend": BOSSES | {"investigator"},
    "dismiss": BOSSES,
    "forward": BOSSES,
    "close": BOSSES | {"bkpsdm_officer"},
    "reopen": BOSSES,
    "join": BOSSES,
}
FIELDS = {
    "reopen": {"reason": "Koreksi nomor keputusan PPK."},
    "reject": {"reason": "Syarat materiel tidak terpenuhi.", "reason_code": "material"},
    "extend": {"reason": "Perlu keterangan tambahan dari pelapor."},
    "dismiss": {"reason": "Tidak terbukti.", "reason_code": "not_proven"},
    "forward": {
        "recipients": ["bkn-wasdal", "bkpsdm-kukar"],
        "letter_number": "012/PP.01.02/K.KT-05/XI/2024",
        "letter_date": date(2024, 11, 10),
        "recommended_sanction": "berat",
    },
}


def sees(persona: str, status: str) -> bool:
    if persona in BOSSES | {"investigator"}:
        return True
    return persona == "bkpsdm_officer" and status in {S.FORWARDED, S.CLOSED}


def expected(action: str, status: str, persona: str):
    if not sees(persona, status):
        return NotFound
    if persona not in WHO[action]:
        return Forbidden
    if status not in SOURCES[action]:
        return Conflict
    return TARGET[action] or status


def snapshot(case: Case) -> tuple:
    row = Case.objects.filter(pk=case.pk).values().get()
    return row, CaseEvent.objects.filter(case=case).count(), list(RegisterCounter.objects.values())


def attempt(case: Case, action: str, persona: str, user) -> None:
    """Try ``action`` as ``persona`` and check the outcome; the caller rolls the attempt back."""
    status = case.status
    outcome = expected(action, status, persona)
    fields = FIELDS.get(action, {})
    if action == "join":  # into another case on the same incident
        other = CaseFactory(status=S.REGISTERED, registered=False)
        fields = {"into": other.pk, "reason": "Kejadian yang sama dengan laporan lain."}
    before = snapshot(case)
    if isinstance(outcome, type):
        with pytest.raises(outcome):
            case_transition(case_id=case.pk, action=action, actor=user, fields={**fields})
        assert snapshot(case) == before, f"{persona}: a refused {action} changed the case"
        return
    result = case_transition(case_id=case.pk, action=action, actor=user, fields={**fields})
    result.refresh_from_db()
    assert result.status == outcome, persona
    events = list(CaseEvent.objects.filter(case=case))
    assert len(events) == before[1] + 1, persona
    event = events[-1]
    assert (event.actor, event.action, event.from_status, event.to_status) == (
        user,
        action,
        status,
        outcome,
    )


@pytest.mark.parametrize("status", ALL_STATES)
@pytest.mark.parametrize("action", list(SOURCES))
def test_every_action_from_every_state_for_every_persona(request, action, status):
    users = {persona: request.getfixturevalue(persona) for persona in PERSONAS}
    case = CaseFactory(
        status=status, assigned_to=[users["investigator"]], followed_up=status == S.FORWARDED
    )
    for persona, user in users.items():
        # Each persona acts on the same starting case: the savepoint undoes a successful attempt.
        with transaction.atomic():
            attempt(case, action, persona, user)
            transaction.set_rollback(True)
        case.refresh_from_db()
        assert case.status == status


def test_the_table_declares_exactly_the_designed_actions():
    assert set(policy.TRANSITIONS) == set(SOURCES)
    for name, action in policy.TRANSITIONS.items():
        assert action.states == SOURCES[name]
        assert action.target == TARGET[name]


# --- conflicts --------------------------------------------------------------------------------


def test_an_illegal_transition_names_the_current_state_and_the_action(coordinator):
    case = CaseFactory(status=S.CLOSED)
    with pytest.raises(Conflict) as error:
        case_transition(case_id=case.pk, action="register", actor=coordinator)
    assert error.value.status_code == 409
    assert error.value.message == (
        "Tindakan 'Registrasi' tidak dapat dilakukan pada kasus berstatus Selesai; "
        "hanya dari status: Diterima."
    )


def test_a_second_extension_is_a_conflict(coordinator):
    case = CaseFactory(status=S.REVIEW)
    case_transition(
        case_id=case.pk, action="extend", actor=coordinator, fields={"reason": "Keterangan."}
    )
    with pytest.raises(Conflict) as error:
        case_transition(
            case_id=case.pk, action="extend", actor=coordinator, fields={"reason": "Lagi."}
        )
    assert "hanya boleh sekali" in error.value.message
    assert CaseEvent.objects.filter(case=case, action="extend").count() == 1


def test_an_unknown_action_is_invalid_input(coordinator):
    case = CaseFactory()
    with pytest.raises(InvalidInput) as error:
        case_transition(case_id=case.pk, action="approve", actor=coordinator)
    assert "Tindakan 'approve' tidak dikenal" in error.value.message


def test_a_missing_case_is_not_found(coordinator):
    with pytest.raises(NotFound):
        case_transition(case_id=999_999, action="register", actor=coordinator)


def test_a_forbidden_actor_gets_a_message_naming_who_may(investigator):
    case = CaseFactory(status=S.REVIEW, assigned_to=[investigator])
    with pytest.raises(Forbidden) as error:
        case_transition(
            case_id=case.pk, action="forward", actor=investigator, fields={**FIELDS["forward"]}
        )
    assert error.value.message == (
        "Tindakan 'Teruskan rekomendasi' hanya dapat dilakukan oleh: koordinator, administrator."
    )


# --- guards and their messages ----------------------------------------------------------------


def unmet(action: str, case: Case, actor, **fields) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as error:
        case_transition(case_id=case.pk, action=action, actor=actor, fields={**fields})
    case.refresh_from_db()
    return error.value.fields


def test_register_needs_the_reporters_name(coordinator):
    case = CaseFactory(reporter=False)
    assert unmet("register", case, coordinator) == {
        "reporter": ["Syarat formal: identitas pelapor (nama) belum diisi."]
    }
    assert case.status == S.RECEIVED


def test_register_needs_the_reporters_nik(coordinator):
    case = CaseFactory(reporter__nik="")
    assert unmet("register", case, coordinator) == {
        "reporter.nik": ["Syarat formal: NIK pelapor belum diisi."]
    }


def test_register_needs_a_respondent(coordinator):
    case = CaseFactory(respondents=0)
    assert unmet("register", case, coordinator) == {
        "respondents": ["Syarat formal: terlapor belum diisi."]
    }


def test_register_refuses_an_expired_report_and_says_it_can_only_be_rejected(coordinator):
    case = CaseFactory(known_on=date(2024, 11, 2), received_at=wita(2024, 11, 10, 8, 0))
    assert unmet("register", case, coordinator) == {
        "received_at": [
            "Syarat formal: laporan diterima 10-11-2024 08.00 WITA, melewati batas pelaporan "
            "09-11-2024 23.59 WITA (7 hari kalender sejak diketahui 02-11-2024). Laporan "
            "daluwarsa dan hanya dapat tidak diregistrasi."
        ]
    }
    case = case_transition(
        case_id=case.pk,
        action="reject",
        actor=coordinator,
        fields={"reason": "Laporan daluwarsa.", "reason_code": "expired"},
    )
    assert (case.status, case.reason_code) == (S.NOT_REGISTERED, "expired")


def test_register_needs_time_place_and_chronology(coordinator):
    case = CaseFactory(incident_on=None, incident_place="", chronology=" ")
    assert unmet("register", case, coordinator) == {
        "incident_on": ["Syarat materiel: waktu kejadian belum diisi."],
        "incident_place": ["Syarat materiel: tempat kejadian belum diisi."],
        "chronology": ["Syarat materiel: uraian kronologi belum diisi."],
    }


def test_register_needs_evidence_or_a_witness(coordinator):
    case = CaseFactory(evidence=0, witnesses=0)
    assert unmet("register", case, coordinator) == {
        "evidence": ["Syarat materiel: belum ada alat bukti atau saksi; tambahkan minimal satu."]
    }


def test_register_accepts_a_witness_without_evidence(coordinator):
    case = CaseFactory(evidence=0, witnesses=1)
    case = case_transition(case_id=case.pk, action="register", actor=coordinator)
    assert case.status == S.REGISTERED


def test_a_finding_is_registered_without_a_reporter(coordinator):
    case = CaseFactory(kind=Case.Kind.FINDING)
    case = case_transition(case_id=case.pk, action="register", actor=coordinator)
    assert "/Reg/TM/PB/" in case.number


def test_reject_needs_a_reason(coordinator):
    case = CaseFactory()
    assert unmet("reject", case, coordinator) == {"reason": ["Alasan wajib diisi."]}
    assert unmet("reject", case, coordinator, reason="   ") == {"reason": ["Alasan wajib diisi."]}


def test_reject_refuses_a_reason_code_of_dismissal(coordinator):
    case = CaseFactory()
    fields = unmet("reject", case, coordinator, reason="x", reason_code="not_proven")
    assert fields["reason_code"][0].startswith("Jenis alasan harus salah satu dari: formal")


def test_dismiss_needs_a_reason(coordinator):
    case = CaseFactory(status=S.REVIEW)
    assert unmet("dismiss", case, coordinator) == {"reason": ["Alasan wajib diisi."]}
    fields = unmet("dismiss", case, coordinator, reason="x", reason_code="expired")
    assert fields["reason_code"] == [
        "Jenis alasan harus salah satu dari: not_proven (Tidak terbukti), "
        "not_neutrality (Bukan pelanggaran netralitas ASN)."
    ]


def test_extend_needs_a_reason(coordinator):
    case = CaseFactory(status=S.CLARIFICATION)
    assert unmet("extend", case, coordinator) == {"reason": ["Alasan wajib diisi."]}


def test_forward_needs_recipients_letter_number_date_and_sanction(coordinator):
    case = CaseFactory(status=S.REVIEW)
    assert unmet("forward", case, coordinator) == {
        "recipients": ["Penerima rekomendasi wajib diisi."],
        "letter_number": ["Nomor surat rekomendasi wajib diisi."],
        "letter_date": ["Tanggal surat rekomendasi wajib diisi."],
        "recommended_sanction": ["Rekomendasi kategori sanksi wajib diisi."],
    }
    assert case.status == S.REVIEW
    assert not hasattr(case, "forwarding") or case.forwarding is None


def test_forward_checks_the_values(coordinator):
    case = CaseFactory(status=S.REVIEW)
    fields = unmet(
        "forward",
        case,
        coordinator,
        recipients=["kasn"],
        letter_number="1",
        letter_date="2099-01-01",
        recommended_sanction="sangat-berat",
    )
    assert fields == {
        "recipients": ["Penerima tidak dikenal atau tidak aktif: kasn."],
        "letter_date": ["Tanggal surat tidak boleh di masa depan."],
        "recommended_sanction": [
            "Rekomendasi kategori sanksi harus salah satu dari: "
            "etik, ringan, sedang, berat, pemberhentian."
        ],
    }
    fields = unmet("forward", case, coordinator, **{**FIELDS["forward"], "letter_date": "12/11"})
    assert fields == {"letter_date": ["Tanggal surat tidak valid; gunakan format TTTT-BB-HH."]}


def test_forward_records_the_letter_and_recipients(coordinator):
    case = CaseFactory(status=S.REVIEW)
    case = case_transition(
        case_id=case.pk, action="forward", actor=coordinator, fields={**FIELDS["forward"]}
    )
    forwarding = case.forwarding
    assert forwarding.letter_number == "012/PP.01.02/K.KT-05/XI/2024"
    assert forwarding.letter_date == date(2024, 11, 10)
    assert sorted(forwarding.recipients.values_list("code", flat=True)) == [
        "bkn-wasdal",
        "bkpsdm-kukar",
    ]
    event = case.events.last()
    assert event.data["recipients"] == ["bkn-wasdal", "bkpsdm-kukar"]
    assert case.forwarded_at is not None and case.follow_up_due_at is not None


def test_close_needs_a_follow_up_for_every_respondent(coordinator):
    case = CaseFactory(status=S.FORWARDED, respondents=2)
    names = list(case.respondents.values_list("name", flat=True))
    assert unmet("close", case, coordinator) == {
        "follow_ups": [f"Tindak lanjut PPK untuk terlapor {name} belum dicatat." for name in names]
    }


def test_an_unknown_field_is_named(coordinator):
    case = CaseFactory(status=S.REGISTERED)
    assert unmet("begin_clarification", case, coordinator, letter_number="1") == {
        "letter_number": ["Isian ini tidak dikenal untuk tindakan 'Mulai klarifikasi'."]
    }


def test_every_unmet_requirement_is_named_at_once(coordinator):
    case = CaseFactory(reporter__nik="", respondents=0, evidence=0, witnesses=0, chronology="")
    with pytest.raises(InvalidInput) as error:
        case_transition(case_id=case.pk, action="register", actor=coordinator)
    assert set(error.value.fields) == {"reporter.nik", "respondents", "evidence", "chronology"}
    assert error.value.message == (
        "Tindakan 'Registrasi' belum dapat dilakukan: 4 syarat belum terpenuhi."
    )


def test_the_event_keeps_the_note_and_the_reason(coordinator):
    case = CaseFactory(status=S.REVIEW)
    case_transition(
        case_id=case.pk,
        action="dismiss",
        actor=coordinator,
        fields={"reason": "Tidak terbukti.", "note": "x"},
    )
    event = case.events.last()
    assert (event.note, event.data) == ("Tidak terbukti.", {})
    case.refresh_from_db()
    assert (case.closing_reason, case.decided_at is not None) == ("Tidak terbukti.", True)


# --- available actions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status", "actions"),
    [
        ("coordinator", S.RECEIVED, ["register", "reject", "join"]),
        ("coordinator", S.REVIEW, ["extend", "dismiss", "forward", "join"]),
        ("coordinator", S.CLOSED, ["reopen"]),
        ("investigator", S.RECEIVED, ["register", "reject"]),
        ("investigator", S.REGISTERED, ["begin_clarification", "extend"]),
        ("investigator", S.CLARIFICATION, ["begin_review", "extend"]),
        ("other_investigator", S.REGISTERED, []),
        ("bkpsdm_officer", S.FORWARDED, ["close"]),
        ("bkpsdm_officer", S.CLOSED, []),
        ("clerk_loajanan", S.RECEIVED, []),
        ("coordinator", S.DISMISSED, []),
    ],
)
def test_available_actions_follow_the_table(request, persona, status, actions):
    user = request.getfixturevalue(persona)
    case = CaseFactory(status=status, assigned_to=[request.getfixturevalue("investigator")])
    assert policy.available_transitions(case, user) == actions


def test_extend_is_no_longer_available_once_used(coordinator):
    case = CaseFactory(status=S.REGISTERED)
    case = case_transition(
        case_id=case.pk, action="extend", actor=coordinator, fields={"reason": "x"}
    )
    assert policy.available_transitions(case, coordinator) == ["begin_clarification", "join"]


def test_a_single_recipient_code_is_accepted(coordinator):
    case = CaseFactory(status=S.REVIEW)
    fields = {**FIELDS["forward"], "recipients": "ppk-bupati-kukar"}
    case = case_transition(case_id=case.pk, action="forward", actor=coordinator, fields={**fields})
    assert [r.code for r in case.forwarding.recipients.all()] == ["ppk-bupati-kukar"]
