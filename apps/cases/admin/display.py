"""How the admin shows a case's deadlines and its timeline (the one trail: its ``CaseEvent``s)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import confidentiality, deadlines, policy
from apps.cases.models import Case, CaseEvent, Objection, Sanction
from apps.cases.outcomes import case_outcomes
from apps.core import formatting

EVENT_LABELS = {
    "create": gettext_lazy("Dicatat"),
    "assign": gettext_lazy("Penugasan investigator"),
    "evidence_added": gettext_lazy("Alat bukti ditambahkan"),
    "evidence_withdrawn": gettext_lazy("Alat bukti ditarik"),
    "follow_up": gettext_lazy("Tindak lanjut PPK dicatat"),
    "follow_up_corrected": gettext_lazy("Tindak lanjut PPK dikoreksi"),
    "update": gettext_lazy("Data kasus diubah"),
    "reporter_set": gettext_lazy("Identitas pelapor dicatat"),
    "reporter_update": gettext_lazy("Identitas pelapor dikoreksi"),
    "respondent_add": gettext_lazy("Terlapor ditambahkan"),
    "witness_add": gettext_lazy("Saksi ditambahkan"),
    "clarification": gettext_lazy("Klarifikasi dicatat"),
    "deadlines_recomputed": gettext_lazy("Batas waktu dihitung ulang"),
    "document_issued": gettext_lazy("Dokumen resmi diterbitkan"),
}
DATA_LABELS = {
    "number": gettext_lazy("nomor"),
    "letter_number": gettext_lazy("surat"),
    "recommended_sanction": gettext_lazy("rekomendasi"),
    "sanction_type": gettext_lazy("sanksi"),
    "decree_number": gettext_lazy("keputusan"),
    "fields": gettext_lazy("isian"),
    "version": gettext_lazy("versi"),
}


def event_label(action: str) -> str:
    op = policy.TRANSITIONS.get(action)
    return str(op.label if op else EVENT_LABELS.get(action, action))


def field_label(name: str) -> str:
    """A case field's (or a deadline column's) label, for the timeline's "old → new"."""
    if name == "investigators":
        return str(_("investigator"))
    if name == "respondents":
        return str(_("terlapor"))
    try:
        return str(Case._meta.get_field(name).verbose_name)
    except Exception:  # a name of another model's field (a follow-up's decree): shown as is
        return name


def _show(value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def event_details(data: dict) -> list[tuple[str, str]]:
    details = [
        (str(label), _show(data[key])) for key, label in DATA_LABELS.items() if data.get(key)
    ]
    for group in ("changes", "deadlines"):
        for name, (old, new) in (data.get(group) or {}).items():
            details.append((field_label(name), f"{_show(old)} → {_show(new)}"))
    return details


def timeline(user, case: Case) -> list[dict]:
    """The case's events, oldest first, as ``user`` may see them (confidentiality applied)."""
    events = CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")
    return [
        {
            "at": event.at,
            "label": event_label(event.action),
            "from": Case.Status(event.from_status).label if event.from_status else "",
            "to": Case.Status(event.to_status).label if event.to_status else "",
            "actor": confidentiality.event_actor(user, event) or _("sistem"),
            "note": event.note,
            "details": event_details(confidentiality.event_data(user, event)),
        }
        for event in events
    ]


wita = formatting.wita  # the one date format: ``12-11-2024 23.59 WITA``


def next_deadline(case: Case, now) -> deadlines.Deadline | None:
    """The running deadline the case's ``next_due_at`` stands for (None when nothing runs)."""
    if case.next_due_at is None:
        return None
    running = [d for d in deadlines.case_deadlines(case, now) if d.due_at == case.next_due_at]
    return running[0] if running else None


def deadline_badge(deadline: deadlines.Deadline | None):
    """The state and due time, and the legal basis in a disclosure a keyboard or finger opens."""
    if deadline is None:
        return "—"
    return format_html(
        '<span class="deadline deadline-{}">{}</span><br><small>{}: {}</small>'
        '<details class="deadline-basis"><summary>{}</summary><p>{}</p></details>',
        deadline.state,
        deadline.state_label,
        deadline.label,
        wita(deadline.due_at),
        _("Dasar hukum"),
        deadline.basis,
    )


# --- the panel of a forwarded case: where each respondent stands, and what may be done ---


def respondent_rows(case: Case, allowed: frozenset[str]) -> list[dict]:
    """The per-respondent panel of a forwarded case, with the links the user may follow."""
    rows = []
    for outcome in case_outcomes(case):
        respondent = outcome.respondent
        links = []
        if "follow_up_record" in allowed:
            links.append(
                (
                    _("Catat keputusan PPK"),
                    reverse("admin:cases_case_decision", args=[case.pk, respondent.pk]),
                )
            )
        block_op = "block_update" if hasattr(respondent, "data_block") else "block_request"
        if block_op in allowed:
            links.append(
                (
                    _("Pemblokiran data"),
                    reverse("admin:cases_case_block", args=[case.pk, respondent.pk]),
                )
            )
        sanctions = []
        for sanction in respondent.sanctions.all():
            actions = []
            if "objection_record" in allowed and sanction.state == Sanction.State.IN_FORCE:
                pending = [
                    o for o in sanction.objections.all() if o.outcome == Objection.Outcome.PENDING
                ]
                if pending:
                    url = reverse(
                        "admin:cases_case_objection_decision", args=[case.pk, pending[0].pk]
                    )
                    actions.append((_("Catat hasil keberatan/banding"), url))
                else:
                    url = reverse("admin:cases_case_objection", args=[case.pk, sanction.pk])
                    actions.append((_("Catat keberatan/banding"), url))
            sanctions.append({"sanction": sanction, "actions": actions})
        rows.append({"outcome": outcome, "links": links, "sanctions": sanctions})
    return rows


def case_links(case: Case, allowed: frozenset[str]) -> list[tuple[str, str]]:
    links = []
    if "bkn_recommendation_record" in allowed:
        links.append((_("Catat rekomendasi BKN"), reverse("admin:cases_case_bkn", args=[case.pk])))
    if "gakkumdu_record" in allowed:
        links.append((_("Sentra Gakkumdu"), reverse("admin:cases_case_gakkumdu", args=[case.pk])))
    return links
