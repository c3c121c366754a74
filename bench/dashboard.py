"""Benchmark of the home and report pages at national scale on PostgreSQL (prints figures).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral_dash_bench \\
        .venv/bin/python bench/dashboard.py [--servants 1000000] [--cases 100000] \\
        [--sessions 5000] [--requests 100]

Seeds the database of DATABASE_URL unless it already holds that much: reference data and the
civil servants with ``bench/api.py``'s generator (COPY), then, with COPY too, cases of the
current schema received over the last 400 days (every state; violation forms, respondents,
assigned investigators, deadlines computed by ``apps.cases.deadlines``; forwardings, PPK
decisions with sanctions, pending objections and data blocks) and socialisation sessions with
registrations and attendance of civil servants.

Then, in-process through the whole Django stack (middleware, session), it requests each home
page (coordinator, investigator, BKPSDM) and each report page, and alternates each timed request
with a replay of the SQL behind it (every query of a second, captured request of the same page,
run with a plain cursor). The timed request runs without the query log, as in production. It prints per page the queries per request, the median and p95 of the
page and of its SQL, and the ratio of the medians. Targets: ratio ≤ 1.5, p95 < 300 ms.
A benchmark, not a test: it asserts nothing and leaves the data in place for the next run.
"""

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api  # bench/api.py: Django setup, COPY, the civil servants' generator
from api import STATUS_MIX, copy_rows, log, reset_sequence

PATHS = {
    "received": [],
    "not_registered": ["reject"],
    "registered": ["register"],
    "clarification": ["register", "clarify"],
    "review": ["register", "clarify", "review"],
    "dismissed": ["register", "clarify", "review", "dismiss"],
    "forwarded": ["register", "clarify", "review", "forward"],
    "closed": ["register", "clarify", "review", "forward", "follow_up", "close"],
}


def seed_users() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    users = {}
    for username, role in (
        ("bench-koordinator", "bawaslu_coordinator"),
        ("bench-investigator", "bawaslu_investigator"),
        ("bench-bkpsdm", "bkpsdm_officer"),
    ):
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    return users


