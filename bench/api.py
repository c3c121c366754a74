"""Benchmark of the REST API at national scale on PostgreSQL (a script that prints figures).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral_api \\
        .venv/bin/python bench/api.py [--servants 1000000] [--cases 100000] [--requests 200]

Seeds the database of DATABASE_URL (migrations, reference data, then with COPY: N synthetic
civil servants and M cases with respondents, violation forms, reporters, events, evidence,
forwardings, follow-ups and sanctions, deadlines computed by ``apps.cases.deadlines``) unless it
already holds that many; ``--reseed`` empties the cases and the registry first. Then, in-process through
the whole Django stack (middleware, token authentication), it requests as a Bawaslu coordinator
(who sees every case and the reporters) and as a BKPSDM officer:

- the case list at ``page_size=50`` (pages 1–10 in turn), and a bare Django view that returns the
  same 50 rows of the same page from ``.values()`` as JSON with the same total count;
- the case detail (200 different cases);
- each report (8 groupings of ``/reports/cases/`` and ``/reports/deadlines/``), and the raw SQL
  aggregate that report performs (captured from the request, run with a plain cursor);

alternating the API request and its baseline in one loop, and prints the median and p95 latency
over ``--requests`` requests, the queries per request, and the ratios API/baseline of the
medians. Targets: reports within 1.5× of their SQL, the case list within 2× of the bare view.
A benchmark, not a test: it asserts nothing and leaves the data in place for the next run.
"""

import argparse
import os
import random
import statistics
import sys
import time
import types
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2024, 12, 20, 12, 0, tzinfo=UTC)


def setup_django() -> None:
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "False"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- seeding ----------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def copy_rows(table: str, columns: list[str], rows) -> int:
    """COPY ``rows`` (tuples) into ``table``; returns how many."""
    from django.db import connection

    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with raw.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def reset_sequence(table: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
        )


def seed_reference_and_users():
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from apps.core.tokens import api_token_create

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0, stdout=StringIO())
    tokens = {}
    for username, role in (
        ("bench-koordinator", "bawaslu_coordinator"),
        ("bench-bkpsdm", "bkpsdm_officer"),
    ):
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.groups.add(Group.objects.get(name=role))
        tokens[role] = api_token_create(user=user, name="bench")[1]
    return tokens


def seed_civil_servants(count: int) -> None:
    from django.utils import timezone

    from apps.personnel.importer import FIELDS
    from apps.personnel.models import Agency, CivilServant, Region
    from apps.personnel.seeds import synthetic_row

    have = CivilServant.objects.count()
    if have >= count:
        log(f"ASN: {have:,} already there")
        return
    log(f"ASN: writing {count - have:,} with COPY")
    now = timezone.now()
    columns = [*FIELDS, "is_active", "created_at", "updated_at"]
    existing = set(CivilServant.objects.values_list("nip", flat=True)) if have else set()
    # Read before the COPY starts: the connection is busy until it ends.
    agencies = list(Agency.objects.order_by("code").values_list("id", "kecamatan_id"))
    kecamatan = list(
        Region.objects.filter(level="kecamatan").order_by("code").values_list("id", flat=True)
    )
    rng, sequences = random.Random(640200), {}

    def rows():
        written = 0
        while written < count - have:
            row = synthetic_row(rng, agencies, kecamatan, sequences)
            if row["nip"] in existing or len(row["nip"]) != 18:
                continue
            existing.add(row["nip"])
            written += 1
            yield (*[row[c] for c in FIELDS], True, now, now)

    started = time.perf_counter()
    copy_rows("personnel_civilservant", columns, rows())
    log(f"ASN: done in {time.perf_counter() - started:.0f} s")


