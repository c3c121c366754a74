"""Scale-out benchmark (not a test): two web instances and two workers on one PostgreSQL and Redis.

Starts, with the production settings, two gunicorn instances (each one process with threads, as
one small machine would run), two Celery workers and — by mistake, on purpose — two Celery beats,
then drives a mixed load with Locust (headless, bounded in time): the case list, registrations
(cases drawn at random, so that two users sometimes register the same one at once), check-ins at
a session (codes drawn at random, so that people are scanned twice) and exports large enough to
become background jobs. The load runs twice for the same time with the same users: first against
one instance, then spread over both. Afterwards it checks in the database that nothing was lost
or doubled and prints the figures:

- register numbers without gaps or doubles; one ``register`` event per registered case, and as
  many as the registrations answered 200;
- check-ins: as many attendances as ``checked_in`` answers, none twice;
- notifications: one per (recipient, case, deadline, level) although both beats sent a scan at
  start-up and every minute (the claim rows of apps.notifications.watch decide);
- every export job finished by a worker;
- requests per second and latency, one instance against two.

    pip install -e ".[dev,bench]"
    .venv/bin/python bench/scale.py --database netral_scale --redis-db 11 --ports 8012,8013

The database is dropped and created again; Redis' db is flushed. Servers listen on 127.0.0.1 only.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="netral_scale")
    parser.add_argument("--redis-db", default="11")
    parser.add_argument("--ports", default="8012,8013", help="the two web instances' ports")
    parser.add_argument("--seconds", type=int, default=60, help="length of each load phase")
    parser.add_argument("--users", type=int, default=24, help="simultaneous Locust users")
    parser.add_argument("--cases", type=int, default=800, help="cases waiting to be registered")
    parser.add_argument("--overdue", type=int, default=150, help="cases past their deadline")
    parser.add_argument("--registrations", type=int, default=3000)
    return parser.parse_args()


def server_env(args, workdir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "NETRAL_DEMO_PASSWORD": secrets.token_urlsafe(12),
        "NETRAL_EXPORT_ASYNC_ROWS": "100",
        "NETRAL_DEADLINE_SCAN_MINUTES": "1",
        "LOG_LEVEL": "WARNING",
    }


def prepare_database(args, env: dict) -> None:
    subprocess.run([*PG, f"DROP DATABASE IF EXISTS {args.database}"], check=True)
    subprocess.run([*PG, f"CREATE DATABASE {args.database}"], check=True)
    subprocess.run(["redis-cli", "-n", args.redis_db, "flushdb"], check=True, capture_output=True)
    for command in (["migrate", "--noinput", "-v0"], ["seed", "--demo"]):
        subprocess.run(
            [str(BIN / "python"), "manage.py", *command],
            env=env, cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    os.environ.update(env)
    import django

    django.setup()


def make_data(args) -> dict:
    """Tokens, cases ready to register, overdue cases and a session full of registrations."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from apps.cases.models import Election
    from apps.cases.services import case_create
    from apps.core.tokens import api_token_create
    from apps.personnel.models import CivilServant, Region
    from apps.training.models import ParticipantType, Registration, Session
    from apps.training.services import new_code, normalise_name

    users = get_user_model().objects.in_bulk(
        ["demo-koordinator", "demo-camat-loajanan"], field_name="username"
    )
    coordinator, clerk = users["demo-koordinator"], users["demo-camat-loajanan"]
    election = Election.objects.get(code="pilkada-kukar-2024")
    loa_janan = Region.objects.get(code="64.02.03")
    nips = list(CivilServant.objects.values_list("nip", flat=True)[: args.cases])
    now = timezone.now()
    common = {"actor": coordinator, "election": election, "kecamatan": loa_janan}
    ready = [
        case_create(
            **common,
            kind="laporan",
            received_at=now - timedelta(hours=1),
            known_on=timezone.localdate(),
            incident_on=timezone.localdate(),
            incident_place="Balai Desa (beban uji)",
            chronology="Kasus beban uji skala.",
            reporter={"name": "Pelapor Sintetis", "nik": "6402031204900001"},
            respondents=[{"nip": nips[n % len(nips)]}],
            witnesses=[{"name": "Saksi Sintetis"}],
        ).pk
        for n in range(args.cases)
    ]
    for _ in range(args.overdue):
        case_create(
            **common,
            kind="temuan",
            received_at=now - timedelta(days=5),
            known_on=timezone.localdate() - timedelta(days=6),
            chronology="Kasus beban uji: batas keputusan lewat.",
        )
    session = Session.objects.create(
        title="Sosialisasi beban uji", kecamatan=loa_janan, venue="Aula",
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3), created_by=clerk,
    )  # fmt: skip
    rows = [
        Registration(
            session=session,
            participant_type=ParticipantType.VILLAGE_OFFICIAL,
            name=f"Peserta Beban {n:05d}",
            name_normalised=normalise_name(f"Peserta Beban {n:05d}"),
            code=new_code(),
            registered_by=clerk,
        )
        for n in range(args.registrations)
    ]
    Registration.objects.bulk_create(rows, batch_size=1000)
    return {
        "tokens": {
            "coordinator": api_token_create(user=coordinator, name="scale")[1],
            "clerk": api_token_create(user=clerk, name="scale")[1],
        },
        "cases_to_register": ready,
        "session": session.pk,
        "codes": [r.code for r in rows],
    }


