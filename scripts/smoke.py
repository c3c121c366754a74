#!/usr/bin/env python
"""Production smoke test: the whole system as deployed, then used as a client would.

Starts gunicorn with ``config.settings.production``, a Celery worker and Celery beat on
PostgreSQL and Redis (a fresh database and Redis db given by the environment), and then, over
HTTP only: waits for ``/healthz``, signs in at ``/login/`` as the demo coordinator, makes an API
token over the API, creates a case over the API whose decision deadline has passed, waits for the
deadline watch's notification about it, downloads a static file served by WhiteNoise, and stops
everything. Fails on any 5xx answer, and on any error or traceback in the processes' logs.

Every request carries ``X-Forwarded-Proto: https`` and ``X-Forwarded-For`` as the HTTPS proxy in
front of production would. Every wait is bounded; the processes are always stopped.

    SMOKE_DATABASE=netral_smoke SMOKE_REDIS_DB=13 SMOKE_PORT=8090 .venv/bin/python scripts/smoke.py
"""

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORT = int(os.environ.get("SMOKE_PORT", "8090"))
DATABASE = os.environ.get("SMOKE_DATABASE", "netral_smoke")
REDIS_DB = os.environ.get("SMOKE_REDIS_DB", "13")
PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc"]
CLIENT_ADDRESS = "198.51.100.23"
ERROR_LINE = re.compile(r"\b(ERROR|CRITICAL)\b|Traceback \(most recent call last\)")


class SmokeFailure(Exception):
    pass


def log(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def environment(workdir: Path) -> dict:
    password = secrets.token_urlsafe(12)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "SITE_URL": f"https://127.0.0.1:{PORT}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "NETRAL_DEMO_PASSWORD": password,
        "NETRAL_PROXY_COUNT": "1",
        "NETRAL_TRUSTED_PROXIES": "127.0.0.1",
        # A scan every minute: the case made below is seen within a minute, not fifteen.
        "NETRAL_DEADLINE_SCAN_MINUTES": "1",
        "LOG_LEVEL": "INFO",
    }


