"""Check-in benchmark (not a test): a session of 2,000 registrations, 50 concurrent clients check
everyone in through the API, against a real gunicorn server on the loopback interface.

Prints p50/p95/p99 latency of the check-in, of a second scan (already checked in) and of a bare
view on the same server (same middleware, same token authentication, no work), their ratio, the
throughput, and the database queries per check-in (counted in-process on the same code path).
Then the offline kiosk's sync: sessions of 300 registrations whose 300 queued check-ins arrive in
one request (``check-in/batch/``), sent once and sent again (a replay changes nothing): the time
of each and the queries of one (counted in-process).

    createdb netral_bench   # or: psql -h 127.0.0.1 -U postgres -d test -c 'CREATE DATABASE ...'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral_bench \\
        .venv/bin/python bench/checkin.py [--registrations 2000] [--clients 50] [--workers 4]

The script migrates the database, loads the reference data if missing, creates a bench clerk and
a fresh session, starts gunicorn on 127.0.0.1 (``--port``, default 8105) and stops it at the end.
Every loop is bounded: a fixed number of requests, a timeout per request, a deadline overall.
Without DATABASE_URL it refuses to run: SQLite serialises writers and measures nothing useful.
"""

import argparse
import http.client
import json
import os
import queue
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only
BENCH_USERNAME = "bench-checkin-clerk"
BENCH_TITLE = "Benchmark check-in"
SERVER_ENV = "NETRAL_BENCH_SERVER"
REQUEST_TIMEOUT = 30
DEADLINE_SECONDS = 600


# --- the server side: gunicorn imports this module as ``bench.checkin:application`` ---


def _server_application():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.checkin"
    # Like production: keep database connections between requests.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 60
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def _bench_urlpatterns():
    from django.http import JsonResponse
    from django.urls import include, path
    from django.views.decorators.csrf import csrf_exempt
    from rest_framework.response import Response
    from rest_framework.views import APIView

    class BareApiView(APIView):
        """The same authentication and permission as the check-in, and no work at all."""

        def post(self, request):
            return Response({"status": "ok"})

    @csrf_exempt
    def bare_django(request):
        return JsonResponse({"status": "ok"})

    return [
        path("bench/bare-api/", BareApiView.as_view()),
        path("bench/bare-django/", bare_django),
        path("", include("config.urls")),
    ]


if os.environ.get(SERVER_ENV):
    application = _server_application()
    urlpatterns = _bench_urlpatterns()


# --- the client side ---


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DEBUG", "false")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _prepare(registrations: int) -> tuple[int, str, list[str]]:
    """Migrate, seed the reference data if needed, and make a fresh session of ``registrations``
    non-ASN participants; returns (session id, API token, check-in codes)."""
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from apps.core.models import Office, Profile
    from apps.core.tokens import api_token_create
    from apps.personnel.models import Region
    from apps.training.models import Session

    call_command("migrate", verbosity=0, stdout=StringIO())
    if not Region.objects.filter(code="64.02.03").exists():
        call_command("seed", verbosity=0, stdout=StringIO())
    loa_janan = Region.objects.get(code="64.02.03")
    user, _ = get_user_model().objects.get_or_create(username=BENCH_USERNAME)
    user.groups.add(Group.objects.get(name="camat_clerk"))
    Profile.objects.update_or_create(
        user=user, defaults={"office": Office.CAMAT, "kecamatan": loa_janan}
    )
    _token, key = api_token_create(user=user, name="bench")
    Session.objects.filter(title__startswith=BENCH_TITLE, created_by=user).delete()
    session_id, codes = make_session(user, loa_janan, registrations + 1, BENCH_TITLE)
    return session_id, key, codes


def make_session(user, kecamatan, registrations: int, title: str) -> tuple[int, list[str]]:
    """A session starting now with ``registrations`` non-ASN participants; (id, their codes)."""
    from django.db import connection
    from django.utils import timezone

    from apps.training.models import ParticipantType, Registration, Session
    from apps.training.services import new_code, normalise_name

    now = timezone.now()
    session = Session.objects.create(
        title=title,
        starts_at=now,
        ends_at=now + timezone.timedelta(hours=3),
        venue="Loopback",
        kecamatan=kecamatan,
        created_by=user,
    )
    rows = [
        Registration(
            session=session,
            participant_type=ParticipantType.HONORARY,
            name=f"Peserta Bench {session.pk} {i:05d}",
            name_normalised=normalise_name(f"Peserta Bench {session.pk} {i:05d}"),
            phone=f"+628120{i:07d}",
            code=new_code(),
            registered_by=user,
        )
        for i in range(registrations)
    ]
    Registration.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        # As a table in use would have: statistics, so the planner uses the code's unique index.
        cursor.execute(f"ANALYZE {Registration._meta.db_table}")
    return session.pk, [r.code for r in rows]