class Fleet:
    """The processes of the deployment, each in its own process group, stopped at the end."""

    def __init__(self, env: dict, logs: Path):
        self.env, self.logs, self.processes = env, logs, {}

    def start(self, name: str, *command: str) -> None:
        out = (self.logs / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def start_all(self, ports: list[int]) -> None:
        celery = str(BIN / "celery")
        for n, port in enumerate(ports, start=1):
            self.start(f"web{n}", str(BIN / "gunicorn"), "config.wsgi", "--bind",
                       f"127.0.0.1:{port}", "--workers", "1", "--threads", "4",
                       "--worker-class", "gthread", "--timeout", "60",
                       # Behind a proxy connections are kept open; gunicorn's default of 2 s
                       # closes them under a client that alternates between instances.
                       "--keep-alive", "30",
                       "--control-socket", str(self.logs / f"web{n}.ctl"))  # fmt: skip
            self.start(f"worker{n}", celery, "-A", "config", "worker", "--loglevel=WARNING",
                       "--concurrency=2", f"--hostname=worker{n}@%h")  # fmt: skip
            self.start(f"beat{n}", celery, "-A", "config", "beat", "--loglevel=INFO",
                       "--schedule", str(self.logs / f"beat{n}-schedule"))  # fmt: skip

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_healthy(port: int, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
            )
            if urllib.request.urlopen(request, timeout=5).status == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"the instance on port {port} did not become healthy")


