"""The reporters a case list may show, each view logged — in one query for a whole page.

``apps.cases.confidentiality.reporter_for`` shows and logs one case's reporter (two queries); a
page of fifty cases would make a hundred. Here the reporters come joined with the page
(``select_related("reporter")``) and their views are logged with one ``INSERT``, under the same
rule: Bawaslu roles only (``may_see_reporter``).
"""

from collections.abc import Iterable

from apps.cases.confidentiality import CHANNEL_API, log_reporter_views, may_see_reporter
from apps.cases.models import Case, Reporter


def shown_reporters(user, cases: Iterable[Case], channel: str = CHANNEL_API) -> dict[int, Reporter]:
    """``{case id: reporter}`` for the cases of ``cases`` that have one, when ``user`` may see
    reporters; every one returned is logged as viewed."""
    if not may_see_reporter(user):
        return {}
    shown = {}
    for case in cases:
        reporter = getattr(case, "reporter", None)
        if reporter is not None:
            shown[case.pk] = reporter
    log_reporter_views(user, shown, channel)
    return shown
