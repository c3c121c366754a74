"""Attendance pages for camat offices: the daftar hadir to print (with each participant's QR
code) and to download, present participants entered from a paper list, a coordinator's void, and
the clerk's own check-in kiosk.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.errors import DomainError, Forbidden
from apps.core.exports import export_response
from apps.training import attendance, selectors, services
from apps.training.forms import KioskForm
from apps.training.models import Registration, Session
from apps.training.qr import qr_svg
from apps.training.views import managed_session_view, session_view

# --- daftar hadir ---


@session_view
@require_GET
def attendance_sheet(request, session):
    registrations = list(selectors.registrations_of(session))
    for registration in registrations:
        registration.qr = qr_svg(registration.code)
    return render(
        request,
        "training/attendance_sheet.html",
        {
            "session": session,
            "speakers": session.speakers.all(),
            "registrations": registrations,
            "counts": selectors.session_counts(session),
        },
    )


ATTENDANCE_HEADERS = [
    "No",
    "Nama",
    "NIP / NI PPPK",
    "Jenis peserta",
    "Instansi / unit kerja",
    "Jabatan",
    "Telepon",
    "Kode hadir",
    "Hadir",
    "Waktu hadir (WITA)",
    "Cara pencatatan",
    "Dicatat oleh",
]


def attendance_rows(session: Session, *, with_phone: bool):
    for number, r in enumerate(selectors.registrations_of(session).iterator(), start=1):
        yield [
            number,
            r.name,
            r.nip,
            r.get_participant_type_display(),
            r.institution,
            r.position,
            r.phone if with_phone else "",
            r.code,
            r.attended_at is not None,
            r.attended_at,
            r.get_attendance_method_display() if r.attendance_method else "",
            r.attendance_recorded_by.get_username() if r.attendance_recorded_by else "",
        ]


@session_view
@require_GET
def attendance_export(request, session):
    """CSV or XLSX of the attendance list. Phone numbers only for the session's own office."""
    export_format = request.GET.get("format", "csv")
    if export_format not in ("csv", "xlsx"):
        raise Http404
    filename = f"daftar-hadir-{session.pk}-{timezone.localtime(session.starts_at):%Y%m%d}"
    with_phone = services.can_manage_session(request.user, session)
    rows = attendance_rows(session, with_phone=with_phone)
    return export_response(export_format, filename, ATTENDANCE_HEADERS, rows)


@managed_session_view
@require_POST
def attendance_paper(request, session):
    ids = [int(v) for v in request.POST.getlist("registration") if v.isdecimal() and len(v) < 19]
    if not ids:
        messages.error(request, _("Centang dulu peserta yang hadir menurut daftar kertas."))
    else:
        try:
            marked = services.attendance_record_paper(
                session=session, actor=request.user, registration_ids=ids
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(count)d peserta dicatat hadir dari daftar kertas.") % {"count": marked},
            )
    return redirect("training:session-detail", pk=session.pk)


# --- a coordinator's voids (audited) ---


@session_view
@require_POST
def attendance_void(request, session, registration):
    registration = get_object_or_404(session.registrations, pk=registration)
    try:
        attendance.attendance_void(
            registration=registration, actor=request.user, reason=request.POST.get("reason", "")
        )
    except Forbidden:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, " ".join(error.messages()))
    else:
        messages.success(request, _("Kehadiran %(name)s dibatalkan.") % {"name": registration.name})
    return redirect("training:session-detail", pk=session.pk)


# --- kiosk ---

KIOSK_ANSWERS = {
    services.CHECKED_IN: ("ok", _("HADIR")),
    services.ALREADY_CHECKED_IN: ("warn", _("SUDAH HADIR")),
    services.NOT_REGISTERED: ("bad", _("TIDAK TERDAFTAR")),
}


def _kiosk_answer(status: str, registration: Registration | None, value: str) -> dict:
    tone, headline = KIOSK_ANSWERS[status]
    answer = {"status": status, "tone": tone, "headline": str(headline), "value": value}
    if registration is not None:
        answer["name"] = registration.name
        answer["institution"] = registration.institution
        answer["attended_at"] = timezone.localtime(registration.attended_at).strftime("%H:%M")
        if status == services.ALREADY_CHECKED_IN:
            answer["detail"] = _("Sudah tercatat hadir pukul %(time)s WITA.") % {
                "time": answer["attended_at"]
            }
        else:
            answer["detail"] = _("Tercatat hadir pukul %(time)s WITA.") % {
                "time": answer["attended_at"]
            }
    else:
        answer["detail"] = _(
            "Kode atau NIP %(value)s tidak terdaftar pada sesi ini. Arahkan ke meja pendaftaran."
        ) % {"value": value}
    return answer


@managed_session_view
@require_http_methods(["GET", "POST"])
def kiosk(request, session):
    answer = None
    wants_json = "application/json" in request.headers.get("Accept", "")
    if request.method == "POST":
        form = KioskForm(request.POST)
        value = form.data.get("value", "").strip()
        code, nip = services.split_scan(value)
        if not form.is_valid() or not (code or nip):
            answer = {"status": "empty", "tone": "", "headline": "", "detail": ""}
        else:
            try:
                status, registration = services.participant_check_in(
                    session=session, actor=request.user, code=code, nip=nip
                )
            except DomainError as error:
                answer = {
                    "status": error.code,
                    "tone": "bad",
                    "headline": str(_("DITOLAK")),
                    "detail": error.message,
                }
            else:
                answer = _kiosk_answer(status, registration, value)
        if wants_json:
            answer["counts"] = selectors.session_counts(session)
            return JsonResponse(answer)
    return render(
        request,
        "training/kiosk.html",
        {"session": session, "answer": answer, "counts": selectors.session_counts(session)},
    )
