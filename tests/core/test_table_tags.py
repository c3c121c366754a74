"""The long tables' rows and a long list's options are built as strings
(apps.core.templatetags.netral): every value is escaped exactly as the template would escape it."""

from datetime import UTC, datetime

import pytest
from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from apps.cases.dashboard import DueRow
from apps.core.templatetags.netral import _escape, chart_rows, select_options

TRICKY = [
    "Rina <b>Hartati</b> & Co",
    'O\'Brien "Oke"',
    gettext_lazy("Kasus per status"),
    mark_safe("<em>sudah HTML</em>"),
    12345,
    3.5,
    None,
    "",
]


@pytest.mark.parametrize("value", TRICKY)
def test_a_value_is_escaped_as_the_template_escapes_it(value):
    assert _escape(value) == conditional_escape(value)


class Filters(forms.Form):
    agency = forms.ChoiceField(
        choices=[("", "Semua"), ("DIS&K", "Dinas <Kesehatan>"), ("BKPSDM", "BKPSDM")]
    )


def test_the_options_of_a_list_escape_codes_and_names_and_select_the_current_one():
    html = select_options(Filters({"agency": "DIS&K"})["agency"])
    assert html == (
        '<option value="">Semua</option>'
        '<option value="DIS&amp;K" selected>Dinas &lt;Kesehatan&gt;</option>'
        '<option value="BKPSDM">BKPSDM</option>'
    )


def test_a_chart_row_writes_its_numbers_as_the_page_does_and_a_dash_for_none(settings):
    html = chart_rows([("Jan <2024>", [1, None, 1234])])
    assert html == (
        '<tr><th scope="row">Jan &lt;2024&gt;</th><td data-value="1">1</td>'
        '<td data-value="">–</td><td data-value="1234">1234</td></tr>'
    )


def test_a_due_row_escapes_the_case_number_respondents_and_action(db):
    from apps.core.templatetags.netral import due_rows

    row = DueRow(
        7,
        "<b>1/Reg</b>",
        "received",
        "Batas",
        "Tolak & catat",
        datetime(2024, 11, 12, 15, 59, tzinfo=UTC),
        True,
        "overdue",
        ["A <i>B</i>"],
    )
    html = due_rows([row])
    assert "&lt;b&gt;1/Reg&lt;/b&gt;" in html and "A &lt;i&gt;B&lt;/i&gt;" in html
    assert "Tolak &amp; catat" in html and "12-11-2024 23.59 WITA" in html
    assert 'class="is-overdue"' in html and "<b>" not in html


def test_a_table_row_is_headed_by_its_first_value_with_numbers_times_and_gaps_as_the_page_writes_them():
    from apps.core.templatetags.netral import table_rows

    rows = [
        {"name": "Dinas <Kesehatan>", "cases": 3, "share": 2.5, "first_due": None},
        {
            "name": "BKPSDM",
            "cases": 12,
            "share": 0.5,
            "first_due": datetime(2024, 11, 12, 15, 59, tzinfo=UTC),
        },
    ]
    html = table_rows(rows, "name", "cases", "share", "first_due")
    assert html == (
        '<tr><th scope="row">Dinas &lt;Kesehatan&gt;</th><td>3</td><td>2,5</td><td>—</td></tr>'
        '<tr><th scope="row">BKPSDM</th><td>12</td><td>0,5</td>'
        "<td>12-11-2024 23.59 WITA</td></tr>"
    )


def test_whole_numbers_are_written_as_localize_writes_them_with_or_without_a_separator(settings):
    from django.utils.formats import localize

    from apps.core.templatetags.netral import _localized

    for separator in (False, True):
        settings.USE_THOUSAND_SEPARATOR = separator
        for number in (0, 7, -12, 1234567):
            assert _localized(number) == localize(number)
    assert _localized(True) == localize(True)


def test_a_case_link_is_the_admin_case_page_under_any_script_prefix():
    from django.urls import reverse, set_script_prefix

    from apps.core.templatetags.netral import case_url

    assert case_url(42) == reverse("admin:cases_case_change", args=[42])
    try:
        set_script_prefix("/netral/")
        assert case_url(7) == "/netral/admin/cases/case/7/change/"
        assert case_url(7) == reverse("admin:cases_case_change", args=[7])
    finally:
        set_script_prefix("/")
    assert case_url("7") == "/admin/cases/case/7/change/"
