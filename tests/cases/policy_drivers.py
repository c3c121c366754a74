"""How each operation of the case policy is done through each interface, with input that meets
its guards: the service, the API (where it has an endpoint) and the admin."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

from apps.cases import services
from apps.cases.evidence import evidence_add_link, evidence_withdraw
from apps.cases.models import (
    Case,
    Clarification,
    DataBlock,
    ForwardingRecipient,
    Respondent,
    Sanction,
    SanctionType,
)
from apps.cases.policy import OPERATIONS, TRANSITIONS
from apps.documents.services import case_document_issue
from tests.cases.factories import CaseFactory, wita

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
CAPTURED = wita(2024, 11, 9, 9, 0)
FOLLOW_UP = {"sanction_type": "none", "reason": "PPK menilai tidak terbukti."}
WITHDRAW = {"reason": "Diunggah ke kasus yang salah."}
BKN = {"letter_number": "R-12/D.IV/2024", "letter_date": date(2024, 11, 15)}
OBJECTION = {"kind": "keberatan", "filed_on": date(2024, 11, 21)}
BLOCK = {"request_letter": "B-1/PM.00/2024", "requested_on": date(2024, 12, 1)}
BLOCKED = {"blocked_on": date(2024, 12, 5)}
GAKKUMDU = {
    "referred_on": date(2024, 11, 15),
    "article": "UU 10/2016 Pasal 188 jo. Pasal 71 ayat (1)",
}


def transition_fields(name: str, world) -> dict:
    fields = dict(FIELDS.get(name, {}))
    if name == "join":
        fields = {"into": world.join_into.pk, "reason": "Kejadian yang sama."}
    return fields


# Official documents (apps.documents): issue_<type>, with inputs that meet the type's builder.
DOCUMENTS = [name for name in OPERATIONS if name.startswith("issue_")]


def heard(case: Case) -> Clarification:
    """A clarification already recorded on the case (the minutes are of one)."""
    respondent = case.respondents.first()
    return Clarification.objects.create(
        case=case,
        person_name=respondent.name,
        role=Clarification.Role.RESPONDENT,
        respondent=respondent,
        held_at=wita(2024, 11, 10, 9, 0),
        summary="Terlapor mengakui unggahan.",
    )


def document_fields(name: str, case: Case, *, form: bool = False) -> dict:
    kind = name.removeprefix("issue_")
    if kind == "summons":
        when = "2024-11-11T09:00" if form else "2024-11-11T09:00:00+08:00"
        respondent = case.respondents.first().pk
        return {"role": "respondent", "respondent": respondent, "held_at": when, "place": "Kantor"}
    if kind == "minutes":
        return {"clarification": case.clarifications.first().pk}
    if kind == "review":
        return {"analysis": "Unggahan memenuhi unsur keberpihakan.", "conclusion": "Terbukti."}
    return {}


@dataclass
class World:
    """What a driver needs besides the case and the actor."""

    other_investigator: Any
    join_into: Any = None


def prepare(name: str, case: Case, world: World) -> None:
    """What an operation needs on the case before anyone tries it (outside the snapshot)."""
    if name in ("block_request", "block_update"):
        # A respondent the PPK has not decided on; for an update, one whose block was asked.
        silent = Respondent.objects.create(case=case, name="Terlapor Tanpa Keputusan Sintetis")
        if name == "block_update":
            DataBlock.objects.create(
                respondent=silent,
                request_letter="B-1/PM.00/2024",
                requested_on=date(2024, 12, 1),
                recorded_by=world.other_investigator,
            )
    if name == "join":
        world.join_into = CaseFactory(status=Case.Status.REGISTERED, registered=False)
    if name == "objection_record" and not Sanction.objects.filter(respondent__case=case).exists():
        # Something to object to in every state: the policy, not the data, must refuse.
        Sanction.objects.create(
            respondent=case.respondents.first(),
            sanction_type=SanctionType.objects.get(code="teguran-tertulis"),
            decree_number="800/9/BKPSDM/2024",
            decree_date=date(2024, 11, 20),
            recorded_by=world.other_investigator,
        )


def silent_respondent(case: Case) -> Respondent:
    return case.respondents.filter(name="Terlapor Tanpa Keputusan Sintetis").get()


def _service_change(name: str, case: Case, user, world: World) -> None:
    if name == "update_intake":
        services.case_update(case=case, actor=user, known_on=date(2024, 11, 3))
    elif name == "update_incident":
        services.case_update(case=case, actor=user, incident_place="Aula Kantor Camat")
    elif name == "update_conclusion":
        services.case_update(case=case, actor=user, conclusion="Kesimpulan uji.")
    elif name == "reporter_set":
        services.reporter_set(case=case, actor=user, occupation="Guru honorer")
    elif name == "respondent_add":
        services.respondent_add(case=case, actor=user, name="Terlapor Tambahan Sintetis")
    elif name == "witness_add":
        services.witness_add(case=case, actor=user, name="Saksi Tambahan Sintetis")
    elif name == "clarification_record":
        services.clarification_record(
            case=case,
            actor=user,
            person_name="Terlapor Sintetis",
            role="respondent",
            held_at=wita(2024, 11, 10, 9, 0),
        )
    elif name == "evidence_add":
        evidence_add_link(
            case=case, url="https://media-sosial.invalid/baru", captured_at=CAPTURED, actor=user
        )
    elif name == "evidence_withdraw":
        evidence_withdraw(evidence=case.evidence.first(), actor=user, **WITHDRAW)
    elif name == "assign":
        services.case_assign(case=case, investigators=[world.other_investigator], actor=user)
    elif name == "follow_up_record":
        services.followup_record(respondent=case.respondents.first(), actor=user, **FOLLOW_UP)
    elif name in DOCUMENTS:
        case_document_issue(
            case_id=case.pk,
            document_type=name.removeprefix("issue_"),
            actor=user,
            fields=document_fields(name, case),
        )
    else:
        _service_after_forwarding(name, case, user)


def _service_after_forwarding(name: str, case: Case, user) -> None:
    if name == "bkn_recommendation_record":
        services.bkn_recommendation_record(case=case, actor=user, **BKN)
    elif name == "objection_record":
        sanction = Sanction.objects.filter(respondent__case=case).first()
        services.objection_file(sanction=sanction, actor=user, **OBJECTION)
    elif name == "block_request":
        services.block_request(respondent=silent_respondent(case), actor=user, **BLOCK)
    elif name == "block_update":
        services.block_update(respondent=silent_respondent(case), actor=user, **BLOCKED)
    elif name == "gakkumdu_record":
        services.gakkumdu_refer(case=case, actor=user, **GAKKUMDU)
    else:
        raise KeyError(name)


def service(name: str, case: Case, user, world: World) -> None:
    """Do operation ``name`` through its service."""
    if name in TRANSITIONS:
        services.case_transition(
            case_id=case.pk, action=name, actor=user, fields=transition_fields(name, world)
        )
    else:
        _service_change(name, case, user, world)


def _json(fields: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in fields.items()}


API_OPERATIONS = {
    "evidence_add",
    "evidence_withdraw",
    "follow_up_record",
    "bkn_recommendation_record",
    "objection_record",
    "block_request",
    "block_update",
    "gakkumdu_record",
}
API_OPERATIONS = {"evidence_add", "evidence_withdraw", "follow_up_record", *DOCUMENTS}


def api(name: str, client, case: Case, world: World | None = None):
    """Do operation ``name`` over the API; None when the API has no endpoint for it."""
    base = f"/api/v1/cases/{case.pk}"
    if name in TRANSITIONS:
        body = {"action": name, **_json(transition_fields(name, world))}
        return client.post(f"{base}/transitions/", body, format="json")
    after = {
        "bkn_recommendation_record": ("bkn-recommendation/", BKN),
        "gakkumdu_record": ("gakkumdu/", GAKKUMDU),
    }
    if name in after:
        path, body = after[name]
        return client.post(f"{base}/{path}", _json(body), format="json")
    if name == "objection_record":
        sanction = Sanction.objects.filter(respondent__case=case).first()
        body = {"sanction": sanction.pk, **_json(OBJECTION)}
        return client.post(f"{base}/objections/", body, format="json")
    if name in ("block_request", "block_update"):
        respondent = silent_respondent(case)
        path = "block/" if name == "block_request" else "block/update/"
        body = _json(BLOCK if name == "block_request" else BLOCKED)
        return client.post(f"{base}/respondents/{respondent.pk}/{path}", body, format="json")
    if name == "evidence_add":
        body = {"kind": "link", "url": "https://media-sosial.invalid/baru"}
        body["captured_at"] = CAPTURED.isoformat()
        return client.post(f"{base}/evidence/", body, format="multipart")
    if name == "evidence_withdraw":
        evidence = case.evidence.first()
        return client.post(f"{base}/evidence/{evidence.pk}/withdraw/", WITHDRAW, format="json")
    if name == "follow_up_record":
        body = {"respondent": case.respondents.first().pk, **FOLLOW_UP}
        return client.post(f"{base}/follow-ups/", body, format="json")
    if name in DOCUMENTS:
        body = {"type": name.removeprefix("issue_"), **document_fields(name, case)}
        return client.post(f"{base}/documents/", body, format="json")
    return None


def _admin_form(fields: dict) -> dict:
    data = {}
    for key, value in fields.items():
        if key == "recipients":
            data[key] = [r.pk for r in ForwardingRecipient.objects.filter(code__in=value)]
        elif isinstance(value, date):
            data[key] = value.strftime("%d/%m/%Y")
        else:
            data[key] = value
    return data


# Operations the admin does on a page of their own (the rest are fields and rows of the case page).
def admin_page(name: str, case: Case, world: World) -> tuple[str, dict] | None:
    """The admin page of operation ``name`` and the form it posts; None for the case page."""
    if name in TRANSITIONS:
        url = reverse("admin:cases_case_action", args=[case.pk, name])
        return url, _admin_form(transition_fields(name, world))
    if name == "bkn_recommendation_record":
        return reverse("admin:cases_case_bkn", args=[case.pk]), _admin_form(BKN)
    if name == "gakkumdu_record":
        return reverse("admin:cases_case_gakkumdu", args=[case.pk]), _admin_form(GAKKUMDU)
    if name == "objection_record":
        sanction = Sanction.objects.filter(respondent__case=case).first()
        url = reverse("admin:cases_case_objection", args=[case.pk, sanction.pk])
        return url, _admin_form(OBJECTION)
    if name in ("block_request", "block_update"):
        url = reverse("admin:cases_case_block", args=[case.pk, silent_respondent(case).pk])
        return url, _admin_form(BLOCK if name == "block_request" else BLOCKED)
    if name == "assign":
        url = reverse("admin:cases_case_assign", args=[case.pk])
        return url, {"investigators": [world.other_investigator.pk]}
    if name == "follow_up_record":
        respondent = case.respondents.first()
        url = reverse("admin:cases_case_decision", args=[case.pk, respondent.pk])
        return url, {"outcome": "not_sanctioned", "reason": FOLLOW_UP["reason"]}
    if name == "evidence_withdraw":
        url = reverse(
            "admin:cases_case_evidence_withdraw", args=[case.pk, case.evidence.first().pk]
        )
        return url, WITHDRAW
    if name in DOCUMENTS:
        url = reverse("documents:case-issue", args=[case.pk, name.removeprefix("issue_")])
        return url, document_fields(name, case, form=True)
    return None


# What the case page shows when the operation is offered: a field, or an inline's empty form.
CASE_PAGE_MARKERS = {
    "update_intake": 'name="known_on"',
    "update_incident": 'name="incident_place"',
    "update_conclusion": 'name="conclusion"',
    "reporter_set": 'name="reporter-0-occupation"',
    "respondent_add": 'id="respondents-2-empty"',
    "witness_add": 'id="witnesses-2-empty"',
    "clarification_record": 'id="clarifications-2-empty"',
    "evidence_add": 'id="evidence-2-empty"',
}
