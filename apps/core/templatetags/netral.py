"""Template helpers shared by the staff pages: the one date format, the unread count, and the
rows of the long tables (the deadlines due today, a chart's numbers) and the options of a long
list (the report filters' agencies).

The long tables' rows are built here as strings rather than by a ``{% for %}`` of template
nodes, which took 3.4 ms for a home page's fifty deadlines (more than the page's three queries
that find them), nor with ``format_html_join``, whose lazy-aware escaping of every value cost a
report page's 150 filter options ~2 ms. Every value is escaped as the template would escape it
(:func:`_escape`: Django's ``conditional_escape``).
"""

from datetime import datetime
from functools import lru_cache
from html import escape as escape_html

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.core import formatting
from apps.notifications.selectors import unread_count

register = template.Library()

# A case id no case has, to build the case page's URL once and fill each row's id in.
_ANY_CASE = 987654321


@register.filter
def wita(moment) -> str:
    """``{{ case.next_due_at|wita }}`` → ``12-11-2024 23.59 WITA``."""
    return formatting.wita(moment)


@register.inclusion_tag("core/_unread_notifications.html", takes_context=True)
def unread_notifications(context):
    """A link to the user's notifications with how many are unread (staff pages only: one
    query on the partial index of unread notifications)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {"show": False}
    return {
        "show": True,
        "count": unread_count(user),
        "url": reverse("admin:notifications_notification_changelist") + "?read_at__isempty=1",
    }


def _escape(value) -> str:
    """``conditional_escape`` without its lazy wrappers: a value that is already HTML (a safe
    string) as it is, anything else as text, with ``& < > " '`` escaped."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape_html(str(value))


def _localized(value) -> str:
    """``localize(value)``, escaped; an integer without a thousands separator is its digits
    (what ``localize`` writes then, at a fraction of its cost for a table of thousands)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return _escape(localize(value))


def case_url_pattern() -> str:
    """The admin case page's URL with ``{}`` where the case id goes: one ``reverse`` per URL
    configuration and script prefix, not one per row of a list of cases."""
    return _case_url_pattern(get_script_prefix(), get_urlconf())


@lru_cache(maxsize=8)
def _case_url_pattern(_prefix: str, _urlconf) -> str:
    url = reverse("admin:cases_case_change", args=[_ANY_CASE])
    return url.replace(str(_ANY_CASE), "{}")


@register.filter
def case_url(case_id) -> str:
    """``{{ row.case_id|case_url }}``: the admin page of that case (as ``{% url
    'admin:cases_case_change' row.case_id %}``)."""
    return case_url_pattern().format(int(case_id))


@register.simple_tag
def due_rows(rows) -> SafeString:
    """The ``<tr>`` of each deadline due today (``apps.cases.dashboard.DueRow``): whether it is
    late, the deadline and its time, the case (a link), respondents, state, the action due."""
    case_url = case_url_pattern()
    # The badge as on the case list (the same states), but "Terlambat" as the filter calls it.
    labels = {
        "overdue": _escape(gettext("Terlambat")),
        "due_soon": _escape(gettext("Segera berakhir")),
        "ok": _escape(gettext("Berjalan")),
    }
    html = []
    for row in rows:
        state = str(row.state)
        html.append(
            f'<tr class="is-{state.replace("_", "-")}"><td>'
            f'<span class="deadline deadline-{state}">{labels[state]}</span>'
            f"<br><small>{_escape(row.deadline)}: {_escape(formatting.wita(row.due_at))}</small>"
            f'</td><th scope="row"><a href="{_escape(case_url.format(row.case_id))}">'
            f"{_escape(row.number)}</a></th><td>{_escape(', '.join(row.respondents) or '—')}</td>"
            f"<td>{_escape(row.status_label)}</td><td>{_escape(row.action)}</td></tr>"
        )
    return mark_safe("\n".join(html))  # every value above is escaped


@register.simple_tag
def chart_rows(rows) -> SafeString:
    """The ``<tr>`` of a chart's table: ``rows`` are ``(label, [values…])``; a missing value is
    a dash (its ``data-value`` empty), numbers as the page's locale writes them."""

    def cell(value) -> str:
        if value is None:
            return '<td data-value="">–</td>'
        text = _localized(value)
        return f'<td data-value="{text}">{text}</td>'

    html = [
        f'<tr><th scope="row">{_localized(label)}</th>{"".join(map(cell, values))}</tr>'
        for label, values in rows
    ]
    return mark_safe("\n".join(html))  # every value above is escaped


@register.simple_tag
def table_rows(rows, *keys) -> SafeString:
    """The ``<tr>`` of a table of ``rows`` (dicts): the first key's value heads the row, the
    others are its cells; a number as the page's locale writes it, a date and time in the one
    format (``12-11-2024 23.59 WITA``), a dash for no value."""

    def text(value) -> str:
        if value is None or isinstance(value, datetime):
            return _escape(formatting.wita(value))
        return _localized(value)

    head, *cells = keys
    html = [
        f'<tr><th scope="row">{text(row[head])}</th>'
        f"{''.join(f'<td>{text(row[key])}</td>' for key in cells)}</tr>"
        for row in rows
    ]
    return mark_safe("".join(html))  # every value above is escaped


@register.simple_tag
def select_options(field) -> SafeString:
    """The ``<option>`` of a bound choice field, the current value selected."""
    current = "" if field.value() is None else str(field.value())
    html = [
        f'<option value="{_escape(value)}"{" selected" if str(value) == current else ""}>'
        f"{_escape(label)}</option>"
        for value, label in field.field.choices
    ]
    return mark_safe("".join(html))  # every value above is escaped