def investigator_pool(users: dict, size: int = 300) -> list[int]:
    """The bench investigator and ``size - 1`` colleagues: each has a realistic share of the
    assigned cases (a few hundred), not all of them."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    names = [f"bench-investigator-{n:03d}" for n in range(1, size)]
    missing = set(names) - set(
        User.objects.filter(username__in=names).values_list("username", flat=True)
    )
    User.objects.bulk_create([User(username=n, is_staff=True) for n in sorted(missing)])
    colleagues = list(User.objects.filter(username__in=names).values_list("id", flat=True))
    Group.objects.get(name="bawaslu_investigator").user_set.add(*colleagues)
    return [users["bawaslu_investigator"].pk, *colleagues]


def seed_cases(count: int, users: dict) -> None:
    from django.db import connection
    from django.utils import timezone

    from apps.cases import deadlines
    from apps.cases.models import Case, Election, SanctionType, ViolationForm
    from apps.personnel.models import Agency, CivilServant, Region

    have = Case.objects.count()
    if have >= count:
        log(f"cases: {have:,} already there")
        return
    log(f"cases: writing {count - have:,} (COPY)")
    started = time.perf_counter()
    rng = random.Random(6402)
    elections = list(Election.objects.order_by("code"))
    forms = list(ViolationForm.objects.values_list("id", flat=True))
    kecamatan = list(Region.objects.filter(level="kecamatan").values_list("id", flat=True))
    sanctions = list(SanctionType.objects.exclude(code="none").values_list("id", flat=True))
    agency_names = dict(Agency.objects.values_list("id", "name"))
    top = CivilServant.objects.order_by("-id").values_list("id", flat=True).first()
    servants = list(
        CivilServant.objects.filter(
            id__in=[rng.randrange(1, top + 1) for _ in range(80_000)]
        ).values_list("id", "nip", "name", "position", "golongan", "agency_id")
    )
    coordinator, investigators = users["bawaslu_coordinator"].pk, investigator_pool(users)
    officer = users["bkpsdm_officer"].pk
    calendar = deadlines.HolidayCalendar.from_db()
    statuses = [s for s, weight in STATUS_MIX for _ in range(weight)]
    now = timezone.now()
    first = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    rid = api._next_id("cases_respondent")
    sid = api._next_id("cases_sanction")
    rows = {k: [] for k in ("case", "form", "resp", "assign", "fwd", "fu", "sanc", "obj", "blk")}
    for case_id in range(first, first + count - have):
        status = rng.choice(statuses)
        kind = "laporan" if rng.random() < 0.7 else "temuan"
        election = rng.choice(elections)
        received = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 400))
        known_on = (received - timedelta(days=rng.choice([0, 1, 2, 3, 5]))).date()
        at, times = received, {}
        for step in PATHS[status]:
            at = at + timedelta(hours=rng.randint(2, 30))
            times[step] = min(at, now)
        case = Case(
            pk=case_id,
            kind=kind,
            election=election,
            status=status,
            received_at=received,
            known_on=known_on,
            registered_at=times.get("register"),
            decided_at=times.get("reject") or times.get("dismiss") or times.get("forward"),
            forwarded_at=times.get("forward"),
            closed_at=times.get("close"),
        )
        due = deadlines.compute_due_dates(case, calendar)
        number = series = ""
        if case.registered_at:
            series = "PB"
            code = "LP" if kind == "laporan" else "TM"
            number = f"{case_id:06d}/Reg/{code}/PB/Kab/64.02/XI/{case.registered_at.year}"
        review_done = status == "review" and rng.random() < 0.5
        rows["case"].append(
            (
                case_id, kind, status, number or None, "64.02", series,
                case.registered_at.year if case.registered_at else None,
                case_id if case.registered_at else None,
                received, case.registered_at, known_on, known_on, f"Lokasi {case_id}",
                rng.choice(kecamatan), "Kronologi sintetis.",
                "Kajian sintetis selesai." if review_done else "",
                "Alasan sintetis." if status in ("not_registered", "dismissed") else "",
                "", due["reporting_due_at"], due["initial_review_due_at"],
                due["decision_due_at"], due["follow_up_due_at"], due["next_due_at"],
                case.decided_at, case.forwarded_at, case.closed_at, coordinator,
                election.pk, received, case.closed_at or case.decided_at or received,
            )
        )  # fmt: skip
        for form in rng.sample(forms, rng.choice([1, 1, 2])):
            rows["form"].append((case_id, form))
        if rng.random() < 0.6:
            rows["assign"].append((case_id, rng.choice(investigators)))
        own = []
        for _ in range(rng.choice([1, 1, 1, 2])):
            servant, nip, name, position, golongan, agency_id = rng.choice(servants)
            rows["resp"].append(
                (rid, case_id, servant, name, nip, position, golongan, agency_id,
                 agency_names[agency_id], "", "pns", "", "")
            )  # fmt: skip
            own.append(rid)
            rid += 1
        if case.forwarded_at:
            rows["fwd"].append(
                (case_id, f"{case_id}/PP.01.02/2024", case.forwarded_at.date(), "berat", "",
                 coordinator, case.forwarded_at)
            )  # fmt: skip
        for respondent in own if case.closed_at else ():
            decided = times["follow_up"]
            rows["fu"].append((respondent, "sanctioned", "", officer, decided))
            rows["sanc"].append(
                (sid, respondent, rng.choice(sanctions), f"800/{respondent}/BKPSDM",
                 decided.date(), "in_force", officer, decided)
            )  # fmt: skip
            if rng.random() < 0.05:
                rows["obj"].append((sid, "keberatan", decided.date(), "pending", "", officer, now))
            sid += 1
        if status == "forwarded" and rng.random() < 0.1:
            rows["blk"].append(
                (own[0], f"BLOKIR/{case_id}", now.date(), None, None, "", officer, now)
            )
    copy_rows(
        "cases_case",
        ["id", "kind", "status", "number", "office_code", "number_series", "number_year",
         "number_sequence", "received_at", "registered_at", "known_on", "incident_on",
         "incident_place", "kecamatan_id", "chronology", "conclusion", "closing_reason",
         "reason_code", "reporting_due_at", "initial_review_due_at", "decision_due_at",
         "follow_up_due_at", "next_due_at", "decided_at", "forwarded_at", "closed_at",
         "created_by_id", "election_id", "created_at", "updated_at"],
        rows["case"],
    )  # fmt: skip
    copy_rows("cases_case_violation_forms", ["case_id", "violationform_id"], rows["form"])
    copy_rows("cases_case_assigned_investigators", ["case_id", "user_id"], rows["assign"])
    copy_rows(
        "cases_respondent",
        ["id", "case_id", "civil_servant_id", "name", "nip", "position", "golongan",
         "agency_id", "agency_name", "bkn_severity", "employment", "recommended_severity",
         "nik"],
        rows["resp"],
    )  # fmt: skip
    copy_rows(
        "cases_forwarding",
        ["case_id", "letter_number", "letter_date", "recommended_sanction", "note",
         "forwarded_by_id", "forwarded_at"],
        rows["fwd"],
    )  # fmt: skip
    copy_rows(
        "cases_followup",
        ["respondent_id", "outcome", "reason", "recorded_by_id", "recorded_at"],
        rows["fu"],
    )
    copy_rows(
        "cases_sanction",
        ["id", "respondent_id", "sanction_type_id", "decree_number", "decree_date", "state",
         "recorded_by_id", "recorded_at"],
        rows["sanc"],
    )  # fmt: skip
    copy_rows(
        "cases_objection",
        ["sanction_id", "kind", "filed_on", "outcome", "note", "recorded_by_id", "recorded_at"],
        rows["obj"],
    )
    copy_rows(
        "cases_datablock",
        ["respondent_id", "request_letter", "requested_on", "blocked_on", "lifted_on",
         "lift_note", "recorded_by_id", "recorded_at"],
        rows["blk"],
    )  # fmt: skip
    for table in ("cases_case", "cases_respondent", "cases_forwarding", "cases_sanction"):
        reset_sequence(table)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would: index-only scans
    log(
        f"cases: {len(rows['case']):,} cases, {len(rows['resp']):,} respondents, "
        f"{len(rows['sanc']):,} sanctions in {time.perf_counter() - started:.0f} s"
    )


def seed_sessions(count: int, users: dict, per_session: int = 40) -> None:
    import secrets

    from django.db import connection
    from django.utils import timezone

    from apps.personnel.models import CivilServant, Region
    from apps.training.models import Session

    have = Session.objects.count()
    if have >= count:
        log(f"sessions: {have:,} already there")
        return
    log(f"sessions: writing {count - have:,} with {per_session} registrations each (COPY)")
    started = time.perf_counter()
    rng = random.Random(2211)
    kecamatan = list(Region.objects.filter(level="kecamatan").values_list("id", flat=True))
    top = CivilServant.objects.order_by("-id").values_list("id", flat=True).first()
    now, clerk = timezone.now(), users["bawaslu_coordinator"].pk
    first = api._next_id("training_session")
    sessions, registrations = [], []
    for session_id in range(first, first + count - have):
        starts = now - timedelta(days=rng.randrange(0, 500), hours=rng.randrange(0, 8))
        sessions.append(
            (session_id, f"Sosialisasi netralitas ASN {session_id}", starts,
             starts + timedelta(hours=3), "Aula", 100, "held", "", now, now, clerk,
             rng.choice(kecamatan))
        )  # fmt: skip
        for servant in {rng.randrange(1, top + 1) for _ in range(per_session)}:
            attended = starts + timedelta(minutes=5) if rng.random() < 0.8 else None
            registrations.append(
                ("asn", f"Peserta {servant}", f"peserta {servant}", "", "", "", "", "",
                 secrets.token_hex(6), now, attended, "qr" if attended else "", servant, clerk,
                 session_id, "")
            )  # fmt: skip
    copy_rows(
        "training_session",
        ["id", "title", "starts_at", "ends_at", "venue", "capacity", "status", "description",
         "created_at", "updated_at", "created_by_id", "kecamatan_id"],
        sessions,
    )  # fmt: skip
    copy_rows(
        "training_registration",
        ["participant_type", "name", "name_normalised", "nip", "nik", "institution",
         "position", "phone", "code", "registered_at", "attended_at", "attendance_method",
         "civil_servant_id", "registered_by_id", "session_id", "email"],
        registrations,
    )  # fmt: skip
    # Each registration's copy of its ASN's place, as registration_add would have made it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE training_registration AS r SET asn_agency_id = c.agency_id,"
            " asn_kecamatan_id = c.kecamatan_id, asn_active = c.is_active"
            " FROM personnel_civilservant AS c WHERE c.id = r.civil_servant_id"
        )
    reset_sequence("training_session")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would: index-only scans
    log(
        f"sessions: {len(sessions):,} sessions, {len(registrations):,} registrations in "
        f"{time.perf_counter() - started:.0f} s"
    )


# --- measuring --------------------------------------------------------------------------------


def replay(captured, timer: api.Timer) -> None:
    """The SQL behind a request: every query it ran, again, with a plain cursor."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for query in captured:
            sql = query["sql"]
            if not sql.lstrip("(").startswith("SELECT"):  # "(SELECT …) UNION ALL (…)" too
                continue
            cursor.execute(sql)
            cursor.fetchall()
    timer.samples.append((time.perf_counter() - started) * 1000)


