"""Benchmark of the public endpoints on gunicorn + PostgreSQL under 50 concurrent clients.

    .venv/bin/python bench/public.py [--database netral_public] [--redis-db 6] [--port 8600]
        [--cases 3000] [--clients 50] [--seconds 20] [--workers 2] [--threads 4]

Recreates the database (migrations, reference data, then ``--cases`` cases written with
``bulk_create``: tracking codes, one PIN hash shared by all so that seeding does not spend
minutes hashing, events, respondents with agencies, violation forms, forwardings and PPK
decisions), starts gunicorn with the production settings and the cache on Redis, and then:

1. ``GET /api/v1/public/statistics/`` from ``--clients`` threads for ``--seconds`` seconds;
2. ``POST /api/v1/public/track/`` likewise, three right code+PIN for one wrong PIN;

printing, for each, requests, throughput, median and p95 latency and the status codes. The
throttle rates are raised for the run (every client comes from 127.0.0.1). Finally, in-process
on the same database and Redis cache, the queries of one statistics request, cold (cache
emptied) and warm. A benchmark, not a test: it asserts nothing.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
PIN = "246810"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="netral_public")
    parser.add_argument("--redis-db", default="6")
    parser.add_argument("--port", type=int, default=8600)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    return parser.parse_args()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def server_env(args) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "CACHE_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "NETRAL_TRACK_RATE_CLIENT": "1000000/m",
        "NETRAL_TRACK_RATE_CODE": "1000000/m",
        "LOG_LEVEL": "WARNING",
    }


def prepare(args, env) -> list[str]:
    subprocess.run([*PG, f"DROP DATABASE IF EXISTS {args.database}"], check=True)
    subprocess.run([*PG, f"CREATE DATABASE {args.database}"], check=True)
    subprocess.run(["redis-cli", "-n", args.redis_db, "flushdb"], check=True, capture_output=True)
    for command in (["migrate", "--noinput", "-v0"], ["seed"]):
        subprocess.run(
            [str(BIN / "python"), "manage.py", *command],
            env=env, cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return seed_cases(args.cases)


def seed_cases(count: int) -> list[str]:
    """``count`` cases across states, kecamatan, forms and agencies; returns their codes."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from apps.cases import tracking
    from apps.cases.models import (
        Case,
        CaseEvent,
        Election,
        FollowUp,
        Respondent,
        Sanction,
        SanctionType,
        ViolationForm,
    )
    from apps.personnel.models import Agency, Region

    rng = random.Random(2020)
    user, _ = get_user_model().objects.get_or_create(username="bench-public")
    elections = list(Election.objects.all())
    kecamatan = list(Region.objects.filter(level="kecamatan"))
    forms = list(ViolationForm.objects.all())
    agencies = list(Agency.objects.all())
    sanctions = list(SanctionType.objects.exclude(code="none"))
    pin_hash = tracking.hash_pin(PIN)
    states = ["received", "registered", "review", "forwarded", "closed", "not_registered"]
    start = datetime(2024, 9, 25, tzinfo=UTC)
    log(f"seeding {count} cases")
    with transaction.atomic():
        cases = []
        for n in range(count):
            status = rng.choice(states)
            received = start + timedelta(minutes=rng.randrange(60 * 24 * 90))
            registered = status not in ("received", "not_registered")
            cases.append(
                Case(
                    kind="laporan",
                    election=rng.choice(elections),
                    status=status,
                    received_at=received,
                    known_on=received.date(),
                    kecamatan=rng.choice(kecamatan),
                    registered_at=received + timedelta(hours=5) if registered else None,
                    number=f"{n + 1:05d}/Reg/LP/PB/Kab/64.02/XI/2024" if registered else None,
                    decided_at=received + timedelta(hours=5) if not registered else None,
                    reason_code="formal" if status == "not_registered" else "",
                    tracking_code=tracking.new_code(),
                    tracking_pin=pin_hash,
                )
            )
        cases = Case.objects.bulk_create(cases)
        events, respondents, links = [], [], []
        through = Case.violation_forms.through
        for case in cases:
            events.append(
                CaseEvent(case=case, action="create", to_status="received", at=case.received_at)
            )
            if case.status != "received":
                events.append(
                    CaseEvent(
                        case=case,
                        action="decide",
                        from_status="received",
                        to_status=case.status,
                        at=case.received_at + timedelta(hours=5),
                    )
                )
            agency = rng.choice(agencies)
            respondents.append(
                Respondent(case=case, name="ASN Sintetis", agency=agency, agency_name=agency.name)
            )
            links.append(through(case_id=case.pk, violationform_id=rng.choice(forms).pk))
        CaseEvent.objects.bulk_create(events)
        respondents = Respondent.objects.bulk_create(respondents)
        through.objects.bulk_create(links)
        decided = [r for r in respondents if r.case.status == "closed"]
        FollowUp.objects.bulk_create(
            FollowUp(respondent=r, outcome="sanctioned", recorded_by=user) for r in decided
        )
        Sanction.objects.bulk_create(
            Sanction(
                respondent=r,
                sanction_type=rng.choice(sanctions),
                decree_number="800/BKPSDM/2024",
                decree_date=datetime(2024, 12, 1).date(),
                recorded_by=user,
            )
            for r in decided
        )
    return [case.tracking_code for case in cases]


