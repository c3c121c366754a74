"""Databases seeded before the legal corrections are corrected by migration (seeds never
overwrite rows); what an administrator changed stays as it is."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.cases.models import Election, SanctionType, ViolationForm

pytestmark = pytest.mark.django_db
corrections = import_module("apps.cases.migrations.0008_lifecycle_after_forwarding")
BEFORE_CORRECTIONS = [("cases", "0007_policy_next_due_withdrawal_clock")]

SEEDED_BEFORE = {  # what `manage.py seed` wrote before 0008
    "reporting_basis": "UU 7/2017 Pasal 454 ayat (5); Perbawaslu 7/2022",
    "decision_basis": "UU 7/2017 Pasal 454 ayat (6); Perbawaslu 7/2022",
    "extension_basis": "perpanjangan UU 7/2017 Pasal 454 ayat (7)",
    "finding_basis": "",
    "initial_review_days": None,
    "initial_review_basis": "",
}


def test_the_pemilu_citations_are_corrected_and_an_administrators_edit_is_kept(reference_data):
    Election.objects.filter(code="pemilu-2024").update(
        **{**SEEDED_BEFORE, "decision_basis": "Diubah admin: Pasal 454 ayat (7) UU 7/2017"}
    )
    SanctionType.objects.filter(code="potong-tukin-6").update(applies_to="asn", months=None)
    ViolationForm.objects.filter(code="reaksi-media-sosial").update(discipline_severity="")
    ViolationForm.objects.filter(code="foto-bersama").update(discipline_severity="sedang")

    corrections.correct_reference_data(apps, None)

    pemilu = Election.objects.get(code="pemilu-2024")
    assert pemilu.reporting_basis == "UU 7/2017 Pasal 454 ayat (6); Perbawaslu 7/2022"
    assert pemilu.extension_basis == "perpanjangan UU 7/2017 Pasal 454 ayat (8)"
    assert pemilu.decision_basis == "Diubah admin: Pasal 454 ayat (7) UU 7/2017"  # kept
    assert pemilu.finding_basis == "UU 7/2017 Pasal 454 ayat (5) (7 hari sejak ditemukan)"
    assert (pemilu.initial_review_days, pemilu.initial_review_basis) == (
        2,
        "Perbawaslu 7/2022 (kajian awal)",
    )
    cut = SanctionType.objects.get(code="potong-tukin-6")
    assert (cut.applies_to, cut.months) == ("pns", 6)
    assert ViolationForm.objects.get(code="reaksi-media-sosial").discipline_severity == "berat"
    assert ViolationForm.objects.get(code="foto-bersama").discipline_severity == "sedang"  # kept


def test_running_the_correction_twice_changes_nothing(reference_data):
    corrections.correct_reference_data(apps, None)
    before = list(Election.objects.values())
    corrections.correct_reference_data(apps, None)
    assert list(Election.objects.values()) == before


@pytest.mark.django_db(transaction=True)
def test_a_database_seeded_before_the_corrections_is_corrected_by_migrating(reference_data):
    """Issue #16: back to 0007 (the executor unapplies cases 0008-0011; no other app's migration
    depends on them), the pemilu row as seeded then, forward to the latest migrations."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_CORRECTIONS)
    old = executor.loader.project_state(BEFORE_CORRECTIONS).apps
    # At 0007 only the three citations exist; finding and initial-review fields, SanctionType's
    # applies_to/months and ViolationForm's discipline_severity come with 0008 (their defaults).
    old.get_model("cases", "Election").objects.filter(code="pemilu-2024").update(
        reporting_basis=SEEDED_BEFORE["reporting_basis"],
        decision_basis="Diubah admin: Pasal 454 ayat (7) UU 7/2017",
        extension_basis=SEEDED_BEFORE["extension_basis"],
    )

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    pemilu = Election.objects.get(code="pemilu-2024")
    assert pemilu.reporting_basis == "UU 7/2017 Pasal 454 ayat (6); Perbawaslu 7/2022"
    assert pemilu.extension_basis == "perpanjangan UU 7/2017 Pasal 454 ayat (8)"
    assert pemilu.decision_basis == "Diubah admin: Pasal 454 ayat (7) UU 7/2017"  # kept
    assert pemilu.finding_basis == "UU 7/2017 Pasal 454 ayat (5) (7 hari sejak ditemukan)"
    assert (pemilu.initial_review_days, pemilu.initial_review_basis) == (
        2,
        "Perbawaslu 7/2022 (kajian awal)",
    )
    cut = SanctionType.objects.get(code="potong-tukin-6")
    assert (cut.applies_to, cut.months) == ("pns", 6)
    assert ViolationForm.objects.get(code="reaksi-media-sosial").discipline_severity == "berat"
    assert not MigrationExecutor(connection).migration_plan(executor.loader.graph.leaf_nodes())
