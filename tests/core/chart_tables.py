"""Read the tables of the charts (templates/core/_chart.html) out of a page's HTML."""

from html.parser import HTMLParser


class _ChartTables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.charts, self._chart, self._cell, self._row = [], None, None, None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "chart" in (attrs.get("class") or "").split():
            self._chart = {"title": "", "headers": [], "rows": []}
        elif self._chart is None:
            return
        elif tag == "figcaption":
            self._in_caption = True
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = {"text": "", "value": attrs.get("data-value")}

    def handle_endtag(self, tag):
        if self._chart is None:
            return
        if tag == "figcaption":
            self._in_caption = False
        elif tag in ("th", "td") and self._cell is not None:
            cell = self._cell
            self._row.append(cell["value"] if cell["value"] is not None else cell["text"].strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if not self._chart["headers"]:
                self._chart["headers"] = self._row
            else:
                self._chart["rows"].append(self._row)
            self._row = None
        elif tag == "figure":
            self.charts.append(self._chart)
            self._chart = None

    def handle_data(self, data):
        if self._in_caption:
            self._chart["title"] += data
        elif self._cell is not None:
            self._cell["text"] += data


def chart_tables(html: str) -> list[dict]:
    """``[{"title", "headers", "rows": [[label, value, …], …]}]``: values as the cells'
    ``data-value`` (a plain number, as text)."""
    parser = _ChartTables()
    parser.feed(html)
    return parser.charts
