from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from apps.core import permissions


@login_required
def home(request):
    """Send each role to its own tool: camat clerks to their sessions, everyone else to the admin."""
    if permissions.is_camat_clerk(request.user):
        return redirect("training:session-list")
    if request.user.is_staff:
        return redirect("admin:index")
    return render(request, "core/home.html")
