"""The policy table: one row per operation on a case (see :mod:`apps.cases.policy`)."""

from django.utils.translation import gettext_lazy

from apps.cases import guards as guard
from apps.cases.models import Case
from apps.cases.policy.rows import (
    ADMINISTRATOR,
    BKPSDM,
    CAPACITIES,
    CAPACITY_LABELS,
    CHANGE,
    COORDINATOR,
    INVESTIGATOR,
    READ,
    TRANSITION,
    Operation,
    S,
    bawaslu,
    confidential,
    document,
    pleno,
    transition,
    with_bkpsdm,
)
from apps.cases.states import (
    AFTER_FORWARDING,
    AFTER_REGISTRATION,
    ALL_STATES,
    DECISION_PENDING,
    OPEN_STATES,
    REGISTERED_PENDING,
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
REGISTRATION_DECIDED = ALL_STATES - {S.RECEIVED}
HEARD = frozenset({S.CLARIFICATION, S.REVIEW, S.DISMISSED, S.FORWARDED, S.CLOSED})
REVIEWED = frozenset({S.REVIEW, S.DISMISSED, S.FORWARDED, S.CLOSED})
# BKPSDM reads the review and the forwarding letter, which never name the reporter or a witness.
FORWARDED_DOCUMENT_READERS = {**bawaslu(ALL_STATES), BKPSDM: AFTER_FORWARDING}
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
    # --- official documents (apps.documents) ---
    *document(
        "receipt",
        gettext_lazy("Terbitkan tanda terima laporan"),
        gettext_lazy("Unduh tanda terima laporan"),
        confidential(ALL_STATES),
        confidential(ALL_STATES),
        preconditions=(guard.is_report,),
    ),
    *document(
        "status_notice",
        gettext_lazy("Terbitkan pemberitahuan status laporan"),
        gettext_lazy("Unduh pemberitahuan status laporan"),
        confidential(REGISTRATION_DECIDED),
        confidential(ALL_STATES),
        preconditions=(guard.is_report,),
    ),
    *document(
        "status_notice_public",
        gettext_lazy("Terbitkan pengumuman status laporan"),
        gettext_lazy("Unduh pengumuman status laporan"),
        bawaslu(REGISTRATION_DECIDED),
        bawaslu(ALL_STATES),
    ),
    *document(
        "summons",
        gettext_lazy("Terbitkan undangan klarifikasi"),
        gettext_lazy("Unduh undangan klarifikasi"),
        confidential(REGISTERED_PENDING),
        confidential(ALL_STATES),
    ),
    *document(
        "minutes",
        gettext_lazy("Terbitkan berita acara klarifikasi"),
        gettext_lazy("Unduh berita acara klarifikasi"),
        confidential(HEARD),
        confidential(ALL_STATES),
    ),
    *document(
        "review",
        gettext_lazy("Terbitkan kajian"),
        gettext_lazy("Unduh kajian"),
        bawaslu(REVIEWED),
        FORWARDED_DOCUMENT_READERS,
    ),
    *document(
        "forwarding_letter",
        gettext_lazy("Terbitkan surat penerusan rekomendasi"),
        gettext_lazy("Unduh surat penerusan rekomendasi"),
        pleno(AFTER_FORWARDING),
        FORWARDED_DOCUMENT_READERS,
    ),
]
OPERATIONS: dict[str, Operation] = {row.name: row for row in _ROWS}
TRANSITIONS: dict[str, Operation] = {
    name: op for name, op in OPERATIONS.items() if op.kind == TRANSITION
}
# Fields a transition form asks for, with their labels (the same in the admin and the API docs).
__all__ = [
    "ADMINISTRATOR",
    "CAPACITIES",
    "CAPACITY_LABELS",
    "COORDINATOR",
    "FIELD_LABELS",
    "INVESTIGATOR",
    "OPERATIONS",
    "READ",
    "REASON_CODES",
    "TRANSITION",
    "TRANSITIONS",
    "Operation",
    "S",
]
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
