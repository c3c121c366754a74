from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.core import permissions
from apps.core.api.errors import error_body


@login_required
def home(request):
    """Send each role to its own tool: camat clerks to their sessions, everyone else to the admin."""
    if permissions.is_camat_clerk(request.user):
        return redirect("training:session-list")
    if request.user.is_staff:
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
