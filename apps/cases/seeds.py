"""Reference data of cases (DESIGN §3): elections, violation forms, sanctions, recipients.

Idempotent: rows are created by code when missing and never overwritten, so an administrator's
edits (a different severity, a renamed recipient) survive every later ``manage.py seed``.
"""

from importlib import import_module
from importlib.util import find_spec

from django.db import transaction

from apps.cases.models import Election, ForwardingRecipient, SanctionType, ViolationForm
from apps.cases.seed_data import (
    DISCIPLINE_TOO,
    ELECTIONS,
    RECIPIENTS,
    SANCTION_TYPES,
    VIOLATION_FORMS,
)


def _create_missing(model, rows: list[dict]) -> int:
    created = 0
    for row in rows:
        code = row.pop("code")
        _obj, was_created = model.objects.get_or_create(code=code, defaults=row)
        row["code"] = code
        created += was_created
    return created


@transaction.atomic
def seed_elections() -> int:
    return _create_missing(Election, [dict(row) for row in ELECTIONS])


@transaction.atomic
def seed_violation_forms() -> int:
    rows = [
        {
            "code": code,
            "name": name,
            "default_severity": severity,
            "discipline_severity": DISCIPLINE_TOO.get(code, ""),
            "note": note,
            "position": i,
        }
        for i, (code, name, severity, note) in enumerate(VIOLATION_FORMS, start=1)
    ]
    return _create_missing(ViolationForm, rows)


@transaction.atomic
def seed_sanction_types() -> int:
    rows = [
        {
            "code": code,
            "name": name,
            "category": category,
            "regulation": regulation,
            "kind": kind,
            "applies_to": applies_to,
            "months": months,
            "position": i,
        }
        for i, (code, name, category, regulation, kind, applies_to, months) in enumerate(
            SANCTION_TYPES, start=1
        )
    ]
    return _create_missing(SanctionType, rows)


@transaction.atomic
def seed_recipients() -> int:
    rows = [
        {"code": code, "name": name, "is_default": default, "position": i}
        for i, (code, name, default) in enumerate(RECIPIENTS, start=1)
    ]
    return _create_missing(ForwardingRecipient, rows)


def seed_reference(log=print) -> None:
    log(f"pemilihan baru: {seed_elections()}")
    log(f"bentuk pelanggaran baru: {seed_violation_forms()}")
    log(f"jenis sanksi baru: {seed_sanction_types()}")
    log(f"penerima rekomendasi baru: {seed_recipients()}")


def seed_demo(log=print) -> None:
    """Demo cases come from ``apps.cases.demo`` (written with the admin) when it exists."""
    if find_spec("apps.cases.demo") is None:
        log("kasus demo: modul apps.cases.demo belum ada, dilewati")
        return
    import_module("apps.cases.demo").seed_demo_cases(log)