STATUS_MIX = [
    ("received", 8),
    ("not_registered", 6),
    ("registered", 6),
    ("clarification", 8),
    ("review", 8),
    ("dismissed", 20),
    ("forwarded", 14),
    ("closed", 30),
]
PATHS = {
    "received": ["create"],
    "not_registered": ["create", "reject"],
    "registered": ["create", "register"],
    "clarification": ["create", "register", "begin_clarification"],
    "review": ["create", "register", "begin_clarification", "begin_review"],
    "dismissed": ["create", "register", "begin_clarification", "begin_review", "dismiss"],
    "forwarded": ["create", "register", "begin_clarification", "begin_review", "forward"],
    "closed": [
        "create",
        "register",
        "begin_clarification",
        "begin_review",
        "forward",
        "follow_up",
        "close",
    ],
}
TARGET = {
    "create": "received",
    "register": "registered",
    "reject": "not_registered",
    "begin_clarification": "clarification",
    "begin_review": "review",
    "dismiss": "dismissed",
    "forward": "forwarded",
    "close": "closed",
}


def seed_cases(count: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from apps.cases import deadlines
    from apps.cases.models import Case, Election, ForwardingRecipient, SanctionType, ViolationForm
    from apps.personnel.models import Agency, CivilServant, Region

    have = Case.objects.count()
    if have >= count:
        log(f"cases: {have:,} already there")
        return
    log(f"cases: writing {count - have:,} with their respondents, events, ... (COPY)")
    started = time.perf_counter()
    rng = random.Random(6402)
    elections = list(Election.objects.order_by("code"))
    pilkada = next(e for e in elections if e.regime == "pilkada")
    forms = list(ViolationForm.objects.values_list("id", flat=True))
    kecamatan = list(Region.objects.filter(level="kecamatan").values_list("id", flat=True))
    sanctions = list(SanctionType.objects.values_list("id", "code"))
    recipient = ForwardingRecipient.objects.filter(is_default=True).first() or (
        ForwardingRecipient.objects.first()
    )
    agency_names = dict(Agency.objects.values_list("id", "name"))
    actor = get_user_model().objects.get(username="bench-koordinator").pk
    officer = get_user_model().objects.get(username="bench-bkpsdm").pk
    servants = list(
        CivilServant.objects.filter(
            id__in=[rng.randrange(1, 1_100_000) for _ in range(60_000)]
        ).values_list("id", "nip", "name", "position", "golongan", "agency_id")
    )
    calendar = deadlines.HolidayCalendar.from_db()
    first_id = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    statuses = [s for s, weight in STATUS_MIX for _ in range(weight)]

    cases, links, respondents, reporters, events, evidence = [], [], [], [], [], []
    forwardings, fwd_recipients, follow_ups, imposed = [], [], [], []
    respondent_id = _next_id("cases_respondent")
    forwarding_id = _next_id("cases_forwarding")
    start = datetime(2024, 9, 25, tzinfo=UTC)
    for case_id in range(first_id, first_id + count - have):
        status = rng.choice(statuses)
        kind = "laporan" if rng.random() < 0.7 else "temuan"
        election = pilkada if rng.random() < 0.85 else rng.choice(elections)
        received = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 75))
        known_on = (received - timedelta(days=rng.choice([0, 1, 1, 2, 3, 5, 9]))).date()
        case = Case(
            pk=case_id,
            kind=kind,
            election=election,
            status=status,
            received_at=received,
            known_on=known_on,
        )
        path = PATHS[status]
        at = received
        times = {}
        for step in path:
            at = at + timedelta(hours=rng.randint(2, 30))
            times[step] = at
        registered = times.get("register")
        decided = times.get("reject") or times.get("dismiss") or times.get("forward")
        case.registered_at = registered
        case.decided_at = decided
        case.forwarded_at = times.get("forward")
        case.closed_at = times.get("close")
        case.extended_at = (
            times["begin_review"] if status == "review" and rng.random() < 0.2 else None
        )
        due = deadlines.compute_due_dates(case, calendar)
        number = None
        if registered:
            code = "LP" if kind == "laporan" else "TM"
            number = f"{case_id:06d}/Reg/{code}/PB/Kab/64.02/XI/{registered.year}"
        cases.append(
            (
                case_id,
                kind,
                election.pk,
                status,
                number,
                "64.02",
                "PB" if registered else "",
                registered.year if registered else None,
                case_id if registered else None,
                received,
                registered,
                known_on,
                known_on - timedelta(days=rng.randint(0, 2)),
                f"Lokasi kejadian {case_id}",
                rng.choice(kecamatan),
                f"Kronologi sintetis kasus {case_id}: ASN diduga tidak netral.",
                "",
                "Alasan sintetis." if status in ("not_registered", "dismissed") else "",
                "",
                case.extended_at,
                due["reporting_due_at"],
                due["initial_review_due_at"],
                due["decision_due_at"],
                due["follow_up_due_at"],
                due["next_due_at"],
                decided,
                case.forwarded_at,
                case.closed_at,
                actor,
                received,
                case.closed_at or decided or received,
            )
        )
        for form in rng.sample(forms, rng.choice([1, 1, 2])):
            links.append((case_id, form))
        own = []
        for _ in range(rng.choice([1, 1, 1, 2])):
            sid, nip, name, position, golongan, agency_id = rng.choice(servants)
            respondents.append(
                (
                    respondent_id,
                    case_id,
                    sid,
                    name,
                    nip,
                    position,
                    golongan,
                    agency_id,
                    agency_names[agency_id],
                    "",
                    "pns",
                    "",
                    "",
                )
            )
            own.append(respondent_id)
            respondent_id += 1
        if kind == "laporan":
            reporters.append(
                (
                    case_id,
                    f"Pelapor Sintetis {case_id}",
                    f"640203{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}9{rng.randint(0, 9)}{rng.randint(1, 9999):04d}",
                    "Jl. Sintetis",
                    "+6281200000000",
                    "",
                    "Wiraswasta",
                )
            )
        previous = ""
        for step, moment in [("create", received), *[(s, times[s]) for s in path[1:]]]:
            target = TARGET.get(step, previous)
            events.append((case_id, actor, moment, step, previous, target, "", "{}"))
            previous = target
        evidence.append(
            (
                case_id,
                "link",
                "Tautan unggahan",
                "",
                "",
                "",
                None,
                "",
                f"https://media.invalid/{case_id}",
                received,
                actor,
                received,
                "",
            )
        )
        if case.forwarded_at:
            forwardings.append(
                (
                    forwarding_id,
                    case_id,
                    f"{case_id}/PP.01.02/K.KT-05/2024",
                    case.forwarded_at.date(),
                    "berat",
                    "",
                    actor,
                    case.forwarded_at,
                )
            )
            fwd_recipients.append((forwarding_id, recipient.pk))
            forwarding_id += 1
        if case.closed_at:
            for rid in own:
                sanction_type_id, code = rng.choice(sanctions)
                decided_at = times["follow_up"]
                if code == "none":
                    follow_ups.append(
                        (rid, "not_sanctioned", "Tidak terbukti.", officer, decided_at)
                    )
                    continue
                follow_ups.append((rid, "sanctioned", "", officer, decided_at))
                imposed.append(
                    (
                        rid,
                        sanction_type_id,
                        f"800/{rid}/BKPSDM/2024",
                        case.closed_at.date(),
                        "in_force",
                        officer,
                        decided_at,
                    )
                )

    copy_rows(
        "cases_case",
        [
            "id",
            "kind",
            "election_id",
            "status",
            "number",
            "office_code",
            "number_series",
            "number_year",
            "number_sequence",
            "received_at",
            "registered_at",
            "known_on",
            "incident_on",
            "incident_place",
            "kecamatan_id",
            "chronology",
            "conclusion",
            "closing_reason",
            "reason_code",
            "extended_at",
            "reporting_due_at",
            "initial_review_due_at",
            "decision_due_at",
            "follow_up_due_at",
            "next_due_at",
            "decided_at",
            "forwarded_at",
            "closed_at",
            "created_by_id",
            "created_at",
            "updated_at",
        ],
        cases,
    )
    copy_rows("cases_case_violation_forms", ["case_id", "violationform_id"], links)
    copy_rows(
        "cases_respondent",
        [
            "id",
            "case_id",
            "civil_servant_id",
            "name",
            "nip",
            "position",
            "golongan",
            "agency_id",
            "agency_name",
            "bkn_severity",
            "employment",
            "recommended_severity",
            "nik",
        ],
        respondents,
    )
    copy_rows(
        "cases_reporter",
        ["case_id", "name", "nik", "address", "phone", "email", "occupation"],
        reporters,
    )
    copy_rows(
        "cases_caseevent",
        ["case_id", "actor_id", "at", "action", "from_status", "to_status", "note", "data"],
        events,
    )
    copy_rows(
        "cases_evidence",
        [
            "case_id",
            "kind",
            "description",
            "file",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "url",
            "captured_at",
            "uploaded_by_id",
            "uploaded_at",
            "withdrawal_reason",
        ],
        evidence,
    )
    copy_rows(
        "cases_forwarding",
        [
            "id",
            "case_id",
            "letter_number",
            "letter_date",
            "recommended_sanction",
            "note",
            "forwarded_by_id",
            "forwarded_at",
        ],
        forwardings,
    )
    copy_rows(
        "cases_forwarding_recipients", ["forwarding_id", "forwardingrecipient_id"], fwd_recipients
    )
    copy_rows(
        "cases_followup",
        ["respondent_id", "outcome", "reason", "recorded_by_id", "recorded_at"],
        follow_ups,
    )
    copy_rows(
        "cases_sanction",
        [
            "respondent_id",
            "sanction_type_id",
            "decree_number",
            "decree_date",
            "state",
            "recorded_by_id",
            "recorded_at",
        ],
        imposed,
    )
    for table in ("cases_case", "cases_respondent", "cases_forwarding"):
        reset_sequence(table)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(
        f"cases: {len(cases):,} cases, {len(respondents):,} respondents, {len(events):,} events, "
        f"{len(follow_ups):,} follow-ups in {time.perf_counter() - started:.0f} s"
    )


