"""Open statistics (statistik terbuka): counts per election by month, violation form, kecamatan,
agency category, decision and the PPK's outcome, with small cells suppressed. Cached.

Suppression (docs/public.md): a category is listed only with a count of at least
``NETRAL_STATISTICS_THRESHOLD`` (default 3). The counts under it are added up into one row,
"lainnya (disamarkan)", which is never listed itself with 1 or 2: while it is, the smallest listed
category joins it (complementary suppression). A table whose whole total is under the threshold
shows nothing but that fact (``total`` null). Categories with no case are not listed at all, so a
reader cannot tell which or how many categories the suppressed row holds. Each table adds up:
``sum(cells) + suppressed == total``.
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import deadlines
from apps.cases.models import Case, Election, FollowUp, Respondent, Sanction, Severity
from apps.core import clock
from apps.personnel.models import Agency

CACHE_KEY = "public:statistics:v1:{threshold}"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
DECISIONS = {
    Case.Status.RECEIVED: gettext_lazy("Belum diputuskan"),
    Case.Status.REGISTERED: gettext_lazy("Ditangani"),
    Case.Status.CLARIFICATION: gettext_lazy("Ditangani"),
    Case.Status.REVIEW: gettext_lazy("Ditangani"),
    Case.Status.FORWARDED: gettext_lazy("Diteruskan (terbukti)"),
    Case.Status.CLOSED: gettext_lazy("Diteruskan (terbukti)"),
    Case.Status.NOT_REGISTERED: gettext_lazy("Tidak diregistrasi"),
    Case.Status.DISMISSED: gettext_lazy("Dihentikan"),
    Case.Status.JOINED: gettext_lazy("Digabungkan"),
}


def suppress(counts: dict[str, tuple[str, int]], threshold: int) -> dict:
    """``{key: (label, count)}`` → listed cells, the suppressed row and the total."""
    listed = sorted(
        ((key, label, n) for key, (label, n) in counts.items() if n >= threshold),
        key=lambda c: (-c[2], c[1]),
    )
    total = sum(n for _label, n in counts.values())
    other = total - sum(n for _k, _l, n in listed)
    while 0 < other < threshold and listed:
        other += listed.pop()[2]  # the smallest listed category joins the suppressed row
    if 0 < other < threshold:  # the whole table is under the threshold
        return {"cells": [], "suppressed": None, "total": None}
    cells = [{"key": key, "label": label, "count": n} for key, label, n in listed]
    return {"cells": cells, "suppressed": other, "total": total}


def _table(dimension: str, title: str, counter: Counter, labels: dict, threshold: int) -> dict:
    counts = {key: (str(labels.get(key, key)), n) for key, n in counter.items() if n}
    return {"dimension": dimension, "title": str(title), **suppress(counts, threshold)}


def compute(threshold: int) -> dict:
    """Every table of every election, from six grouped queries."""
    per = defaultdict(lambda: defaultdict(Counter))
    for election_id, received_at, status, kecamatan in Case.objects.values_list(
        "election_id", "received_at", "status", "kecamatan__name"
    ):
        local = deadlines.local_date(received_at)
        per[election_id]["month"][f"{local:%Y-%m}"] += 1
        per[election_id]["kecamatan"][kecamatan or _("Tidak tercatat")] += 1
        per[election_id]["decision"][str(DECISIONS[status])] += 1
    through = Case.violation_forms.through.objects.values_list(
        "case__election_id", "violationform__name"
    )
    for election_id, form in through:
        per[election_id]["violation_form"][form] += 1
    for election_id, kind in Respondent.objects.values_list("case__election_id", "agency__kind"):
        per[election_id]["agency_category"][kind or "-"] += 1
    for election_id, outcome in FollowUp.objects.values_list(
        "respondent__case__election_id", "outcome"
    ):
        per[election_id]["outcome"][outcome] += 1
    for election_id, category in Sanction.objects.filter(state=Sanction.State.IN_FORCE).values_list(
        "respondent__case__election_id", "sanction_type__category"
    ):
        per[election_id]["sanction"][category or "none"] += 1

    month_labels = {}
    for counter in per.values():
        for key in counter["month"]:
            year, month = key.split("-")
            month_labels[key] = f"{MONTHS[int(month) - 1]} {year}"
    agency_labels = {**dict(Agency.Kind.choices), "-": _("Bukan ASN / tidak tercatat")}
    sanction_labels = {**dict(Severity.choices), "none": _("Tanpa sanksi")}
    specs = (
        ("month", _("Laporan dan temuan per bulan diterima"), month_labels),
        ("violation_form", _("Bentuk pelanggaran"), {}),
        ("kecamatan", _("Kecamatan tempat kejadian"), {}),
        ("agency_category", _("Jenis instansi terlapor"), agency_labels),
        ("decision", _("Keputusan Bawaslu"), {}),
        ("outcome", _("Tindak lanjut PPK per terlapor"), dict(FollowUp.Outcome.choices)),
        ("sanction", _("Sanksi yang berlaku menurut kategori"), sanction_labels),
    )
    elections = []
    for election in Election.objects.order_by("-voting_on").only("pk", "code", "name"):
        tables = [
            _table(dim, title, per[election.pk][dim], labels, threshold)
            for dim, title, labels in specs
        ]
        for table in tables:
            if table["dimension"] == "month":
                table["cells"].sort(key=lambda c: c["key"])
        elections.append({"code": election.code, "name": election.name, "tables": tables})
    return {"threshold": threshold, "generated_at": clock.now(), "elections": elections}


def statistics() -> dict:
    """The statistics from the cache (no query), computed when the cache has none."""
    threshold = settings.NETRAL_STATISTICS_THRESHOLD
    key = CACHE_KEY.format(threshold=threshold)
    found = cache.get(key)
    if found is None:
        found = compute(threshold)
        cache.set(key, found, settings.NETRAL_STATISTICS_CACHE_SECONDS)
    return found


class UnknownElection(LookupError):
    """``?election=`` names no election the statistics hold."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(
            _("Pemilihan dengan kode “%(code)s” tidak ada. Pilih salah satu dari daftar.")
            % {"code": code}
        )


def election_code(params) -> str:
    """The election asked for by ``?election=<code>`` (empty: every election)."""
    return params.get("election", "").strip()[:64]


def of_election(data: dict, code: str) -> dict:
    """``data`` narrowed to the election ``code`` (every election when ``code`` is empty); no
    query: the cached statistics hold every election. Raises :class:`UnknownElection`."""
    if not code:
        return data
    chosen = [election for election in data["elections"] if election["code"] == code]
    if not chosen:
        raise UnknownElection(code)
    return {**data, "elections": chosen}


CSV_HEADER = ["pemilihan", "tabel", "kategori", "jumlah"]


def csv_rows(data: dict):
    """One row per listed cell, the suppressed row and the total of each table."""
    for election in data["elections"]:
        for table in election["tables"]:
            for cell in table["cells"]:
                yield [election["name"], table["title"], cell["label"], cell["count"]]
            if table["total"] is None:
                yield [election["name"], table["title"], _("disamarkan (jumlah < ambang)"), ""]
                continue
            if table["suppressed"]:
                yield [
                    election["name"],
                    table["title"],
                    _("lainnya (disamarkan)"),
                    table["suppressed"],
                ]
            yield [election["name"], table["title"], _("jumlah"), table["total"]]
