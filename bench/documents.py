"""Benchmark of the PDF rendering of official documents (a script that prints figures, not a test).

    .venv/bin/python bench/documents.py [--repeat 1000] [--large 500] [--large-repeat 50]

Works in a scratch SQLite database in a temporary folder (migrated and seeded, removed at the
end). It builds one synthetic case in the state each case document needs and one session, then
renders every document type ``--repeat`` times as a server process does: one Typst compiler kept
between documents, each document with its own number and verification code (so no two renders
have the same inputs). Printed per type: pages, the first (cold) render, then p50 and p95 of the
render alone and of the facts read from the database plus the render, and p50 per page. Then the
attendance list of a session with ``--large`` participants. ``--save DIR`` keeps the first PDF
of each type there, to look at.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS_PER_PAGE = 150


def setup_django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["PRIVATE_MEDIA_ROOT"] = str(folder / "private")
    for name in ("REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.conftest import _seed_reference

    _seed_reference()


def subjects(large: int) -> dict:
    """A case per state the case documents need, a session with 40 participants and one with
    ``large``."""
    from django.utils import timezone

    from apps.cases.models import Case, Clarification
    from tests.cases.factories import CaseFactory
    from tests.factories import persona
    from tests.training.factories import RegistrationFactory, SessionFactory

    S = Case.Status
    clerk = persona("camat_clerk", username="bench-camat", kecamatan_code="64.02.03")
    coordinator = persona("bawaslu_coordinator", username="bench-koordinator")
    received = CaseFactory(status=S.RECEIVED, respondents=2)
    registered = CaseFactory(status=S.REGISTERED, respondents=2)
    review = CaseFactory(status=S.REVIEW, respondents=2, conclusion="Terbukti.")
    forwarded = CaseFactory(status=S.FORWARDED, respondents=2, conclusion="Terbukti.")
    respondent = review.respondents.first()
    clarification = Clarification.objects.create(
        case=review,
        person_name=respondent.name,
        role=Clarification.Role.RESPONDENT,
        respondent=respondent,
        held_at=timezone.now(),
        summary="Terlapor mengakui mengunggah ajakan memilih. " * 8,
    )
    session = SessionFactory(title="Sosialisasi Netralitas ASN Loa Janan")
    for _ in range(40):
        RegistrationFactory(session=session)
    crowd = SessionFactory(title="Sosialisasi Netralitas ASN Tenggarong (besar)")
    for _ in range(large):
        RegistrationFactory(session=crowd)
    summons = {
        "role": "respondent",
        "respondent": respondent.pk,
        "held_at": "2024-11-11T09:00",
        "place": "Kantor Bawaslu Kabupaten Kutai Kartanegara",
    }
    review_fields = {"analysis": "Perbuatan terlapor memenuhi unsur pelanggaran. " * 20}
    return {
        "receipt": (received, {}),
        "status_notice": (registered, {}),
        "status_notice_public": (registered, {}),
        "summons": (review, summons),
        "minutes": (review, {"clarification": clarification.pk}),
        "review": (review, review_fields),
        "forwarding_letter": (forwarded, {}),
        "attendance_list": (session, {}),
        "pledge_forms": (session, {}),
        "_large": (crowd, {"blank_rows": 0}),
        "_actors": (coordinator, clerk),
    }


def compose(document_type: str, subject, fields: dict, actor, i: int) -> tuple[bytes, float]:
    """Read the facts and render; returns the PDF and the seconds the render alone took."""
    from django.utils import timezone

    from apps.documents import services, verification
    from apps.documents.content import CASE_BUILDERS, SESSION_BUILDERS
    from apps.documents.models import Letterhead

    if document_type in SESSION_BUILDERS:
        built = SESSION_BUILDERS[document_type](subject, fields, actor)
        where = services.Subject(
            session=subject,
            letterhead=Letterhead.KECAMATAN,
            office_code=subject.kecamatan.code,
            kecamatan=subject.kecamatan.name,
        )
    else:
        built = CASE_BUILDERS[document_type](subject, fields, actor)
        where = services.Subject(case=subject, office_code="64.02")
    start = time.perf_counter()
    pdf = services.document_pdf(
        document_type=document_type,
        data=built.data,
        subject=where,
        number=f"{i + 1:03d}/BENCH/64.02/XI/2024",
        code=verification.new_code(),
        version=1,
        at=timezone.now(),
    )
    return pdf, time.perf_counter() - start


def measure(document_type, subject, fields, actor, repeat: int, save: Path | None) -> dict:
    from apps.documents.services import PAGE_OBJECT

    totals, renders = [], []
    pages = 0
    for i in range(repeat + 1):
        start = time.perf_counter()
        pdf, render = compose(document_type, subject, fields, actor, i)
        total = time.perf_counter() - start
        if i == 0:
            first = total
            pages = len(PAGE_OBJECT.findall(pdf))
            if save:
                (save / f"{document_type}-{pages}p.pdf").write_bytes(pdf)
            continue
        totals.append(total)
        renders.append(render)
    return {"pages": pages, "first": first, "renders": renders, "totals": totals}


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def line(name: str, figures: dict) -> str:
    render50, render95 = p(figures["renders"], 0.5), p(figures["renders"], 0.95)
    total50, total95 = p(figures["totals"], 0.5), p(figures["totals"], 0.95)
    per_page = total50 / figures["pages"]
    verdict = "ok" if per_page < TARGET_MS_PER_PAGE else "OVER"
    return (
        f"{name:<28}{figures['pages']:>6}{len(figures['totals']):>7}"
        f"{figures['first'] * 1000:>9.1f}{render50:>9.1f}{render95:>9.1f}"
        f"{total50:>9.1f}{total95:>9.1f}{per_page:>9.1f}  {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1000)
    parser.add_argument("--large", type=int, default=500)
    parser.add_argument("--large-repeat", type=int, default=50)
    parser.add_argument("--save", type=Path, help="write the first PDF of each type here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netral-docbench-") as folder:
        setup_django(Path(folder))
        run(args)


def run(args) -> None:
    made = subjects(args.large)
    coordinator, clerk = made.pop("_actors")
    crowd, crowd_fields = made.pop("_large")
    print(f"Rendering each document type {args.repeat} times (Typst, one compiler per process).")
    print(
        f"{'type':<28}{'pages':>6}{'runs':>7}{'first':>9}{'rnd p50':>9}{'rnd p95':>9}"
        f"{'all p50':>9}{'all p95':>9}{'p50/pg':>9}  (ms; target < {TARGET_MS_PER_PAGE} ms/page)"
    )
    for document_type, (subject, fields) in made.items():
        actor = clerk if document_type in ("attendance_list", "pledge_forms") else coordinator
        figures = measure(document_type, subject, fields, actor, args.repeat, args.save)
        print(line(document_type, figures), flush=True)
    figures = measure("attendance_list", crowd, crowd_fields, clerk, args.large_repeat, args.save)
    print(line(f"attendance_list ({args.large})", figures), flush=True)
    print("rnd: the Typst render alone; all: facts read from the database, then the render.")


if __name__ == "__main__":
    main()