def _queue(codes: list[str]) -> dict:
    """What an offline kiosk sends: each check-in with its own id and the time it was scanned."""
    import uuid
    from datetime import UTC, datetime, timedelta

    scanned = datetime.now(UTC) - timedelta(minutes=30)
    return {
        "check_ins": [
            {"id": str(uuid.uuid4()), "code": code, "scanned_at": scanned.isoformat()}
            for code in codes
        ]
    }


def _sync_queries(session_id: int, token: str, codes: list[str]) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST, HTTP_AUTHORIZATION=f"Token {token}")
    url = f"/api/v1/training/sessions/{session_id}/check-in/batch/"
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, _queue(codes), content_type="application/json")
    statuses = {r["status"] for r in response.json()["results"]}
    assert statuses == {"checked_in"}, response.content
    return len(captured)


def _sync_runs(port: int, token: str, sessions: list[tuple[int, list[str]]]) -> list[tuple]:
    """Per session: (ms of the first sync, ms of the same queue sent again, checked in)."""
    timings = []
    for session_id, codes in sessions:
        path = f"/api/v1/training/sessions/{session_id}/check-in/batch/"
        body = _queue(codes)
        started = time.perf_counter()
        status, first = _post(port, path, token, body)
        first_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        _status, again = _post(port, path, token, body)
        again_ms = (time.perf_counter() - started) * 1000
        checked = [r["status"] for r in first.get("results", [])].count("checked_in")
        replayed = [r["status"] for r in again.get("results", [])].count("checked_in")
        if status != 200 or checked != len(codes) or replayed != len(codes):
            raise SystemExit(f"sync of {len(codes)} went wrong: {status} {checked} {replayed}")
        timings.append((first_ms, again_ms, checked))
    return timings


def _queries_per_check_in(session_id: int, token: str, code: str) -> tuple[int, int]:
    """Queries of one first check-in and one repeat, on the same view, counted in-process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST, HTTP_AUTHORIZATION=f"Token {token}")
    url = f"/api/v1/training/sessions/{session_id}/check-in/"
    counts = []
    for expected in ("checked_in", "already_checked_in"):
        with CaptureQueriesContext(connection) as captured:
            response = client.post(url, {"code": code}, content_type="application/json")
        assert response.json()["status"] == expected, response.content
        counts.append(len(captured))
    return counts[0], counts[1]


def _start_server(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, SERVER_ENV: "1", "DEBUG": "false", "LOG_LEVEL": "WARNING"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.checkin:application",
        "--chdir",
        str(ROOT),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--backlog",
        "256",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, start_new_session=True)
    SERVER_GROUP[:] = [server.pid]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = _post(port, "/bench/bare-django/", None, {})
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    _stop_server(server)
    raise SystemExit("gunicorn did not answer within 30 s")


def _stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def _post(port: int, path: str, token: str | None, body: dict) -> tuple[int, dict]:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    try:
        connection.request("POST", path, body=json.dumps(body), headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def _cpu_seconds(server_group: int | None) -> dict[str, float]:
    """CPU time used so far by this process (the clients), the server's process group (gunicorn
    and its workers) and PostgreSQL's processes, from ``/proc``: where a request's cost goes."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"clients": sum(os.times()[:2]), "server": 0.0, "postgres": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        if server_group is not None and int(fields[2]) == server_group:
            used["server"] += seconds
        elif name.startswith("postgres"):
            used["postgres"] += seconds
    return used


SERVER_GROUP: list[int] = []  # the running gunicorn's process group, for ``_cpu_seconds``


