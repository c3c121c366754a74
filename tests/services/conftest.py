"""A real Celery worker process against Redis and the test database (PostgreSQL).

The tests here are transactional (the worker sees only committed rows) and marked ``postgres``
and ``redis``: without DATABASE_URL or REDIS_URL they are skipped with the reason. Every test
gets its own queue, so messages left in Redis by an earlier run never reach its worker.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from config.celery import app as celery_app
from tests.conftest import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60
# After a SIGKILL the unacknowledged message goes back to the queue once it is older than this.
VISIBILITY_TIMEOUT = 4


def database_url() -> str:
    s = connection.settings_dict
    credentials = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        credentials += ":" + quote(s["PASSWORD"], safe="")
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{s['NAME']}"


def wait_for(condition, timeout: float, what: str, interval: float = 0.2):
    """Poll ``condition`` until it returns something truthy; fail the test after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


class Worker:
    """``celery -A config worker`` in its own process group, on this test's queue."""

    def __init__(self, queue: str, env: dict, log_dir: Path):
        self.queue, self.env, self.log_dir = queue, env, log_dir
        self.process = None
        self.starts = 0

    @property
    def name(self) -> str:
        return f"{self.queue}-{self.starts}@netral-test"

    def start(self, concurrency: int = 1) -> "Worker":
        self.starts += 1
        log = open(self.log_dir / f"worker-{self.starts}.log", "wb")  # noqa: SIM115
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            "--loglevel=INFO", "--pool=prefork", f"--concurrency={concurrency}",
            "-Q", self.queue, "-n", self.name,
            "--without-mingle", "--without-gossip",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(self._answers, START_TIMEOUT, f"worker {self.name} to answer a ping")
        return self

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"the worker exited with {self.process.returncode}: {self.log()[-4000:]}")
        return bool(celery_app.control.ping(destination=[self.name], timeout=0.5))

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children), as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def kill_pool_process(self) -> int:
        """SIGKILL the pool process running the task (out of memory, a crash); the main stays."""
        main = self.process.pid
        children = Path(f"/proc/{main}/task/{main}/children").read_text().split()
        child = int(children[0])
        os.kill(child, signal.SIGKILL)
        return child

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        path = self.log_dir / f"worker-{self.starts}.log"
        return path.read_text(errors="replace") if path.exists() else ""


@pytest.fixture
def worker_env(transactional_db, settings, tmp_path):
    """Settings shared by this test process and its worker: database, broker, files, queue."""
    queue = f"netral-test-{uuid.uuid4().hex[:8]}"
    media = tmp_path / "private"
    media.mkdir()
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = media
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "PRIVATE_MEDIA_ROOT": str(media),
        "NETRAL_IMPORT_BATCH_SIZE": "100",
    }
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    yield env
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous


@pytest.fixture
def worker(worker_env, tmp_path):
    """A worker that is always stopped (killed if need be) when the test ends."""
    started = Worker(worker_env["CELERY_TASK_DEFAULT_QUEUE"], worker_env, tmp_path)
    try:
        yield started
    finally:
        started.stop()
