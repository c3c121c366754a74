"""Benchmark of the deadline watch (a script that prints figures, not a test).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral .venv/bin/python bench/deadline_scan.py [--cases N]

Works in a scratch database ``<DATABASE_URL's database>_scanbench`` (created, migrated, seeded,
dropped at the end), so DATABASE_URL's own data is untouched. It creates N open cases whose
decision deadline is due soon, each with one of 20 investigators assigned, plus 3 coordinators,
then times (Celery eager, e-mail to memory, so each notification's e-mail is included):

- the first scan: every deadline claimed and notified;
- a second scan right after: nothing left to notify (the cost of a scan every 15 minutes);
- the daily digest.

With ``--in-app-only`` no e-mail copies are made: the figures are then the watch's own, as they
are with a real worker, where each e-mail is a separate task.
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def scratch_url(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_scanbench"
    admin = urlunsplit(parts._replace(path="/postgres"))
    return urlunsplit(parts._replace(path=f"/{name}")), name, admin


def run_sql(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_cases(count: int) -> None:
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from apps.cases.deadlines import recompute_open_cases
    from apps.cases.models import Case, Election
    from apps.core.roles import COORDINATOR, INVESTIGATOR
    from tests.factories import UserFactory

    investigators = [UserFactory(username=f"bench-inv-{i}", is_staff=True) for i in range(20)]
    for user in investigators:
        user.groups.add(Group.objects.get(name=INVESTIGATOR))
    for i in range(3):
        UserFactory(username=f"bench-koor-{i}", is_staff=True).groups.add(
            Group.objects.get(name=COORDINATOR)
        )
    election = Election.objects.get(code="pilkada-kukar-2024")
    received = timezone.now() - timedelta(days=3)
    cases = Case.objects.bulk_create(
        Case(
            kind=Case.Kind.FINDING,
            election=election,
            status=Case.Status.REGISTERED,
            received_at=received,
            registered_at=received,
            known_on=timezone.localdate(received),
        )
        for _ in range(count)
    )
    through = Case.assigned_investigators.through
    through.objects.bulk_create(
        through(case_id=case.pk, user_id=investigators[i % 20].pk) for i, case in enumerate(cases)
    )
    recompute_open_cases()


def timed(label: str, func):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - started
    print(f"{label:<32} {seconds:8.2f} s  {len(queries):7d} queries  {result}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--in-app-only", action="store_true", help="no e-mail deliveries")
    args = parser.parse_args()
    if args.in_app_only:
        os.environ["NETRAL_NOTIFICATION_CHANNELS"] = ""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    url, name, admin = scratch_url(url)
    run_sql(admin, f'DROP DATABASE IF EXISTS "{name}"')
    run_sql(admin, f'CREATE DATABASE "{name}"')
    try:
        setup_django(url)
        from django.core import mail
        from django.core.management import call_command

        from apps.notifications.models import Notification
        from apps.notifications.watch import daily_digest, deadline_scan

        call_command("migrate", verbosity=0)
        call_command("seed", verbosity=0)
        make_cases(args.cases)
        mail.outbox = []
        print(f"{args.cases} open cases, decision due soon; 20 investigators, 3 coordinators")
        timed("first scan (all new)", lambda: deadline_scan().as_dict())
        timed("second scan (nothing new)", lambda: deadline_scan().as_dict())
        timed("daily digest", daily_digest)
        print(f"notifications: {Notification.objects.count()}, e-mails: {len(mail.outbox)}")
        from django.db import connections

        connections.close_all()
    finally:
        run_sql(admin, f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