def _run(port: int, clients: int, jobs: list[tuple[str, str | None, dict]]) -> dict:
    """Send every job once, ``clients`` at a time; latency per request in milliseconds, and the
    CPU milliseconds per request of the clients, the server and PostgreSQL."""
    work: queue.Queue = queue.Queue()
    for job in jobs:
        work.put(job)
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + DEADLINE_SECONDS

    def client():
        while time.monotonic() < deadline:
            try:
                path, token, body = work.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                status, data = _post(port, path, token, body)
                outcome = data.get("status", str(status)) if status < 500 else f"http {status}"
            except OSError as exc:
                outcome = f"error {type(exc).__name__}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1

    group = SERVER_GROUP[0] if SERVER_GROUP else None
    cpu_before = _cpu_seconds(group)
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE_SECONDS + REQUEST_TIMEOUT)
    wall = time.perf_counter() - started
    cpu_after = _cpu_seconds(group)
    cpu = {k: (cpu_after[k] - cpu_before[k]) * 1000 / max(1, len(jobs)) for k in cpu_before}
    return {"latencies": latencies, "outcomes": outcomes, "wall": wall, "cpu": cpu}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _line(label: str, result: dict) -> str:
    values = result["latencies"]
    return (
        f"{label:<34} n={len(values):>5}  p50={_percentile(values, 0.50):7.1f} ms  "
        f"p95={_percentile(values, 0.95):7.1f} ms  p99={_percentile(values, 0.99):7.1f} ms  "
        f"mean={statistics.fmean(values):7.1f} ms  {len(values) / result['wall']:6.0f} req/s  "
        f"{dict(sorted(result['outcomes'].items()))}\n{'':<34} CPU per request: "
        + ", ".join(f"{k} {v:.2f} ms" for k, v in result["cpu"].items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--repeats", type=int, default=500, help="second scans to time")
    parser.add_argument("--queued", type=int, default=300, help="check-ins per offline sync")
    parser.add_argument("--syncs", type=int, default=5, help="offline syncs to time")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")

    _setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from apps.training.models import Registration, Session

    session_id, token, codes = _prepare(args.registrations)
    probe, codes = codes[-1], codes[:-1]
    first_queries, repeat_queries = _queries_per_check_in(session_id, token, probe)
    user = get_user_model().objects.get(username=BENCH_USERNAME)
    kecamatan = Session.objects.get(pk=session_id).kecamatan
    queued = [
        make_session(user, kecamatan, args.queued, f"{BENCH_TITLE} sync {i}")
        for i in range(args.syncs + 1)
    ]
    sync_queries = _sync_queries(queued[0][0], token, queued[0][1])
    connection.close()

    server = _start_server(args.port, args.workers)
    try:
        check_in = f"/api/v1/training/sessions/{session_id}/check-in/"
        warmup = [("/bench/bare-api/", token, {})] * (args.workers * 20)
        _run(args.port, args.clients, warmup)
        bare_django = _run(
            args.port, args.clients, [("/bench/bare-django/", None, {})] * len(codes)
        )
        bare_api = _run(args.port, args.clients, [("/bench/bare-api/", token, {})] * len(codes))
        first = _run(args.port, args.clients, [(check_in, token, {"code": c}) for c in codes])
        again = _run(
            args.port,
            args.clients,
            [(check_in, token, {"code": c}) for c in codes[: args.repeats]],
        )
        syncs = _sync_runs(args.port, token, queued[1:])
    finally:
        _stop_server(server)

    present = Registration.objects.filter(session_id=session_id, attended_at__isnull=False).count()
    print(
        f"Session of {len(codes) + 1} registrations; {args.clients} concurrent clients; "
        f"gunicorn {args.workers} sync workers on {HOST}:{args.port}; "
        f"{connection.vendor} {connection.settings_dict['NAME']}; {os.cpu_count()} CPU, "
        f"load average {os.getloadavg()[0]:.1f} (clients and server share the machine)"
    )
    print(_line("bare Django view", bare_django))
    print(_line("bare DRF view (token auth)", bare_api))
    print(_line("check-in, first scan", first))
    print(_line("check-in, second scan (already)", again))
    ratio = _percentile(first["latencies"], 0.5) / _percentile(bare_api["latencies"], 0.5)
    ratio95 = _percentile(first["latencies"], 0.95) / _percentile(bare_api["latencies"], 0.95)
    print(f"check-in / bare DRF view: p50 x{ratio:.2f}, p95 x{ratio95:.2f}")
    print(f"queries per check-in: first {first_queries}, repeat {repeat_queries}")
    print(f"present after the run: {present} of {len(codes) + 1} (1 is the query-count probe)")
    firsts, agains = [t[0] for t in syncs], [t[1] for t in syncs]
    print(
        f"offline sync of {args.queued} queued check-ins, {len(syncs)} sessions: "
        f"first {statistics.median(firsts):.0f} ms median (max {max(firsts):.0f} ms), "
        f"sent again {statistics.median(agains):.0f} ms median (max {max(agains):.0f} ms); "
        f"{sync_queries} queries for one sync of {args.queued}"
    )
    if first["outcomes"].get("checked_in") != len(codes) or present != len(codes) + 1:
        raise SystemExit("not every participant was checked in exactly once")


if __name__ == "__main__":
    main()
