"""Benchmark of the personnel registry import on PostgreSQL (a script that prints figures).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral .venv/bin/python bench/import_personnel.py [--rows N]

Works in a scratch database ``<name of DATABASE_URL's database>_bench`` (created, migrated,
seeded, and dropped at the end unless --keep-db), so the registry of DATABASE_URL is untouched.
It writes N synthetic rows (default 1,000,000) to a CSV file as BKPSDM exports it, then runs,
each in a fresh process so that peak memory is the step's own:

- the floor: a plain COPY of that file into a table with the same columns (text) and a unique
  index on NIP;
- the first import of the file (``personnel_import_create`` + ``personnel_import_run``): every
  row new;
- the second import of the same file: every row unchanged.

and prints seconds, rows per second, peak RSS and the ratio of each import to the floor.
"""

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
HEADERS = [
    "NIP",
    "Nama",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Golongan",
    "Jabatan",
    "Jenis Jabatan",
    "Unit Kerja",
    "Kecamatan",
    "Status Kepegawaian",
]


def setup_django(database_url: str, media_root: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["PRIVATE_MEDIA_ROOT"] = media_root
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- steps, each run in its own process ---


def step_prepare(args) -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    return {}


def step_generate(args) -> dict:
    """N synthetic rows, deterministic, with Unit Kerja written as name, short name or code."""
    from apps.personnel.models import Agency, Region
    from apps.personnel.seeds import synthetic_row

    agencies = list(Agency.objects.order_by("code"))
    names = {
        a.id: random.Random(a.id).choice([a.name, a.short_name or a.code, a.code]) for a in agencies
    }
    kecamatan = dict(Region.objects.filter(level="kecamatan").values_list("id", "name"))
    rng = random.Random(6402)
    sequences: dict[str, int] = {}
    pairs = [(a.id, a.kecamatan_id) for a in agencies]
    with open(args.file, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for _ in range(args.rows):
            row = synthetic_row(rng, pairs, list(kecamatan), sequences)
            writer.writerow(
                [
                    row["nip"],
                    row["name"],
                    row["sex"],
                    row["birth_date"].strftime("%d-%m-%Y"),
                    row["golongan"],
                    row["position"],
                    row["position_type"].capitalize(),
                    names[row["agency_id"]],
                    kecamatan[row["kecamatan_id"]],
                    row["employment_type"],
                ]
            )
    return {"bytes": os.path.getsize(args.file)}


def step_floor(args) -> dict:
    from django.db import connection

    columns = ", ".join(f"c{i} text" for i in range(len(HEADERS)))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy_floor")
        cursor.execute(f"CREATE TABLE bench_copy_floor ({columns})")
        cursor.execute("CREATE UNIQUE INDEX ON bench_copy_floor (c0)")
    started = time.perf_counter()
    sql = "COPY bench_copy_floor FROM STDIN WITH (FORMAT csv, HEADER true)"
    with connection.cursor() as cursor, open(args.file, "rb") as handle, cursor.copy(sql) as copy:
        while block := handle.read(1024 * 1024):
            copy.write(block)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_copy_floor")
    return {"seconds": seconds}


def step_import(args) -> dict:
    from apps.personnel.services import personnel_import_create, personnel_import_run

    started = time.perf_counter()
    with open(args.file, "rb") as handle:
        created = personnel_import_create(
            file=handle, filename="bench.csv", strict=False, actor=None
        )
    done = personnel_import_run(import_id=created.pk)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "state": done.state,
        "counts": [done.created, done.updated, done.unchanged, done.rejected],
    }


def step_baseline(args) -> dict:
    return {}


STEPS = {
    "prepare": step_prepare,
    "generate": step_generate,
    "floor": step_floor,
    "import": step_import,
    "baseline": step_baseline,
}


def run_step(name: str, args, database_url: str, media_root: str) -> dict:
    command = [
        sys.executable,
        __file__,
        "--step",
        name,
        "--rows",
        str(args.rows),
        "--file",
        args.file,
        "--database-url",
        database_url,
        "--media-root",
        media_root,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- orchestration ---


def admin_command(database_url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(
        urlunsplit(parts._replace(path="/postgres")), autocommit=True
    ) as connection:
        connection.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep-db", action="store_true", help="leave the scratch database")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--media-root", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.step:
        setup_django(args.database_url, args.media_root)
        result = STEPS[args.step](args)
        result["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "DATABASE_URL must point at PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/netral"
        )
    parts = urlsplit(url)
    bench_db = f"{parts.path.lstrip('/')}_bench"
    bench_url = urlunsplit(parts._replace(path=f"/{bench_db}"))
    admin_command(url, f'DROP DATABASE IF EXISTS "{bench_db}"')
    admin_command(url, f'CREATE DATABASE "{bench_db}"')
    with tempfile.TemporaryDirectory(prefix="netral-bench-") as workdir:
        args.file = str(Path(workdir) / "registry.csv")
        media_root = str(Path(workdir) / "private")
        try:
            run_step("prepare", args, bench_url, media_root)
            generated = run_step("generate", args, bench_url, media_root)
            baseline = run_step("baseline", args, bench_url, media_root)
            floor = run_step("floor", args, bench_url, media_root)
            first = run_step("import", args, bench_url, media_root)
            second = run_step("import", args, bench_url, media_root)
        finally:
            if not args.keep_db:
                admin_command(url, f'DROP DATABASE IF EXISTS "{bench_db}"')
    report(args.rows, generated, baseline, floor, first, second)


def report(rows, generated, baseline, floor, first, second) -> None:
    print(f"rows: {rows:,}   file: {generated['bytes'] / 1e6:.1f} MB (CSV, UTF-8)")
    print(f"process after django.setup(): peak RSS {baseline['peak_rss_mb']:.0f} MB")
    print(
        f"floor (COPY into text table + unique NIP index): {floor['seconds']:.2f} s, "
        f"{rows / floor['seconds']:,.0f} rows/s"
    )
    for label, result, expected in (
        ("first import (all new)", first, [rows, 0, 0, 0]),
        ("second import (all unchanged)", second, [0, 0, rows, 0]),
    ):
        print(
            f"{label}: {result['seconds']:.2f} s, {rows / result['seconds']:,.0f} rows/s, "
            f"peak RSS {result['peak_rss_mb']:.0f} MB, "
            f"{result['seconds'] / floor['seconds']:.2f}x the floor"
        )
        created, updated, unchanged, rejected = result["counts"]
        print(
            f"    state {result['state']}; created {created:,}, updated {updated:,}, "
            f"unchanged {unchanged:,}, rejected {rejected:,}"
            + ("" if result["counts"] == expected else f"   <-- expected {expected}")
        )
    print(
        "second import faster than first: "
        + ("yes" if second["seconds"] < first["seconds"] else "NO")
    )


if __name__ == "__main__":
    main()
