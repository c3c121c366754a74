"""Benchmark of the personnel registry import on PostgreSQL (a script that prints figures).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral .venv/bin/python bench/import_personnel.py [--rows N]

Works in a scratch database ``<name of DATABASE_URL's database>_bench`` (created, migrated,
seeded, and dropped at the end unless --keep-db), so the registry of DATABASE_URL is untouched.
It writes N synthetic rows (default 1,000,000) to a CSV file as BKPSDM exports it, then runs,
each in a fresh process so that peak memory is the step's own:

- the floor: a plain COPY of that file into a table with the same columns (text) and a unique
  index on NIP;
- for reference, a COPY of the same rows as the checks turn them into registry values into a
  new table defined like the registry (same columns, six indexes, two foreign keys): what
  merely storing the rows in the registry costs, with nothing checked or compared;
- for reference, reading and checking every row in Python with nothing written: the import's
  own Python part; with the previous step it gives a lower bound for any import on this
  machine, (checking CPU + storing CPU) / cores;
- the first import of the file (``personnel_import_create`` + ``personnel_import_run``): every
  row new;
- the second import of the same file: every row unchanged.

and prints seconds, rows per second, peak RSS and the ratio of each import to the floor (and
to that reference).
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


class Clock:
    """Wall time, this process's CPU time and, when the server runs on this machine, the CPU
    time of the PostgreSQL backend serving this connection (read from /proc): on a machine
    shared with other work the CPU seconds are steadier than the wall clock."""

    def __enter__(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
        self.started = (time.perf_counter(), self.own_cpu(), self.server_cpu())
        return self

    def __exit__(self, *exc):
        ended = (time.perf_counter(), self.own_cpu(), self.server_cpu())
        self.seconds, self.cpu, self.server = (
            (b - a) if a is not None and b is not None else None
            for a, b in zip(self.started, ended, strict=True)
        )

    def figures(self) -> dict:
        return {"seconds": self.seconds, "cpu": self.cpu, "server_cpu": self.server}

    @staticmethod
    def own_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def server_cpu(self) -> float | None:
        try:
            fields = self.stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- steps, each run in its own process ---


def step_prepare(args) -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    return {}


def step_generate(args) -> dict:
    """N synthetic rows, deterministic, with Unit Kerja written as name, short name or code."""
    from apps.personnel.importer import FIELDS
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
    with (
        open(args.file, "w", encoding="utf-8", newline="") as handle,
        open(registry_rows_file(args), "w", encoding="utf-8", newline="") as checked,
    ):
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        registry_rows = csv.writer(checked)
        for _ in range(args.rows):
            row = synthetic_row(rng, pairs, list(kecamatan), sequences)
            registry_rows.writerow([row[name] for name in FIELDS])
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


def registry_rows_file(args) -> str:
    return f"{args.file}.registry.csv"


def step_registry_copy(args) -> dict:
    """The same rows, as the import's checks make them, COPYed into a new table defined like the
    registry (its columns, indexes and foreign keys), commit included (the key checks run at
    commit): what merely storing the file in the registry costs, before checking or upserting."""
    from django.db import connection, transaction

    from apps.personnel.importer import FIELDS  # the registry's columns the import writes
    from apps.personnel.models import CivilServant

    registry = CivilServant._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_registry_copy")
        cursor.execute(f"CREATE TABLE bench_registry_copy (LIKE {registry} INCLUDING ALL)")
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [registry],
        )
        for (definition,) in cursor.fetchall():
            cursor.execute(f"ALTER TABLE bench_registry_copy ADD {definition}")
        for column, default in (
            ("is_active", "true"),
            ("created_at", "now()"),
            ("updated_at", "now()"),
        ):
            cursor.execute(f"ALTER TABLE bench_registry_copy ALTER {column} SET DEFAULT {default}")
    sql = f"COPY bench_registry_copy ({', '.join(FIELDS)}) FROM STDIN WITH (FORMAT csv)"
    with (
        Clock() as clock,
        transaction.atomic(),
        connection.cursor() as cursor,
        open(registry_rows_file(args), "rb") as handle,
        cursor.copy(sql) as copy,
    ):
        while block := handle.read(1024 * 1024):
            copy.write(block)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_registry_copy")
    return clock.figures()


def step_checks(args) -> dict:
    """The import's Python part alone: read the file and check every row as the import does,
    with nothing written anywhere: what any import that checks each row costs on this side."""
    from apps.personnel.importer import RegistryFile, RowChecker

    valid = 0
    with Clock() as clock, open(args.file, "rb") as handle:
        source = RegistryFile(handle, "bench.csv")
        checker = RowChecker(source.positions)
        for _row_number, cells in source.records():
            if not checker.is_blank(cells):
                valid += checker.check(cells)[1] is not None
    return {**clock.figures(), "valid": valid}


def step_floor(args) -> dict:
    from django.db import connection

    columns = ", ".join(f"c{i} text" for i in range(len(HEADERS)))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy_floor")
        cursor.execute(f"CREATE TABLE bench_copy_floor ({columns})")
        cursor.execute("CREATE UNIQUE INDEX ON bench_copy_floor (c0)")
    sql = "COPY bench_copy_floor FROM STDIN WITH (FORMAT csv, HEADER true)"
    with (
        Clock() as clock,
        connection.cursor() as cursor,
        open(args.file, "rb") as handle,
        cursor.copy(sql) as copy,
    ):
        while block := handle.read(1024 * 1024):
            copy.write(block)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_copy_floor")
    return clock.figures()


def step_import(args) -> dict:
    from apps.personnel.services import personnel_import_create, personnel_import_run

    with Clock() as clock:
        with open(args.file, "rb") as handle:
            created = personnel_import_create(
                file=handle, filename="bench.csv", strict=False, actor=None
            )
        done = personnel_import_run(import_id=created.pk)
    return {
        **clock.figures(),
        "state": done.state,
        "counts": [done.created, done.updated, done.unchanged, done.rejected],
    }


def step_baseline(args) -> dict:
    return {}


STEPS = {
    "prepare": step_prepare,
    "generate": step_generate,
    "floor": step_floor,
    "registry_copy": step_registry_copy,
    "checks": step_checks,
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
            registry_copy = run_step("registry_copy", args, bench_url, media_root)
            checks = run_step("checks", args, bench_url, media_root)
            first = run_step("import", args, bench_url, media_root)
            second = run_step("import", args, bench_url, media_root)
        finally:
            if not args.keep_db:
                admin_command(url, f'DROP DATABASE IF EXISTS "{bench_db}"')
    report(args.rows, generated, baseline, floor, registry_copy, checks, first, second)


def cpu(result) -> str:
    server = result["server_cpu"]
    return f"CPU: client {result['cpu']:.2f} s" + (
        f" + server {server:.2f} s" if server is not None else " (server CPU not readable)"
    )


def cpu_ratio(result, floor) -> str:
    if result["server_cpu"] is None or floor["server_cpu"] is None:
        return ""
    total = result["cpu"] + result["server_cpu"]
    return f", {total / (floor['cpu'] + floor['server_cpu']):.2f}x the floor's CPU"


def report(rows, generated, baseline, floor, registry_copy, checks, first, second) -> None:
    print(f"rows: {rows:,}   file: {generated['bytes'] / 1e6:.1f} MB (CSV, UTF-8)")
    print(f"process after django.setup(): peak RSS {baseline['peak_rss_mb']:.0f} MB")
    print(
        f"floor (COPY into text table + unique NIP index): {floor['seconds']:.2f} s, "
        f"{rows / floor['seconds']:,.0f} rows/s"
    )
    print(f"    {cpu(floor)}")
    print(
        "for reference, COPY of the checked rows into a new table defined like the registry "
        f"(6 indexes, one of them partial, 2 foreign keys): {registry_copy['seconds']:.2f} s, "
        f"{registry_copy['seconds'] / floor['seconds']:.2f}x the floor"
    )
    print(f"    {cpu(registry_copy)}")
    print(
        "for reference, reading and checking every row in Python with nothing written: "
        f"{checks['seconds']:.2f} s, {checks['seconds'] / floor['seconds']:.2f}x the floor "
        f"({checks['valid']:,} rows valid)"
    )
    print(f"    {cpu(checks)}")
    if registry_copy["server_cpu"] is not None:
        # An import does at least both: check each row (client) and store it (server). However
        # well the two overlap, they share this machine's cores.
        cores = len(os.sched_getaffinity(0))
        bound = (checks["cpu"] + registry_copy["cpu"] + registry_copy["server_cpu"]) / cores
        print(
            f"lower bound for an import on this machine ({cores} cores): (checking CPU + storing "
            f"CPU) / cores = {bound:.2f} s, {bound / floor['seconds']:.2f}x the floor"
        )
    for label, result, expected in (
        ("first import (all new)", first, [rows, 0, 0, 0]),
        ("second import (all unchanged)", second, [0, 0, rows, 0]),
    ):
        print(
            f"{label}: {result['seconds']:.2f} s, {rows / result['seconds']:,.0f} rows/s, "
            f"peak RSS {result['peak_rss_mb']:.0f} MB, "
            f"{result['seconds'] / floor['seconds']:.2f}x the floor "
            f"({result['seconds'] / registry_copy['seconds']:.2f}x the COPY into the registry's "
            "twin)"
        )
        print(f"    {cpu(result)}{cpu_ratio(result, floor)}")
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