def prepare(env: dict) -> None:
    subprocess.run([*PG, f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
    subprocess.run([*PG, f"CREATE DATABASE {DATABASE}"], check=True)
    subprocess.run(["redis-cli", "-n", REDIS_DB, "flushdb"], check=True, capture_output=True)
    manage = [str(BIN / "python"), "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["seed", "--demo"],
        ["check", "--deploy", "--fail-level", "WARNING"],
    ):
        log("manage.py " + " ".join(command))
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)


class Processes:
    """The production processes, each in its own process group with its log file."""

    def __init__(self, env: dict, logs: Path):
        self.env, self.logs, self.running = env, logs, {}

    def start(self, name: str, *command: str) -> None:
        out = (self.logs / f"{name}.log").open("w")
        self.running[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log(f"{name} started (pid {self.running[name].pid})")

    def start_all(self) -> None:
        self.start(
            "gunicorn", str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORT}",
            "--workers", "2", "--timeout", "60",
            "--control-socket", str(self.logs / "gunicorn.ctl"),
            "--access-logfile", str(self.logs / "access.log"),
        )  # fmt: skip
        self.start("worker", str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO",
                   "--concurrency=2", "--hostname=smoke@%h")  # fmt: skip
        self.start("beat", str(BIN / "celery"), "-A", "config", "beat", "--loglevel=INFO",
                   "--schedule", str(self.logs / "celerybeat-schedule"))  # fmt: skip

    def check_alive(self) -> None:
        for name, process in self.running.items():
            if process.poll() is not None:
                raise SmokeFailure(f"{name} exited early with {process.returncode}")

    def stop_all(self) -> None:
        # SIGTERM to each main process only: gunicorn's master and Celery's worker stop their
        # own children (a warm shutdown finishes the running tasks).
        for process in self.running.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 30
        for name, process in self.running.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop in time: killed")
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            log(f"{name} stopped ({process.returncode})")


class Client:
    """HTTP as a browser behind the HTTPS proxy: cookies kept by hand (they are Secure)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.statuses: list[tuple[str, str, int]] = []

    def request(self, method, path, body=None, headers=None, *, ok=(200,)):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        sent = {
            "Host": f"127.0.0.1:{PORT}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": CLIENT_ADDRESS,
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            sent["Authorization"] = f"Token {self.token}"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        self.statuses.append((method, path, response.status))
        if response.status >= 500 or response.status not in ok:
            raise SmokeFailure(f"{method} {path}: {response.status} {data[:300]!r}")
        return response, data

    def json(self, method, path, payload=None, *, ok=(200,), headers=None):
        body = json.dumps(payload) if payload is not None else None
        sent = {"Content-Type": "application/json", "Accept": "application/json", **(headers or {})}
        _response, data = self.request(method, path, body, sent, ok=ok)
        return json.loads(data) if data else None


def wait_until(what: str, check, seconds: float):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise SmokeFailure(f"timed out after {seconds:.0f} s waiting for {what}")
        time.sleep(1)


def healthy(processes: Processes) -> bool:
    processes.check_alive()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
        conn.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        body = json.loads(response.read() or b"{}")
    except (OSError, ValueError):
        return False
    if response.status == 200 and body != {"status": "ok"}:
        raise SmokeFailure(f"/healthz tells an anonymous caller more than up/down: {body}")
    return response.status == 200


def sign_in(client: Client, password: str) -> None:
    client.request("GET", "/login/")
    form = urlencode(
        {
            "username": "demo-koordinator",
            "password": password,
            "csrfmiddlewaretoken": client.cookies["csrftoken"],
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"https://127.0.0.1:{PORT}/login/",
    }
    client.request("POST", "/login/", form, headers, ok=(302,))
    if "sessionid" not in client.cookies:
        raise SmokeFailure("no session after signing in")


def create_overdue_case(client: Client) -> dict:
    received = datetime.now(UTC) - timedelta(days=4)
    return client.json(
        "POST",
        "/api/v1/cases/",
        {
            "kind": "temuan",
            "election": "pilkada-kukar-2024",
            "received_at": received.isoformat(),
            "known_on": (received - timedelta(days=1)).date().isoformat(),
            "incident_place": "Uji asap produksi",
            "kecamatan": "64.02.03",
            "chronology": "Kasus uji asap: batas keputusan sudah lewat.",
        },
        ok=(201,),
    )


def notification_about(client: Client, case_id: int):
    page = client.json("GET", "/api/v1/notifications/?page_size=200")
    return next((n for n in page["results"] if n["case"] == case_id), None)


def static_file(client: Client) -> None:
    expected = (ROOT / "apps/core/static/core/netral.css").read_bytes()
    response, data = client.request("GET", "/static/core/netral.css")
    if data != expected:
        raise SmokeFailure("the static file served is not the one collected")
    if "max-age" not in (response.getheader("Cache-Control") or ""):
        raise SmokeFailure("static file without caching headers: not served by WhiteNoise?")
    response, _data = client.request(
        "GET", "/static/core/netral.css", headers={"Accept-Encoding": "gzip"}
    )
    if response.getheader("Content-Encoding") != "gzip":
        raise SmokeFailure("WhiteNoise did not serve the compressed static file")


def started(processes: Processes) -> bool:
    processes.check_alive()
    logs = {name: (processes.logs / f"{name}.log").read_text() for name in ("gunicorn", "worker")}
    return "Listening at" in logs["gunicorn"] and " ready." in logs["worker"]


def scenario(client: Client, processes: Processes, env: dict) -> None:
    # Ask /healthz only once the worker listens: before, its 503 would be a false alarm.
    wait_until("gunicorn to listen and the worker to be ready", lambda: started(processes), 90)
    wait_until("/healthz to answer 200", lambda: healthy(processes), 30)
    log("/healthz: ok for an anonymous caller, and nothing more")
    sign_in(client, env["NETRAL_DEMO_PASSWORD"])
    log("signed in at /login/ as demo-koordinator")
    made = client.json(
        "POST", "/api/v1/tokens/", {"name": "smoke", "days": 1}, ok=(201,),
        headers={"X-CSRFToken": client.cookies["csrftoken"],
                 "Referer": f"https://127.0.0.1:{PORT}/api/docs/"},
    )  # fmt: skip
    client.cookies.clear()
    client.token = made["key"]
    log("made an API token over the API; signed out, from here on token only")
    detail = client.json("GET", "/healthz")
    if detail.get("worker", {}).get("status") != "ok":
        raise SmokeFailure(f"no worker answered: {detail}")
    log(f"/healthz with the token: workers {detail['worker']['workers']}")
    case = create_overdue_case(client)
    log(f"created case #{case['id']} over the API (received 4 days ago: overdue)")
    notification = wait_until(
        "the deadline watch's notification", lambda: notification_about(client, case["id"]), 150
    )
    log(f"notification: {notification['title']}")
    static_file(client)
    log("static file served by WhiteNoise (plain and gzip)")


def errors_in_logs(logs: Path) -> list[str]:
    found = []
    for path in sorted(logs.glob("*.log")):
        for line in path.read_text(errors="replace").splitlines():
            if ERROR_LINE.search(line):
                found.append(f"{path.name}: {line}")
    access = (logs / "access.log").read_text() if (logs / "access.log").exists() else ""
    found += [f"access.log: {line}" for line in access.splitlines() if re.search(r'" 5\d\d ', line)]
    return found


def main() -> int:
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="netral-smoke-"))
    logs = workdir / "logs"
    logs.mkdir()
    env = environment(workdir)
    prepare(env)
    processes = Processes(env, logs)
    client = Client()
    failure = None
    try:
        processes.start_all()
        scenario(client, processes, env)
    except SmokeFailure as error:
        failure = str(error)
    finally:
        processes.stop_all()
    problems = errors_in_logs(logs)
    if failure or problems:
        for name in sorted(logs.glob("*.log")):
            print(f"----- {name.name} (last 40 lines)")
            print("\n".join(name.read_text(errors="replace").splitlines()[-40:]))
        log(f"FAILED: {failure or ''}")
        for line in problems[:30]:
            log(f"  {line}")
        return 1
    log(f"{len(client.statuses)} requests, none 5xx, no error in the logs")
    log(f"passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
