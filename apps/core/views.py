from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.core import dashboards, permissions
from apps.core.api.errors import error_body


@login_required
def home(request):
    """Each role's home: camat clerks their sessions, Bawaslu and BKPSDM staff what is due today
    (apps.core.dashboards), other staff the admin."""
    user = request.user
    if permissions.is_camat_clerk(user):
        return redirect("training:session-list")
    if user.is_staff and permissions.is_coordinator(user):
        return dashboards.bawaslu_home(request, investigator=False)
    if user.is_staff and permissions.is_investigator(user):
        return dashboards.bawaslu_home(request, investigator=True)
    if user.is_staff and permissions.is_bkpsdm(user):
        return dashboards.bkpsdm_home(request)
    if user.is_staff:
        return redirect("admin:index")
    return render(request, "core/home.html")


def server_error(request):
    """500 without a traceback: the API's error shape under /api/, a plain page elsewhere."""
    if request.path.startswith("/api/"):
        body = error_body(
            500, "server_error", _("Terjadi kesalahan pada server. Silakan coba lagi.")
        )
        return JsonResponse(body, status=500)
    return render(request, "500.html", status=500)