def measure_page(client, name: str, url: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page, sql = api.Timer(), api.Timer()
    for _ in range(requests + 5):
        # The page is timed as production serves it, without the query log (its debug cursor
        # wraps every query); a second request, captured, gives the SQL behind it.
        started = time.perf_counter()
        response = client.get(url)
        page.samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        # The connection keeps the last 9000 queries only: once full, a capture would be empty.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        page.queries = len(captured)
        replay(captured.captured_queries, sql)
    page.samples, sql.samples = page.samples[5:], sql.samples[5:]
    sql.queries = page.queries
    ratio = page.median() / sql.median()
    verdict = "ok" if ratio <= 1.5 and page.p95() < 300 else "OVER"
    print(
        f"{name:<38} {page.queries:>3} q   page p50 {page.median():7.1f} p95 {page.p95():7.1f} ms"
        f"   SQL p50 {sql.median():7.1f} ms   ×{ratio:4.2f}  {verdict}",
        flush=True,
    )
    return {"name": name, "queries": page.queries, "ratio": ratio, "p95": page.p95()}


PAGES = [
    ("bawaslu_coordinator", "home (coordinator)", "/"),
    ("bawaslu_investigator", "home (investigator)", "/"),
    ("bkpsdm_officer", "home (BKPSDM)", "/"),
    *[
        ("bawaslu_coordinator", f"report cases/{g}", f"/laporan/kasus/?group_by={g}")
        for g in (
            "status",
            "kind",
            "violation_form",
            "severity",
            "agency",
            "kecamatan",
            "month",
            "sanction_type",
        )
    ],
    (
        "bawaslu_coordinator",
        "report cases/month, one election",
        "/laporan/kasus/?group_by=month&election=pilkada-kukar-2024",
    ),
    ("bawaslu_coordinator", "report deadlines", "/laporan/batas-waktu/"),
    ("bkpsdm_officer", "report deadlines (BKPSDM)", "/laporan/batas-waktu/"),
    ("bawaslu_coordinator", "report training/agency", "/laporan/sosialisasi/?group_by=agency"),
    (
        "bawaslu_coordinator",
        "report training/kecamatan",
        "/laporan/sosialisasi/?group_by=kecamatan",
    ),
]


def measure(users: dict, requests: int, only: str | None, skip: str | None = None) -> None:
    from django.db import connection
    from django.test import Client

    from apps.cases.models import Case
    from apps.personnel.models import CivilServant
    from apps.training.models import Registration, Session

    with connection.cursor() as cursor:
        # As autovacuum would (it is off on the development server): a migration that rewrote
        # every case (e.g. cases 0011) leaves as many dead rows and no index-only scans.
        cursor.execute("VACUUM ANALYZE")
    print()
    print(
        f"ASN {CivilServant.objects.count():,}; cases {Case.objects.count():,}; sessions "
        f"{Session.objects.count():,}; registrations {Registration.objects.count():,}; "
        f"{requests} requests per page (after 5 warm-up), each followed by its SQL replayed"
    )
    print()
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    for role, name, url in PAGES:
        if (only and only not in name) or (skip and skip in name):
            continue
        measure_page(clients[role], name, url, requests)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--servants", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--only", help="measure only the pages whose name contains this")
    parser.add_argument("--skip", help="leave out the pages whose name contains this")
    parser.add_argument("--seed-only", action="store_true")
    args = parser.parse_args()
    api.setup_django()
    api.seed_reference_and_users()
    users = seed_users()
    api.seed_civil_servants(args.servants)
    seed_cases(args.cases, users)
    seed_sessions(args.sessions, users)
    if not args.seed_only:
        measure(users, args.requests, args.only, args.skip)


if __name__ == "__main__":
    main()
