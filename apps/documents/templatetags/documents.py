"""The documents panel: ``{% session_documents session %}`` on the session page,
``{% case_documents case %}`` on the case page (outside its form: the panel has forms of its
own)."""

from django import template
from django.urls import reverse

from apps.cases import policy
from apps.documents.content import CASE_BUILDERS, SESSION_BUILDERS
from apps.documents.forms import FORMS
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


@register.inclusion_tag("documents/_panel.html", takes_context=True)
def case_documents(context, case):
    """What the case policy's ``read_<type>`` and ``issue_<type>`` rows allow the user now.
    Types that take inputs open their form; the others issue at once."""
    user = context["request"].user
    allowed = policy.allowed_operations(case, user)
    readable = {t for t in CASE_BUILDERS if f"read_{t}" in allowed}
    issuable = {
        t: reverse("documents:case-issue", args=[case.pk, t])
        for t in CASE_BUILDERS
        if f"issue_{t}" in allowed
    }
    documents = IssuedDocument.objects.filter(case=case, document_type__in=readable)
    rows = panel_rows(documents, readable=readable, issuable=issuable, with_form=set(FORMS))
    return {"rows": rows, "csrf_token": context.get("csrf_token")}