def _next_id(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def reseed() -> None:
    from django.db import connection

    log("emptying cases and the registry")
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE cases_case, cases_reporteraccess, cases_registercounter, "
            "personnel_civilservant RESTART IDENTITY CASCADE"
        )


# --- measuring --------------------------------------------------------------------------------


def bare_case_page(request):
    """The baseline: the same 50 rows of the same page from ``.values()``, with the count."""
    from django.http import JsonResponse

    from apps.cases.models import Case

    page = int(request.GET.get("page", 1))
    size = int(request.GET.get("page_size", 50))
    cases = Case.objects.order_by("-received_at", "-id")
    if statuses := request.GET.getlist("status"):
        cases = cases.filter(status__in=statuses)
    rows = list(
        cases.values(
            "id",
            "number",
            "kind",
            "status",
            "election__code",
            "received_at",
            "registered_at",
            "incident_on",
            "kecamatan__code",
            "kecamatan__name",
            "updated_at",
        )[(page - 1) * size : page * size]
    )
    return JsonResponse({"count": cases.count(), "results": rows})


def install_bare_view() -> None:
    from django.conf import settings
    from django.urls import clear_url_caches, include, path

    module = types.ModuleType("bench_api_urls")
    module.urlpatterns = [
        path("bench/bare-cases/", bare_case_page),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules["bench_api_urls"] = module
    settings.ROOT_URLCONF = "bench_api_urls"
    clear_url_caches()


class Timer:
    def __init__(self):
        self.samples: list[float] = []
        self.queries = 0

    def median(self) -> float:
        return statistics.median(self.samples)

    def p95(self) -> float:
        return statistics.quantiles(self.samples, n=20)[-1]


def timed_get(client, url: str, token: str, timer: Timer, *, count_queries=False):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
    if count_queries:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, **headers)
        timer.queries = len(captured)
        return response, captured
    started = time.perf_counter()
    response = client.get(url, **headers)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    timer.samples.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response, None


