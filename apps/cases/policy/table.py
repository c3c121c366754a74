"""The policy table: one row per operation on a case (see :mod:`apps.cases.policy`)."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from apps.cases import guards as guard
from apps.cases.guards import Guard, Precondition
from apps.cases.models import Case
from apps.cases.states import (
    AFTER_FORWARDING,
    AFTER_REGISTRATION,
    ALL_STATES,
    DECISION_PENDING,
    OPEN_STATES,
    REGISTERED_PENDING,
)

S = Case.Status
COORDINATOR, INVESTIGATOR, BKPSDM, ADMINISTRATOR = (
    "coordinator",
    "investigator",
    "bkpsdm",
    "administrator",
)
CAPACITIES = (COORDINATOR, INVESTIGATOR, BKPSDM, ADMINISTRATOR)
CAPACITY_LABELS = {
    COORDINATOR: gettext_lazy("koordinator"),
    INVESTIGATOR: gettext_lazy("investigator yang ditugaskan"),
    BKPSDM: gettext_lazy("petugas BKPSDM"),
    ADMINISTRATOR: gettext_lazy("administrator"),
}

READ, CHANGE, TRANSITION = "read", "change", "transition"


@dataclass(frozen=True)
class Operation:
    """One row of the policy: an operation on a case and its rules."""

    name: str
    label: str
    kind: str
    who: Mapping[str, frozenset[str]]  # capacity -> the states in which it may
    event: str = ""  # the CaseEvent action written ("" for reads)
    target: str | None = None  # transitions: the new state (None: unchanged, e.g. extend)
    fields: tuple[str, ...] = ()  # changes: the case fields it edits
    required: tuple[str, ...] = ()  # transitions: the inputs it needs
    optional: tuple[str, ...] = ()
    guards: tuple[Guard, ...] = ()
    preconditions: tuple[Precondition, ...] = ()

    @property
    def states(self) -> frozenset[str]:
        return frozenset().union(*self.who.values())

    @property
    def accepted_fields(self) -> frozenset[str]:
        return frozenset(self.required) | frozenset(self.optional)


def bawaslu(states: frozenset[str]) -> dict[str, frozenset[str]]:
    """Coordinators, administrators and the investigators assigned to the case."""
    return {COORDINATOR: states, INVESTIGATOR: states, ADMINISTRATOR: states}


def pleno(states: frozenset[str]) -> dict[str, frozenset[str]]:
    """Coordinators and administrators: the plenary decision and the assignment."""
    return {COORDINATOR: states, ADMINISTRATOR: states}


def with_bkpsdm(states: frozenset[str]) -> dict[str, frozenset[str]]:
    """The PPK's follow-up: BKPSDM beside the coordinators."""
    return {**pleno(states), BKPSDM: states}


def transition(name, label, sources, target, who, **rules) -> Operation:
    return Operation(
        name, label, TRANSITION, {c: sources & s for c, s in who.items()}, name, target, **rules
    )


REJECT_CODES = (
    Case.ReasonCode.FORMAL_UNMET,
    Case.ReasonCode.MATERIAL_UNMET,
    Case.ReasonCode.EXPIRED,
    Case.ReasonCode.NOT_ELECTION,
)
DISMISS_CODES = (Case.ReasonCode.NOT_PROVEN, Case.ReasonCode.NOT_NEUTRALITY)
REASON_CODES = {"reject": REJECT_CODES, "dismiss": DISMISS_CODES}
INTAKE_FIELDS = ("received_at", "known_on")
INCIDENT_FIELDS = (
    "incident_on",
    "incident_place",
    "kecamatan",
    "village",
    "chronology",
    "violation_forms",
)

