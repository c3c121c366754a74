"""Pages of integrity pledges and invitations for camat offices (split from ``views``).

Sessions are looked up through ``views.session_view`` (404 when not visible); every write calls
a service (403 when the user sees the session but may not act on it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions
from apps.core.errors import DomainError, Forbidden, InvalidInput
from apps.training import invitations as invitation_service
from apps.training import selectors, services
from apps.training.forms import PledgeForm
from apps.training.qr import qr_svg
from apps.training.views import _add_errors, managed_session_view, session_view

# --- pledges ---


@session_view
@require_http_methods(["GET", "POST"])
def session_pledges(request, session):
    may_manage = services.can_manage_session(request.user, session)
    form = PledgeForm()
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        form = PledgeForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                pledge, created = services.pledge_record(
                    actor=request.user,
                    nip=form.cleaned_data["nip"],
                    session=session,
                    signed_on=form.cleaned_data["signed_on"],
                    document=form.cleaned_data["document"],
                    note=form.cleaned_data["note"],
                )
            except InvalidInput as error:
                _add_errors(form, error)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                name = pledge.civil_servant.name
                if created:
                    messages.success(request, _("Pakta %(name)s dicatat.") % {"name": name})
                else:
                    messages.info(
                        request, _("Pakta %(name)s sudah tercatat sebelumnya.") % {"name": name}
                    )
                return redirect("training:session-pledges", pk=session.pk)
    asn = list(
        selectors.registrations_of(session)
        .filter(civil_servant__isnull=False)
        .values("name", "nip", "civil_servant_id", "attended_at")
    )
    signed = {
        p.civil_servant_id: p
        for p in selectors.pledges_visible_to(request.user).filter(session=session)
    }
    for row in asn:
        row["pledge"] = signed.get(row["civil_servant_id"])
    return render(
        request,
        "training/session_pledges.html",
        {"session": session, "asn": asn, "form": form, "may_manage": may_manage},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pledge_list(request):
    may_record = services.can_record_pledges(request.user)
    form = PledgeForm()
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        form = PledgeForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                pledge, created = services.pledge_record(
                    actor=request.user,
                    nip=form.cleaned_data["nip"],
                    signed_on=form.cleaned_data["signed_on"],
                    document=form.cleaned_data["document"],
                    note=form.cleaned_data["note"],
                )
            except InvalidInput as error:
                _add_errors(form, error)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                text = _("Pakta %(name)s dicatat.") if created else _("Pakta sudah tercatat.")
                messages.success(request, text % {"name": pledge.civil_servant.name})
                return redirect("training:pledge-list")
    pledges = selectors.pledges_visible_to(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        pledges = pledges.filter(
            Q(civil_servant__name__icontains=query) | Q(civil_servant__nip__startswith=query)
        )
    page = Paginator(pledges, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "training/pledge_list.html",
        {
            "page": page,
            "form": form,
            "may_record": may_record,
            "query": query,
            "may_void": permissions.is_coordinator(request.user),
        },
    )


@login_required
@require_GET
def pledge_document(request, pk):
    pledge = selectors.pledges_visible_to(request.user).filter(pk=pk).first()
    if pledge is None or not pledge.document:
        raise Http404
    try:
        handle = pledge.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        content_type=pledge.document_content_type or "application/octet-stream",
        filename=pledge.document.name.rsplit("/", 1)[-1],
    )
    # Kept like evidence: never cached, never run as a page (issue 19, rule 4).
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def pledge_void(request, pk):
    pledge = get_object_or_404(selectors.pledges_visible_to(request.user), pk=pk)
    try:
        services.pledge_void(
            pledge=pledge, actor=request.user, reason=request.POST.get("reason", "")
        )
    except Forbidden:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, " ".join(error.messages()))
    else:
        messages.success(
            request, _("Pakta %(name)s dibatalkan.") % {"name": pledge.civil_servant.name}
        )
    return redirect("training:pledge-list")


# --- invitations ---


@managed_session_view
@require_http_methods(["GET", "POST"])
def invitations(request, session):
    """Printable invitations with each participant's QR code; POST sends them by e-mail."""
    if request.method == "POST":
        try:
            count = invitation_service.invitations_send(session=session, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(count)d undangan dikirim lewat e-mail.") % {"count": count}
            )
        return redirect("training:invitations", pk=session.pk)
    registrations = list(selectors.registrations_of(session))
    wanted = request.GET.get("peserta", "")
    if wanted.isdecimal():
        registrations = [r for r in registrations if str(r.pk) == wanted]
    for registration in registrations:
        registration.qr = qr_svg(registration.code, scale=4)
    return render(
        request,
        "training/invitations.html",
        {
            "session": session,
            "registrations": registrations,
            "pending": invitation_service.invitations_pending(session).count(),
        },
    )
