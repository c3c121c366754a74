"""The review (kajian) and the forwarding letter. BKPSDM may read both: these builders never
read the reporter or the witnesses."""

from django.utils.translation import gettext as _

from apps.cases import basis
from apps.cases.models import Case, Clarification, Forwarding, Severity
from apps.core.errors import Conflict
from apps.documents.content.common import (
    Built,
    Problems,
    evidence_lines,
    incident,
    respondent_rows,
    text,
    violation_form_names,
)
from apps.documents.formatting import date_text
from apps.documents.models import DocumentType, IssuedDocument

WITHHELD = "(identitas dirahasiakan)"
SEVERITY_RANK = [
    Severity.ETHICS,
    Severity.LIGHT,
    Severity.MEDIUM,
    Severity.HEAVY,
    Severity.DISMISSAL,
]


REVIEW_FIELDS = ("analysis", "conclusion", "recommendations")


def default_recommendation(case: Case) -> str:
    forwarding = Forwarding.objects.filter(case=case).first()
    if forwarding is not None:
        severity = forwarding.recommended_sanction
    else:
        severities = set(case.violation_forms.values_list("default_severity", flat=True))
        ranked = [s for s in SEVERITY_RANK if s in severities]
        severity = ranked[-1] if ranked else None
    if severity is None:
        return _("Sesuai hasil kajian")
    return _("Sanksi kategori: %(label)s") % {"label": Severity(severity).label}


def _recommendations(case, fields, respondents, problems) -> dict[str, str]:
    given = fields.get("recommendations") or {}
    if not isinstance(given, dict):
        problems.add("recommendations", _("Isi rekomendasi per terlapor: {id terlapor: teks}."))
        return {}
    known = {str(r["id"]) for r in respondents}
    for key in sorted(set(map(str, given)) - known):
        problems.add(
            "recommendations", _("Terlapor %(id)s tidak ada pada kasus ini.") % {"id": key}
        )
    return {str(k): str(v).strip()[:1000] for k, v in given.items() if str(v).strip()}


def _clarification_summary(case: Case) -> tuple[str, list[dict]]:
    """How many were heard in each role; the respondents' statements only (the reporter and
    witnesses stay unnamed: BKPSDM reads this document)."""
    heard = list(
        Clarification.objects.filter(case=case).select_related("respondent").order_by("held_at")
    )
    counts = {}
    for c in heard:
        label = str(c.get_role_display()).lower()
        counts[label] = counts.get(label, 0) + 1
    summary = (
        "; ".join(f"{label}: {count}" for label, count in counts.items())
        if heard
        else _("belum ada klarifikasi yang dicatat")
    )
    respondents = [
        {"name": c.respondent.name, "held": date_text(c.held_at), "summary": c.summary or "—"}
        for c in heard
        if c.role == Clarification.Role.RESPONDENT and c.respondent is not None
    ]
    return summary, respondents


def review(case: Case, fields: dict, actor) -> Built:
    problems = Problems(fields, REVIEW_FIELDS)
    analysis = text(fields, "analysis", limit=20000)
    if not analysis:
        problems.add("analysis", _("Analisis wajib diisi."))
    conclusion = text(fields, "conclusion", limit=10000) or case.conclusion.strip()
    if not conclusion:
        problems.add("conclusion", _("Kesimpulan wajib diisi (atau isi kesimpulan kasus)."))
    respondents = respondent_rows(case)
    given = _recommendations(case, fields, respondents, problems)
    problems.raise_any()
    fallback = default_recommendation(case)
    recommendations = [
        {"name": r["name"], "text": given.get(str(r["id"]), fallback)} for r in respondents
    ]
    summary, heard = _clarification_summary(case)
    data = {
        "register_number": case.number or "—",
        "kind": case.get_kind_display(),
        "received": date_text(case.received_at),
        "reporter": WITHHELD if case.kind == Case.Kind.REPORT else _("— (temuan)"),
        "election": case.election.name,
        "respondents": respondents,
        "incident": incident(case),
        "chronology": case.chronology or "—",
        "violation_forms": violation_form_names(case),
        "evidence": evidence_lines(case),
        "clarifications_summary": summary,
        "respondent_clarifications": heard,
        "analysis": analysis,
        "conclusion": conclusion,
        "recommendations": recommendations,
    }
    inputs = {"analysis": analysis, "conclusion": conclusion, "recommendations": given}
    return Built(data, "", inputs)


FORWARDING_FIELDS = ("copies",)


def _latest_review_recommendations(case: Case) -> dict[str, str]:
    latest = (
        IssuedDocument.objects.filter(case=case, document_type=DocumentType.REVIEW)
        .order_by("-version")
        .values_list("inputs", flat=True)
        .first()
    )
    return (latest or {}).get("recommendations", {})


def forwarding_letter(case: Case, fields: dict, actor) -> Built:
    problems = Problems(fields, FORWARDING_FIELDS)
    copies = fields.get("copies") or []
    if isinstance(copies, str):
        copies = [line for line in copies.splitlines()]
    copies = [str(c).strip()[:200] for c in copies if str(c).strip()]
    problems.raise_any()
    forwarding = Forwarding.objects.filter(case=case).first()
    if forwarding is None:
        raise Conflict(_("Kasus ini belum diteruskan; surat penerusan belum dapat dibuat."))
    fallback = _("Sanksi kategori: %(label)s") % {
        "label": forwarding.get_recommended_sanction_display()
    }
    reviewed = _latest_review_recommendations(case)
    respondents = [
        {**r, "recommendation": reviewed.get(str(r["id"]), fallback)} for r in respondent_rows(case)
    ]
    data = {
        "kind": case.get_kind_display(),
        "register_number": case.number or "—",
        "recipients": [r.name for r in forwarding.recipients.order_by("position", "code")],
        "decided_on": date_text(forwarding.letter_date),
        "respondents": respondents,
        "violation_forms": violation_form_names(case) or ["—"],
        "follow_up_days": case.election.follow_up_days,
        "follow_up_basis": basis.follow_up_basis(case.election),
        "copies": copies,
    }
    return Built(data, "", {"copies": copies})
