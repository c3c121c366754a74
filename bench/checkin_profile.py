"""Where a check-in's server time goes (not a test): cProfile over a few hundred check-ins sent
in-process through Django's WSGI handler (every middleware, token authentication, the view), on
the PostgreSQL database of ``bench/checkin.py``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral_bench \\
        .venv/bin/python bench/checkin_profile.py [--requests 300] [--top 25]

Prints the time per request of a bare DRF view, a first scan and a repeat scan (without the
profiler, best of three rounds), then the profile of the first scans: the top entries by
cumulative and by own time. No server and no client threads: only the server's side is measured.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _handler(token: str):
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()

    def post(path: str, body: dict) -> bytes:
        raw = json.dumps(body).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(raw)),
            "HTTP_AUTHORIZATION": f"Token {token}",
            "wsgi.input": io.BytesIO(raw),
            "wsgi.url_scheme": "http",
        }
        response = handler(environ, lambda status, headers: None)
        try:
            return b"".join(response)
        finally:
            response.close()

    return post


def _per_request(post, jobs: list[tuple[str, dict]]) -> tuple[float, float]:
    """Milliseconds per request: wall time, and this process's CPU time (the server's own work,
    without the time spent waiting for PostgreSQL)."""
    started, cpu = time.perf_counter(), time.process_time()
    for path, body in jobs:
        post(path, body)
    n = len(jobs)
    return (time.perf_counter() - started) / n * 1000, (time.process_time() - cpu) / n * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")
    # As the bench's gunicorn does: the bench's URLs (with the bare view), DEBUG off.
    os.environ.update({"NETRAL_BENCH_SERVER": "1", "DEBUG": "false"})
    sys.path.insert(0, str(ROOT))
    from bench import checkin

    n = args.requests
    session_id, token, codes = checkin._prepare(7 * n)
    post = _handler(token)
    url = f"/api/v1/training/sessions/{session_id}/check-in/"
    post(url, {"code": codes.pop()})  # warm up: imports, connection, caches
    bare, first, repeat = [], [], []
    for _round in range(3):
        bare.append(_per_request(post, [("/bench/bare-api/", {})] * n))
        scanned, codes = codes[:n], codes[n:]
        first.append(_per_request(post, [(url, {"code": c}) for c in scanned]))
        repeat.append(_per_request(post, [(url, {"code": c}) for c in scanned]))
    print(
        f"in-process, best of 3 rounds of {n}, wall / CPU per request: "
        + ", ".join(
            f"{label} {min(t[0] for t in runs):.2f} / {min(t[1] for t in runs):.2f} ms"
            for label, runs in (("bare DRF view", bare), ("first scan", first), ("repeat", repeat))
        )
    )
    profile = cProfile.Profile()
    profile.enable()
    for code in codes[:n]:
        post(url, {"code": code})
    profile.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
