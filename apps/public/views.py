"""Public pages: /lacak/ (tracking by code and PIN), /papan-pengumuman/ (registration
decisions, with an RSS feed) and /statistik/ (open statistics, CSV). No sign-in; nothing
personal on any of them."""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotFound
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from apps.cases import deadlines
from apps.core.exports import csv_response
from apps.public import selectors, statistics
from apps.public.throttling import track_wait


@require_http_methods(["GET", "POST"])
def track(request):
    """The tracking form; POST answers with the status, or one message for a wrong code or PIN."""
    context = {"code": "", "answer": None, "error": "", "fields": {}}
    status = 200
    if request.method == "POST":
        code = request.POST.get("kode", "").strip()[:32]
        pin = request.POST.get("pin", "").strip()[:12]
        context["code"] = code
        if not code:
            context["fields"]["kode"] = _("Isi kode pelacakan dari tanda terima.")
        if not pin:
            context["fields"]["pin"] = _("Isi PIN dari tanda terima.")
        if context["fields"]:
            status = 400
        elif wait := track_wait(request, code):
            context["error"] = _(
                "Terlalu banyak percobaan. Silakan coba lagi dalam %(s)d detik."
            ) % {"s": wait}
            response = render(request, "public/track.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        else:
            context["answer"] = selectors.case_track(code=code, pin=pin)
            if context["answer"] is None:
                context["error"] = _(
                    "Kode pelacakan atau PIN tidak cocok. Periksa kembali tanda terima Anda."
                )
                status = 404
    return render(request, "public/track.html", context, status=status)


@require_GET
def notice_board(request):
    from django.conf import settings

    return render(
        request,
        "public/notice_board.html",
        {"entries": selectors.notice_board(), "days": settings.NETRAL_NOTICE_BOARD_DAYS},
    )


class NoticeFeed(Feed):
    """The notice board as RSS (django.contrib.syndication)."""

    title = gettext_lazy("Papan pengumuman Bawaslu: keputusan registrasi laporan")
    link = reverse_lazy("public:notice-board")
    description = gettext_lazy(
        "Nomor register, tanggal, jenis, diregistrasi atau tidak dan jenis alasannya. "
        "Tanpa data pribadi."
    )

    def items(self):
        return selectors.notice_board()

    def item_title(self, item):
        number = item["register_number"] or _("tanpa nomor register")
        return f"{item['decision_label']}: {item['kind_label']} {number}"

    def item_description(self, item):
        parts = [item["election"], f"{item['decided_on']:%d-%m-%Y}"]
        if item["reason_category"]:
            parts.append(item["reason_category"])
        return " — ".join(parts)

    def item_link(self, item):
        return reverse("public:notice-board") + f"#keputusan-{item['id']}"

    def item_guid(self, item):
        return f"netral-keputusan-{item['id']}-{int(item['registered'])}"

    def item_pubdate(self, item):
        return item["decided_at"]


def _chart_rows(table: dict) -> list:
    rows = [(cell["label"], [cell["count"]]) for cell in table["cells"]]
    if table["suppressed"]:
        rows.append((_("Lainnya (disamarkan)"), [table["suppressed"]]))
    return rows


@require_GET
def statistics_page(request):
    """Every election's tables, or one election's (``?election=<code>``); no query (cached)."""
    data = statistics.statistics()
    code = statistics.election_code(request.GET)
    error, status = "", 200
    try:
        shown = statistics.of_election(data, code)
    except statistics.UnknownElection as unknown:
        shown, error, status = {**data, "elections": []}, str(unknown), 404
    elections = [
        {
            "name": election["name"],
            "code": election["code"],
            "tables": [
                {
                    **table,
                    "rows": _chart_rows(table),
                    "kind": _kind(table["dimension"]),
                    "horizontal": table["dimension"] != "month",
                    "headers": [_("Kategori"), _("Jumlah")],
                }
                for table in election["tables"]
            ],
        }
        for election in shown["elections"]
    ]
    csv_url = reverse("public:statistics-csv")
    return render(
        request,
        "public/statistics.html",
        {
            "elections": elections,
            "choices": [(election["code"], election["name"]) for election in data["elections"]],
            "selected": code,
            "error": error,
            "csv_url": f"{csv_url}?{urlencode({'election': code})}"
            if code and not error
            else csv_url,
            "threshold": data["threshold"],
            "generated_at": data["generated_at"].astimezone(deadlines.WITA),
        },
        status=status,
    )


def _kind(dimension: str) -> str:
    return "line" if dimension == "month" else "bar"


@require_GET
def statistics_csv(request):
    """The page's tables as CSV, of every election or of ``?election=<code>``."""
    code = statistics.election_code(request.GET)
    try:
        data = statistics.of_election(statistics.statistics(), code)
    except statistics.UnknownElection as unknown:
        return HttpResponseNotFound(str(unknown), content_type="text/plain; charset=utf-8")
    name = f"statistik-netral-{slugify(code)}" if code else "statistik-netral"
    return csv_response(name, statistics.CSV_HEADER, statistics.csv_rows(data))