def timed_sql(sql: str, timer: Timer) -> None:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()
    timer.samples.append((time.perf_counter() - started) * 1000)


def line(
    name: str, timer: Timer, baseline: Timer | None = None, target: float | None = None
) -> str:
    text = (
        f"{name:<44} median {timer.median():8.2f} ms   p95 {timer.p95():8.2f} ms   "
        f"{timer.queries:>2} queries"
    )
    if baseline is not None:
        ratio = timer.median() / baseline.median()
        verdict = "" if target is None else ("  ok" if ratio <= target else f"  OVER {target}×")
        text += f"   ×{ratio:5.2f} of baseline{verdict}"
    return text


SECTIONS = ("list", "detail", "reports")


def measure(tokens: dict, requests: int, sections=SECTIONS) -> None:
    from django.test import Client

    from apps.cases.models import Case

    client = Client()
    coordinator, bkpsdm = tokens["bawaslu_coordinator"], tokens["bkpsdm_officer"]
    print()
    print(f"Cases: {Case.objects.count():,}; requests per figure: {requests} (after 10 warm-up)")
    print()

    # the case list against the bare view, alternating
    personas = (("coordinator", coordinator), ("BKPSDM officer", bkpsdm))
    for persona, token in personas if "list" in sections else ():
        api, bare = Timer(), Timer()
        pages = [f"page_size=50&page={p}" for p in range(1, 11)]
        if persona == "BKPSDM officer":
            # the same rows for both: BKPSDM sees forwarded and closed cases
            pages = [p + "&status=forwarded&status=closed" for p in pages]
        timed_get(client, f"/api/v1/cases/?{pages[0]}", token, api, count_queries=True)
        timed_get(client, f"/bench/bare-cases/?{pages[0]}", "", bare, count_queries=True)
        for i in range(requests + 10):
            query = pages[i % len(pages)]
            timed_get(client, f"/api/v1/cases/?{query}", token, api)
            timed_get(client, f"/bench/bare-cases/?{query}", "", bare)
        api.samples, bare.samples = api.samples[10:], bare.samples[10:]
        print(line(f"case list page_size=50 ({persona})", api, bare, 2.0))
        print(line("  bare view, same rows from .values()", bare))

    if "detail" in sections:
        measure_detail(client, coordinator, requests)
    if "reports" in sections:
        measure_reports(client, coordinator, requests)