_ROWS = [
    # --- reads ---
    Operation(
        "view",
        gettext_lazy("Lihat kasus"),
        READ,
        {**bawaslu(ALL_STATES), BKPSDM: AFTER_FORWARDING},
    ),
    Operation(
        "view_confidential",
        gettext_lazy("Lihat identitas pelapor, saksi dan petugas Bawaslu"),
        READ,
        {COORDINATOR: ALL_STATES, INVESTIGATOR: ALL_STATES},
    ),
    # --- intake and handling data ---
    Operation(
        "create", gettext_lazy("Catat laporan/temuan"), CHANGE, bawaslu(ALL_STATES), "create"
    ),
    Operation(
        "update_intake",
        gettext_lazy("Ubah waktu diterima dan diketahui"),
        CHANGE,
        bawaslu(frozenset({S.RECEIVED})),
        "update",
        fields=INTAKE_FIELDS,
    ),
    Operation(
        "update_incident",
        gettext_lazy("Ubah data kejadian"),
        CHANGE,
        bawaslu(DECISION_PENDING),
        "update",
        fields=INCIDENT_FIELDS,
    ),
    Operation(
        "update_conclusion",
        gettext_lazy("Ubah kesimpulan"),
        CHANGE,
        bawaslu(DECISION_PENDING),
        "update",
        fields=("conclusion",),
    ),
    Operation(
        "reporter_set",
        gettext_lazy("Catat/koreksi identitas pelapor"),
        CHANGE,
        {COORDINATOR: DECISION_PENDING, INVESTIGATOR: DECISION_PENDING},
        "reporter_set",
    ),
    Operation(
        "respondent_add",
        gettext_lazy("Tambah terlapor"),
        CHANGE,
        bawaslu(DECISION_PENDING),
        "respondent_add",
    ),
    Operation(
        "witness_add",
        gettext_lazy("Tambah saksi"),
        CHANGE,
        {COORDINATOR: DECISION_PENDING, INVESTIGATOR: DECISION_PENDING},
        "witness_add",
    ),
    Operation(
        "clarification_record",
        gettext_lazy("Catat klarifikasi"),
        CHANGE,
        bawaslu(frozenset({S.CLARIFICATION, S.REVIEW})),
        "clarification",
    ),
    Operation(
        "evidence_add",
        gettext_lazy("Tambah alat bukti"),
        CHANGE,
        bawaslu(DECISION_PENDING),
        "evidence_added",
    ),
    Operation(
        "evidence_withdraw",
        gettext_lazy("Tarik alat bukti"),
        CHANGE,
        bawaslu(DECISION_PENDING),
        "evidence_withdrawn",
    ),
    Operation(
        "assign", gettext_lazy("Tugaskan investigator"), CHANGE, pleno(OPEN_STATES), "assign"
    ),
    # --- the workflow ---
    transition(
        "register",
        gettext_lazy("Registrasi"),
        frozenset({S.RECEIVED}),
        S.REGISTERED,
        bawaslu(ALL_STATES),
        optional=("registered_on", "registration_reason", "note"),
        guards=(
            guard.formal_requirements,
            guard.within_reporting_window,
            guard.material_requirements,
            guard.registration_date,
        ),
    ),
    transition(
        "reject",
        gettext_lazy("Tidak diregistrasi"),
        frozenset({S.RECEIVED}),
        S.NOT_REGISTERED,
        bawaslu(ALL_STATES),
        required=("reason",),
        optional=("reason_code", "note"),
        guards=(guard.reason_code_valid(REASON_CODES["reject"]),),
    ),
    transition(
        "begin_clarification",
        gettext_lazy("Mulai klarifikasi"),
        frozenset({S.REGISTERED}),
        S.CLARIFICATION,
        bawaslu(ALL_STATES),
        optional=("note",),
    ),
    transition(
        "begin_review",
        gettext_lazy("Mulai kajian"),
        frozenset({S.CLARIFICATION}),
        S.REVIEW,
        bawaslu(ALL_STATES),
        optional=("note",),
    ),
    transition(
        "extend",
        gettext_lazy("Perpanjang batas keputusan"),
        REGISTERED_PENDING,
        None,
        bawaslu(ALL_STATES),
        required=("reason",),
        optional=("note",),
        preconditions=(guard.not_extended_yet, guard.decision_deadline_not_passed),
    ),
    transition(
        "dismiss",
        gettext_lazy("Hentikan"),
        frozenset({S.REVIEW}),
        S.DISMISSED,
        pleno(ALL_STATES),
        required=("reason",),
        optional=("reason_code", "conclusion", "note"),
        guards=(guard.reason_code_valid(REASON_CODES["dismiss"]),),
    ),
    transition(
        "forward",
        gettext_lazy("Teruskan rekomendasi"),
        frozenset({S.REVIEW}),
        S.FORWARDED,
        pleno(ALL_STATES),
        required=("recipients", "letter_number", "letter_date", "recommended_sanction"),
        optional=("recommendations", "conclusion", "note"),
        guards=(
            guard.forwarding_recipients,
            guard.forwarding_letter,
            guard.recommended_sanction_valid,
            guard.recommendations_valid,
        ),
    ),
    transition(
        "close",
        gettext_lazy("Selesaikan"),
        frozenset({S.FORWARDED}),
        S.CLOSED,
        with_bkpsdm(ALL_STATES),
        optional=("note",),
        guards=(guard.every_respondent_final,),
    ),
    transition(
        "reopen",
        gettext_lazy("Buka kembali (koreksi)"),
        frozenset({S.CLOSED}),
        S.FORWARDED,
        pleno(ALL_STATES),
        required=("reason",),
        optional=("note",),
    ),
    transition(
        "join",
        gettext_lazy("Gabungkan ke kasus lain"),
        DECISION_PENDING,
        S.JOINED,
        pleno(ALL_STATES),
        required=("into", "reason"),
        optional=("note",),
        guards=(guard.join_target,),
    ),
    # --- after forwarding ---
    Operation(
        "bkn_recommendation_record",
        gettext_lazy("Catat rekomendasi BKN kepada PPK"),
        CHANGE,
        with_bkpsdm(frozenset({S.FORWARDED})),
        "bkn_recommendation",
    ),
    Operation(
        "follow_up_record",
        gettext_lazy("Catat keputusan PPK"),
        CHANGE,
        with_bkpsdm(frozenset({S.FORWARDED})),
        "follow_up",
    ),
    Operation(
        "objection_record",
        gettext_lazy("Catat keberatan/banding dan hasilnya"),
        CHANGE,
        with_bkpsdm(frozenset({S.FORWARDED})),
        "objection",
    ),
    Operation(
        "block_request",
        gettext_lazy("Minta pemblokiran data kepada BKN"),
        CHANGE,
        pleno(frozenset({S.FORWARDED})),
        "block_request",
        preconditions=(guard.follow_up_deadline_passed,),
    ),
    Operation(
        "block_update",
        gettext_lazy("Catat pemblokiran data dan pembukaannya"),
        CHANGE,
        with_bkpsdm(frozenset({S.FORWARDED})),
        "block_update",
    ),
    # --- the criminal track, parallel to the administrative one ---
    Operation(
        "gakkumdu_record",
        gettext_lazy("Teruskan ke Sentra Gakkumdu dan catat prosesnya"),
        CHANGE,
        pleno(AFTER_REGISTRATION),
        "gakkumdu",
    ),
]
OPERATIONS: dict[str, Operation] = {row.name: row for row in _ROWS}
TRANSITIONS: dict[str, Operation] = {
    name: op for name, op in OPERATIONS.items() if op.kind == TRANSITION
}
# Fields a transition form asks for, with their labels (the same in the admin and the API docs).
FIELD_LABELS = {
    "reason": gettext_lazy("Alasan"),
    "reason_code": gettext_lazy("Jenis alasan"),
    "recipients": gettext_lazy("Penerima rekomendasi"),
    "letter_number": gettext_lazy("Nomor surat rekomendasi"),
    "letter_date": gettext_lazy("Tanggal surat rekomendasi"),
    "recommended_sanction": gettext_lazy("Rekomendasi kategori sanksi"),
    "recommendations": gettext_lazy("Rekomendasi kategori sanksi per terlapor"),
    "registered_on": gettext_lazy("Tanggal registrasi sebenarnya"),
    "registration_reason": gettext_lazy("Alasan tanggal registrasi yang lalu"),
    "into": gettext_lazy("Digabungkan ke kasus"),
    "conclusion": gettext_lazy("Kesimpulan"),
    "note": gettext_lazy("Catatan"),
}
