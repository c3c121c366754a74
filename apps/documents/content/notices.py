"""The receipt and the status notices of a laporan (the reporter's copies are Bawaslu's only;
the public notice carries no personal data)."""

from django.utils.translation import gettext as _

from apps.cases import basis, deadlines, policy, tracking
from apps.cases.models import Case
from apps.cases.services import case_tracking_pin_issue
from apps.documents.content.common import (
    Built,
    Problems,
    evidence_lines,
    incident,
    require_report,
    respondent_rows,
    violation_form_names,
)
from apps.documents.formatting import date_text, moment


def _reporter(case: Case) -> dict:
    reporter = getattr(case, "reporter", None)
    if reporter is None:
        return {"name": "—", "nik": "—", "address": "—", "contact": "—"}
    contact = " / ".join(part for part in (reporter.phone, reporter.email) if part)
    return {
        "name": reporter.name,
        "nik": reporter.nik or "—",
        "address": reporter.address or "—",
        "contact": contact or "—",
    }


def receipt(case: Case, fields: dict, actor) -> Built:
    require_report(case)
    Problems(fields, ()).raise_any()
    calendar = deadlines.HolidayCalendar.from_db()
    due = case.reporting_due_at or deadlines.reporting_due(case, calendar)
    within = deadlines.is_within_reporting_window(case, calendar)
    witnesses = case.witnesses.count()
    pin = case_tracking_pin_issue(case=case)  # gives a case logged before issue 20 its code too
    return Built(
        {
            "received": moment(case.received_at),
            "kind": case.get_kind_display(),
            "reporter": _reporter(case),
            "respondents": respondent_rows(case),
            "incident": incident(case),
            "known_on": date_text(case.known_on),
            "evidence": evidence_lines(case),
            "witnesses": _("%(count)d orang") % {"count": witnesses} if witnesses else "—",
            "chronology": case.chronology or "—",
            "window": {
                "text": _("%(basis)s; berakhir %(due)s.")
                % {"basis": basis.reporting_basis(case.election), "due": moment(due)},
                "verdict": _("Laporan diterima dalam batas waktu pelaporan.")
                if within
                else _("Laporan diterima setelah batas waktu pelaporan berakhir (daluwarsa)."),
            },
            # Public tracking (/lacak/): the code, and a fresh PIN printed on this copy only.
            "tracking_code": tracking.display_code(case.tracking_code or ""),
            "tracking_pin": pin,
        }
    )


def unmet_registration_requirements(case: Case) -> list[str]:
    """What ``register`` still finds missing: its guards, as the policy table lists them."""
    unmet = []
    for guard in policy.OPERATIONS["register"].guards:
        unmet += [message for _field, message in guard(case, {})]
    return unmet


def _decision(case: Case) -> dict:
    registered = case.number is not None and case.status != Case.Status.NOT_REGISTERED
    decision = {
        "registered": registered,
        "decision": _("Diregistrasi") if registered else _("Tidak diregistrasi"),
        "register_number": case.number or "",
        "decided_on": date_text(case.registered_at if registered else case.decided_at),
        "reason_code": case.get_reason_code_display() if case.reason_code else "—",
        "reason": case.closing_reason,
        "unmet": [] if registered else unmet_registration_requirements(case),
        "decision_due": moment(case.decision_due_at),
        "decision_basis": basis.decision_basis(
            case.election, extended=case.extended_at is not None
        ),
    }
    return decision


def status_notice(case: Case, fields: dict, actor) -> Built:
    require_report(case)
    Problems(fields, ()).raise_any()
    return Built(
        {
            "received": moment(case.received_at),
            "reporter": _reporter(case),
            "respondents": respondent_rows(case),
            **_decision(case),
        }
    )


def status_notice_public(case: Case, fields: dict, actor) -> Built:
    """The notice board's copy: no reporter, no respondent, no NIK or NIP."""
    Problems(fields, ()).raise_any()
    return Built(
        {
            "kind": case.get_kind_display(),
            "received": date_text(case.received_at),
            "violation_forms": violation_form_names(case),
            "incident": incident(case),
            **_decision(case),
        }
    )
