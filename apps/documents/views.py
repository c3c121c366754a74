"""Pages: the public verification page, the PDF download, and issuing from the case page (in
the admin) and the session page.

The verification page is public and rate-limited per address (django-ratelimit, on the shared
cache); it shows what identifies a letter and compares an uploaded PDF's SHA-256, never the file
itself nor any personal data.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from apps.cases.admin import pages
from apps.cases.models import Case
from apps.core.errors import DomainError, NotFound
from apps.documents import selectors, services, ui
from apps.documents.content import CASE_BUILDERS
from apps.documents.forms import FORMS
from apps.documents.verification import display_code, normalise_code

VERIFY_GROUP = "documents.verify"


def _limited(request) -> bool:
    return is_ratelimited(
        request,
        group=VERIFY_GROUP,
        key="ip",
        rate=settings.NETRAL_VERIFY_RATE,
        method=ALL,
        increment=True,
    )


def _too_many(request):
    response = render(
        request,
        "documents/verify.html",
        {"limited": True, "code": ""},
        status=429,
    )
    response["Retry-After"] = "60"
    return response


@require_GET
def verify_start(request):
    """The form to type a code from a printed letter."""
    if _limited(request):
        return _too_many(request)
    typed = request.GET.get("kode", "")
    if typed.strip():
        return redirect("documents:verify", code=normalise_code(typed) or "-")
    return render(request, "documents/verify.html", {"code": ""})


def _upload_error(upload) -> str:
    if upload is None:
        return _("Pilih berkas PDF yang akan dicocokkan.")
    if upload.size > settings.NETRAL_VERIFY_MAX_UPLOAD_BYTES:
        return _("Berkas terlalu besar untuk dicocokkan (paling besar %(mb)d MB).") % {
            "mb": settings.NETRAL_VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)
        }
    return ""


@require_http_methods(["GET", "POST"])
def verify(request, code: str):
    """What a verification code stands for; POST a PDF to compare its SHA-256 with the issued
    one."""
    if _limited(request):
        return _too_many(request)
    document = selectors.document_by_code(code)
    context = {"code": display_code(normalise_code(code)), "document": None}
    if document is None:
        return render(request, "documents/verify.html", context, status=404)
    context["facts"] = selectors.public_facts(document)
    context["document"] = document
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        context["upload_error"] = _upload_error(upload)
        if not context["upload_error"]:
            context["uploaded_sha256"] = selectors.sha256_of(upload)
            context["matches"] = context["uploaded_sha256"] == document.sha256
    return render(request, "documents/verify.html", context)


@login_required
@require_GET
def download(request, pk: int):
    """The PDF of a document the user may fetch; 404 for every other."""
    try:
        document = selectors.document_get_for(request.user, pk)
    except NotFound:
        raise Http404 from None
    return pdf_response(document)


def pdf_response(document) -> FileResponse:
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas dokumen tidak ditemukan di penyimpanan.")) from None
    name = f"{document.document_type}-{document.number}-v{document.version}.pdf"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name.replace("/", "-"),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def session_issue(request, pk: int, document_type: str):
    """The session page's "Terbitkan …" buttons."""
    try:
        document = services.session_document_issue(
            session_id=pk, document_type=document_type, actor=request.user, fields={}
        )
    except NotFound:
        raise Http404 from None
    except DomainError as error:
        messages.error(request, " ".join(error.messages()))
    else:
        messages.success(request, _issued_message(document))
    return redirect("training:session-detail", pk=pk)


@staff_member_required
@require_http_methods(["GET", "POST"])
def case_issue(request, pk: int, document_type: str):
    """The case page's "Terbitkan …": asks the policy first (404, or its refusal as a message
    on the case page), then the type's form (summons, minutes, review, forwarding letter) or a
    direct issue, through ``case_document_issue``."""
    case = Case.objects.select_related("election").filter(pk=pk).first()
    if case is None or document_type not in CASE_BUILDERS:
        raise Http404
    if refused := pages.refusal(request, case, f"issue_{document_type}"):
        return refused
    form_class = FORMS.get(document_type)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, case=case) if form_class else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            document = services.case_document_issue(
                case_id=case.pk,
                document_type=document_type,
                actor=request.user,
                fields=form.inputs() if form is not None else {},
            )
        except DomainError as error:
            pages.show_error(request, error, form)
            if form is None:
                return pages.back_to_case(case)
        else:
            messages.success(request, _issued_message(document))
            return pages.back_to_case(case)
    if form is None:
        return pages.back_to_case(case)
    title = ui.ISSUE_LABELS[document_type]
    model_admin = admin.site._registry[Case]
    return pages.form_page(request, model_admin, case, form, title, _("Terbitkan"))


def _issued_message(document) -> str:
    return _("%(title)s nomor %(number)s versi %(version)d diterbitkan.") % {
        "title": document.title,
        "number": document.number,
        "version": document.version,
    }
