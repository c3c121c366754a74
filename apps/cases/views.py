"""The evidence download: a private file streamed to a user who may see its case.

The admin's link and the API's download both answer with :func:`evidence_file_response`: the
same name (the original for Bawaslu, a neutral one for everyone else), the same refusal of a file
whose metadata could reveal the reporter, and the same headers.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.cases import confidentiality
from apps.cases.models import Evidence
from apps.cases.selectors import cases_visible_to
from apps.core.errors import Forbidden, NotFound


def visible_evidence_file(user, pk, case_id=None) -> Evidence:
    """An evidence file of a case ``user`` may see (``NotFound`` otherwise)."""
    files = Evidence.objects.filter(case__in=cases_visible_to(user)).exclude(file="")
    if case_id is not None:
        files = files.filter(case_id=case_id)
    evidence = files.select_related("case").filter(pk=pk).first()
    if evidence is None:
        raise NotFound(_("Alat bukti tidak ditemukan."))
    return evidence


def evidence_file_response(user, evidence: Evidence) -> FileResponse:
    if withheld := confidentiality.evidence_withheld(user, evidence):
        raise Forbidden(withheld)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise NotFound(_("Berkas alat bukti tidak ditemukan di penyimpanan.")) from None
    position = confidentiality.evidence_positions(evidence.case).get(evidence.pk, 0)
    name = confidentiality.evidence_name(user, evidence, evidence.case, position)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name or evidence.file.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-SHA256"] = evidence.sha256
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def evidence_download(request, pk: int):
    """Stream one evidence file to a user who may see its case; everyone else gets 404."""
    try:
        return evidence_file_response(request.user, visible_evidence_file(request.user, pk))
    except NotFound as missing:
        raise Http404(missing.message) from None
    except Forbidden as withheld:
        raise PermissionDenied(withheld.message) from None
