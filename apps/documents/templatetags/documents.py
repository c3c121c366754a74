"""``{% session_documents session %}``: the documents panel of the session page."""

from django import template
from django.urls import reverse

from apps.documents.content import SESSION_BUILDERS
from apps.documents.models import IssuedDocument
from apps.documents.ui import panel_rows
from apps.training import services as training_services

register = template.Library()


@register.inclusion_tag("documents/_panel.html", takes_context=True)
def session_documents(context, session):
    """Anyone who sees the session reads its documents; its office's clerk issues them."""
    user = context["request"].user
    may_issue = training_services.can_manage_session(user, session)
    issuable = (
        {t: reverse("documents:session-issue", args=[session.pk, t]) for t in SESSION_BUILDERS}
        if may_issue and session.status != session.Status.CANCELLED
        else {}
    )
    documents = IssuedDocument.objects.filter(session=session).select_related("issued_by")
    rows = panel_rows(documents, readable=set(SESSION_BUILDERS), issuable=issuable)
    return {"rows": rows, "csrf_token": context.get("csrf_token"), "inline_form": True}
