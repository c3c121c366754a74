"""Pages of a session's participants for camat offices: registering one person (with the NIP
preview while typing) and a participant list imported by the worker, with its example file.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.core.errors import DomainError, InvalidInput
from apps.core.exports import export_response
from apps.training import lookups, participant_imports, services
from apps.training.forms import ImportForm, NipForm, NonAsnForm
from apps.training.views import _add_errors, managed_session_view, may_create_sessions


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