def measure_detail(client, coordinator: str, requests: int) -> None:
    from apps.cases.models import Case

    ids = list(Case.objects.order_by("?").values_list("id", flat=True)[: requests + 10])
    detail = Timer()
    timed_get(client, f"/api/v1/cases/{ids[0]}/", coordinator, detail, count_queries=True)
    for case_id in ids:
        timed_get(client, f"/api/v1/cases/{case_id}/", coordinator, detail)
    detail.samples = detail.samples[10:]
    print(line("case detail (coordinator)", detail))
    print()


def measure_reports(client, coordinator: str, requests: int) -> None:
    """Each report against its own SQL."""
    from apps.cases.reports import GROUPINGS

    reports = [f"/api/v1/reports/cases/?group_by={g}" for g in GROUPINGS]
    reports.append("/api/v1/reports/deadlines/")
    for url in reports:
        api, sql = Timer(), Timer()
        _response, captured = timed_get(client, url, coordinator, api, count_queries=True)
        aggregate = captured.captured_queries[-1]["sql"]
        sql.queries = 1
        for _ in range(requests + 10):
            timed_get(client, url, coordinator, api)
            timed_sql(aggregate, sql)
        api.samples, sql.samples = api.samples[10:], sql.samples[10:]
        name = url.removeprefix("/api/v1/reports/")
        print(line(f"report {name}", api, sql, 1.5))
        print(line("  its SQL aggregate alone", sql))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--servants", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="measure only this part (repeatable); all of them by default",
    )
    args = parser.parse_args()
    setup_django()
    tokens = seed_reference_and_users()
    if args.reseed:
        reseed()
    seed_civil_servants(args.servants)
    seed_cases(args.cases)
    install_bare_view()
    measure(tokens, args.requests, args.only or SECTIONS)


if __name__ == "__main__":
    main()
