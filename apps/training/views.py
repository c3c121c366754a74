"""Server-rendered pages for camat offices: sessions, participants, daftar hadir, kiosk, pledges.

Every session is looked up through ``selectors.session_get`` (404 when the user may not see it);
every write calls a service (403 when the user sees the session but may not act on it).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions
from apps.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from apps.core.exports import export_response
from apps.personnel.models import Agency
from apps.training import attendance, lookups, participant_imports, selectors, services
from apps.training.forms import (
    ImportForm,
    KioskForm,
    NipForm,
    NonAsnForm,
    SessionForm,
    SpeakerFormSet,
    session_initial,
)
from apps.training.models import Registration, Session
from apps.training.qr import qr_svg


def session_view(view):
    """Login required; the session of ``pk`` must be visible to the user (else 404)."""

    @login_required
    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        try:
            session = selectors.session_get(request.user, pk)
        except NotFound:
            raise Http404 from None
        return view(request, session, *args, **kwargs)

    return wrapper


def managed_session_view(view):
    """As ``session_view``, and the user must be able to act on it (else 403)."""

    @session_view
    @wraps(view)
    def wrapper(request, session, *args, **kwargs):
        if not services.can_manage_session(request.user, session):
            raise PermissionDenied
        return view(request, session, *args, **kwargs)

    return wrapper


def may_create_sessions(user) -> bool:
    return user.is_superuser or permissions.clerk_kecamatan_id(user) is not None


def _add_errors(form, error: DomainError) -> None:
    for field, msgs in error.fields.items():
        target = field if field in form.fields else None
        for message in msgs:
            form.add_error(target, message)
    if not error.fields:
        form.add_error(None, error.message)


# --- sessions ---


@login_required
@require_GET
def session_list(request):
    when = request.GET.get("waktu", "")
    sessions = selectors.session_list(request.user)
    now = timezone.now()
    if when == "mendatang":
        sessions = sessions.filter(ends_at__gte=now).order_by("starts_at")
    elif when == "lalu":
        sessions = sessions.filter(ends_at__lt=now)
    page = Paginator(sessions, 25).get_page(request.GET.get("page"))
    for listed in page.object_list:
        listed.state = selectors.session_state(listed, listed.present_count, now)
    return render(
        request,
        "training/session_list.html",
        {
            "page": page,
            "when": when,
            "may_create": may_create_sessions(request.user),
            "kecamatan_id": permissions.clerk_kecamatan_id(request.user),
        },
    )


def _speakers_from(formset) -> list[dict]:
    return [
        {
            "name": f.cleaned_data.get("name", ""),
            "institution": f.cleaned_data.get("institution", ""),
            "topic": f.cleaned_data.get("topic", ""),
        }
        for f in formset.forms
        if f.cleaned_data
    ]


def _session_kwargs(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "venue": data["venue"],
        "organiser": data["organiser"],
        "capacity": data["capacity"],
        "status": data["status"],
        "description": data["description"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    if not may_create_sessions(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = SessionForm(request.POST)
        speakers = SpeakerFormSet(request.POST, prefix="speakers")
        if form.is_valid() and speakers.is_valid():
            try:
                session = services.session_create(
                    actor=request.user, speakers=_speakers_from(speakers), **_session_kwargs(form)
                )
            except Forbidden:
                raise PermissionDenied from None
            except InvalidInput as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Sesi dibuat."))
                return redirect("training:session-detail", pk=session.pk)
    else:
        form = SessionForm(initial=_default_organiser(request.user))
        speakers = SpeakerFormSet(prefix="speakers")
    return render(
        request, "training/session_form.html", {"form": form, "speakers": speakers, "session": None}
    )


def _default_organiser(user) -> dict:
    kecamatan_id = permissions.clerk_kecamatan_id(user)
    office = Agency.objects.filter(kind=Agency.Kind.KECAMATAN, kecamatan_id=kecamatan_id).first()
    return {"organiser": office.pk if office else None, "status": Session.Status.PLANNED}


@managed_session_view
@require_http_methods(["GET", "POST"])
def session_update(request, session):
    if request.method == "POST":
        form = SessionForm(request.POST)
        speakers = SpeakerFormSet(request.POST, prefix="speakers")
        if form.is_valid() and speakers.is_valid():
            try:
                services.session_update(
                    session=session,
                    actor=request.user,
                    speakers=_speakers_from(speakers),
                    **_session_kwargs(form),
                )
            except InvalidInput as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Sesi disimpan."))
                return redirect("training:session-detail", pk=session.pk)
    else:
        form = SessionForm(initial=session_initial(session))
        speakers = SpeakerFormSet(
            prefix="speakers",
            initial=[
                {"name": s.name, "institution": s.institution, "topic": s.topic}
                for s in session.speakers.all()
            ],
        )
    return render(
        request,
        "training/session_form.html",
        {"form": form, "speakers": speakers, "session": session},
    )


@session_view
@require_GET
def session_detail(request, session):
    registrations = selectors.registrations_of(session)
    query = request.GET.get("q", "").strip()
    if query:
        registrations = registrations.filter(
            Q(name__icontains=query) | Q(nip__startswith=query) | Q(institution__icontains=query)
        )
    page = Paginator(registrations, 100).get_page(request.GET.get("page"))
    counts = selectors.session_counts(session)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "state": selectors.session_state(session, counts["present"]),
            "counts": counts,
            "speakers": session.speakers.all(),
            "page": page,
            "query": query,
            "may_manage": services.can_manage_session(request.user, session),
            "may_void": permissions.is_coordinator(request.user),
        },
    )


# --- participants ---


@managed_session_view
@require_http_methods(["GET", "POST"])
def registration_add(request, session):
    nip_form, other_form, person = NipForm(prefix="asn"), NonAsnForm(prefix="lain"), None
    if request.method == "GET" and request.GET.get("nip"):
        nip_form = NipForm({"asn-nip": request.GET["nip"]}, prefix="asn")
        if nip_form.is_valid():
            try:
                person = lookups.nip_preview(request, nip_form.cleaned_data["nip"])
            except DomainError as error:
                _add_errors(nip_form, error)
    elif request.method == "POST":
        kind = request.POST.get("kind")
        form = (
            NipForm(request.POST, prefix="asn")
            if kind == "asn"
            else NonAsnForm(request.POST, prefix="lain")
        )
        if form.is_valid():
            try:
                registration, created = services.registration_add(
                    session=session, actor=request.user, **form.cleaned_data
                )
            except InvalidInput as error:
                _add_errors(form, error)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                if created:
                    messages.success(
                        request, _("%(name)s didaftarkan.") % {"name": registration.name}
                    )
                else:
                    messages.info(
                        request,
                        _("%(name)s sudah terdaftar sebelumnya; tidak didaftarkan dua kali.")
                        % {"name": registration.name},
                    )
                return redirect("training:registration-add", pk=session.pk)
        if kind == "asn":
            nip_form = form
        else:
            other_form = form
    return render(
        request,
        "training/registration_add.html",
        {"session": session, "nip_form": nip_form, "other_form": other_form, "person": person},
    )


@login_required
@require_GET
def nip_lookup(request):
    """Who a NIP is, for the preview while typing (clerks and superusers only)."""
    if not may_create_sessions(request.user):
        return JsonResponse({"found": False, "message": _("Tidak berwenang.")}, status=403)
    try:
        person = lookups.nip_preview(request, request.GET.get("nip", ""))
    except lookups.TooManyLookups as error:
        return JsonResponse({"found": False, "message": error.message}, status=429)
    except InvalidInput as error:
        return JsonResponse({"found": False, "message": " ".join(error.messages())})
    return JsonResponse(
        {
            "found": True,
            "nip": person.nip,
            "name": person.name,
            "active": person.active,
            "note": person.note,
        }
    )


@managed_session_view
@require_http_methods(["GET", "POST"])
def registration_import(request, session):
    """Upload a participant list; the worker registers it and the status page follows it."""
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = participant_imports.participant_import_start(
                    session=session, actor=request.user, file=form.cleaned_data["file"]
                )
            except InvalidInput as error:
                _add_errors(form, error)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("training:registration-import-status", pk=session.pk, job=job.pk)
    return render(
        request,
        "training/registration_import.html",
        {"session": session, "form": form, "recent": session.imports.all()[:5]},
        # A refused file is a bad request: the page says why, with a 400 (never a 500).
        status=400 if form.errors else 200,
    )


@managed_session_view
@require_GET
def registration_import_status(request, session, job):
    job = get_object_or_404(session.imports, pk=job)
    finished = job.status in (job.Status.DONE, job.Status.FAILED)
    return render(
        request,
        "training/registration_import_status.html",
        {
            "session": session,
            "job": job,
            "finished": finished,
            "report": participant_imports.report_of(job) if finished else None,
            # A refused file (read in the worker) is the same 400 as one refused at upload.
        },
        status=400 if job.status == job.Status.FAILED else 200,
    )


IMPORT_EXAMPLE_HEADERS = ["nip", "nama", "jenis peserta", "instansi", "jabatan", "telepon", "nik"]


@login_required
@require_GET
def import_template(request):
    rows = [
        ["199001012015031001", "", "", "", "", "", ""],
        ["", "Nama Kepala Desa", "kepala desa", "Desa …", "Kepala Desa", "0812…", ""],
        ["", "Nama Tokoh Agama", "tokoh agama", "Masjid …", "", "0813…", ""],
    ]
    return export_response("csv", "contoh-peserta", IMPORT_EXAMPLE_HEADERS, rows)


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
