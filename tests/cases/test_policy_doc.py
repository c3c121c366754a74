"""docs/cases.md carries the policy table as ``python manage.py policy`` prints it."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from apps.cases.policy.markdown import embedded_in, policy_markdown

DOC = Path(settings.BASE_DIR) / "docs" / "cases.md"


def test_the_command_prints_the_table():
    out = StringIO()
    call_command("policy", stdout=out)
    assert out.getvalue() == policy_markdown()
    assert "| `forward` → `forwarded` | Teruskan rekomendasi | `review` | — | — | `review` |" in (
        out.getvalue()
    )


def test_the_documented_table_is_the_one_in_the_code():
    assert embedded_in(DOC.read_text()) == policy_markdown(), (
        "docs/cases.md is out of date: paste the output of `python manage.py policy` between "
        "its policy markers"
    )
