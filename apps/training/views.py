"""Server-rendered pages for camat offices: the sessions, and what every page of a session shares.

Every session is looked up through ``selectors.session_get`` (404 when the user may not see it);
every write calls a service (403 when the user sees the session but may not act on it). The other
pages are by what they show: ``participant_views`` (participants and their import),
``attendance_views`` (daftar hadir and the clerk's kiosk), ``pledge_views`` and ``kiosk_views``.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.core import permissions
from apps.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from apps.personnel.models import Agency
from apps.training import selectors, services
from apps.training.forms import SessionForm, SpeakerFormSet, session_initial
from apps.training.models import Session


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