def run_load(args, state: dict, hosts: list[str], out: Path, name: str) -> dict:
    from apps.cases.models import Case

    state = {
        **state,
        "hosts": hosts,
        "cases_to_register": list(
            Case.objects.filter(pk__in=state["cases_to_register"], status="received")
            .values_list("pk", flat=True)
        ),
    }  # fmt: skip
    (out / f"{name}-state.json").write_text(json.dumps(state))
    env = {
        **os.environ,
        "SCALE_STATE": str(out / f"{name}-state.json"),
        "SCALE_OUTCOMES": str(out / f"{name}-outcomes.json"),
    }
    subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "bench/scale_locustfile.py"), "--headless",
         "--users", str(args.users), "--spawn-rate", str(args.users),
         "--run-time", f"{args.seconds}s", "--stop-timeout", "10", "--csv", str(out / name),
         "--only-summary", "--loglevel", "WARNING"],
        env=env, cwd=ROOT, check=False, timeout=args.seconds + 120,
        stdout=(out / f"{name}-locust.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    with (out / f"{name}_stats.csv").open() as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    return {"rows": rows, "outcomes": json.loads((out / f"{name}-outcomes.json").read_text())}


def wait_for_jobs(seconds: int = 180) -> None:
    from apps.core.models import ExportJob

    deadline = time.monotonic() + seconds
    while ExportJob.objects.filter(status__in=["pending", "running"]).exists():
        if time.monotonic() > deadline:
            return
        time.sleep(2)


def scans_sent(logs: Path) -> dict[str, int]:
    """How many deadline scans each beat sent (its start-up scan is not logged by beat)."""
    return {
        path.stem: path.read_text().count("Sending due task deadline-scan") + 1
        for path in sorted(logs.glob("beat*.log"))
    }


def line(name: str, row: dict) -> str:
    return (
        f"  {name:<14} {int(row['Request Count']):>6} req  {float(row['Requests/s']):>6.1f}/s  "
        f"p50 {row['50%']:>5} ms  p95 {row['95%']:>5} ms  failures {row['Failure Count']}"
    )


def report(phases: dict, checks: list[tuple[str, str, list[str]]], scans: dict) -> int:
    print("\nThroughput (Locust, same users and duration; requests per second over the phase):")
    for name, phase in phases.items():
        print(f" {name}:")
        for label in ("case list", "register", "check-in", "export (job)", "Aggregated"):
            if label in phase["rows"]:
                print(line(label, phase["rows"][label]))
        print(f"  outcomes: {phase['outcomes']}")
    one, two = (float(p["rows"]["Aggregated"]["Requests/s"]) for p in phases.values())
    print(f" two instances / one instance: {two / one:.2f}x")
    print(f"\nBeats started: {len(scans)}; deadline scans sent per beat: {scans}")
    print("\nConsistency:")
    failed = 0
    for label, figure, problems in checks:
        print(f"  {'ok  ' if not problems else 'FAIL'} {label}: {figure}")
        for problem in problems:
            print(f"       {problem}")
        failed += bool(problems)
    return 1 if failed else 0


def main() -> int:
    args = parse_args()
    ports = [int(p) for p in args.ports.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="netral-scale-"))
    logs = workdir / "logs"
    logs.mkdir()
    env = server_env(args, workdir)
    print(f"preparing {args.database} (migrate, seed --demo, bench data); logs in {logs}")
    prepare_database(args, env)
    state = make_data(args)
    fleet = Fleet(env, logs)
    try:
        fleet.start_all(ports)
        for port in ports:
            wait_healthy(port)
        hosts = [f"http://127.0.0.1:{port}" for port in ports]
        phases = {}
        for name, targets in (("one instance", hosts[:1]), ("two instances", hosts)):
            print(f"load: {args.users} users for {args.seconds} s on {', '.join(targets)}")
            phases[name] = run_load(args, state, targets, workdir, name.replace(" ", "-"))
        wait_for_jobs()
        time.sleep(65)  # one more minute: both beats send a scan again, after the load
    finally:
        fleet.stop_all()
    return report(phases, consistency(state, phases), scans_sent(logs))


def consistency(state: dict, phases: dict) -> list[tuple[str, str, list[str]]]:
    from bench import scale_checks

    def total(key: str) -> int:
        return sum(phase["outcomes"].get(key, 0) for phase in phases.values())

    numbered, number_problems = scale_checks.register_numbers()
    registered, transition_problems = scale_checks.transitions(
        state["cases_to_register"], total("register_ok")
    )
    present, check_in_problems = scale_checks.check_ins(state["session"], total("checked_in"))
    notes, claims, note_problems = scale_checks.notifications()
    jobs, job_problems = scale_checks.export_jobs(total("export_jobs"))
    return [
        ("register numbers gap-free", f"{numbered} numbered cases", number_problems),
        (
            "one event per registration",
            f"{registered} registered, {total('register_conflict')} answered 409 (raced)",
            transition_problems,
        ),
        (
            "one attendance per person",
            f"{present} present, {total('already_checked_in')} repeated scans",
            check_in_problems,
        ),
        (
            "one notification per deadline",
            f"{notes} deadline notifications, {claims} claims",
            note_problems,
        ),
        ("export jobs done by the workers", f"{jobs} done", job_problems),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