def start_server(args, env):
    log_path = Path(f"/tmp/bench-public-gunicorn-{args.port}.log")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers), "--threads", str(args.threads),
         "--worker-class", "gthread", "--timeout", "60", "--keep-alive", "30"],
        cwd=ROOT, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            conn.request("GET", "/api/v1/public/notices/", headers=HEADERS)
            if conn.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    process.terminate()
    sys.exit(f"gunicorn did not start; see {log_path}")


HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def load(args, make_request) -> dict:
    """``--clients`` threads, each on its own keep-alive connection, for ``--seconds``."""
    latencies, statuses, lock = [], Counter(), threading.Lock()
    deadline = time.perf_counter() + args.seconds

    def client(n: int) -> None:
        rng = random.Random(n)
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
        mine, codes = [], Counter()
        while time.perf_counter() < deadline:
            method, path, body = make_request(rng)
            headers = dict(HEADERS)
            if body is not None:
                headers["Content-Type"] = "application/json"
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                codes[response.status] += 1
            except (OSError, http.client.HTTPException):
                codes["error"] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            statuses.update(codes)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000 if latencies else 0,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0,
        "statuses": dict(statuses),
    }


def queries_per_statistics_request() -> tuple[int, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get("/api/v1/public/statistics/").status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get("/api/v1/public/statistics/").status_code == 200
    return len(cold), len(warm)


def main() -> None:
    args = parse_args()
    env = server_env(args)
    codes = prepare(args, env)
    server = start_server(args, env)
    try:
        log(f"gunicorn: {args.workers} workers × {args.threads} threads on :{args.port}")

        def stats_request(rng):
            return "GET", "/api/v1/public/statistics/", None

        def track_request(rng):
            pin = PIN if rng.random() < 0.75 else "000000"
            return (
                "POST",
                "/api/v1/public/track/",
                json.dumps({"code": rng.choice(codes), "pin": pin}),
            )

        results = {
            "statistics": load(args, stats_request),
            "track": load(args, track_request),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    cold, warm = queries_per_statistics_request()
    print()
    print(f"{args.cases} cases, {args.clients} concurrent clients, {args.seconds:.0f} s each")
    for name, r in results.items():
        print(
            f"{name:<11} {r['requests']:>6} requests  {r['per_second']:7.1f}/s  "
            f"median {r['median_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  {r['statuses']}"
        )
    print(f"statistics queries per request: cold cache {cold}, warm cache {warm}")


if __name__ == "__main__":
    main()
