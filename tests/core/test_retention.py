"""Retention of personal data: reporters, witnesses and participants' phone numbers are
pseudonymised a set time after their case or session ended; statistics and the trail stay."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from apps.cases import reports
from apps.cases.models import Case, CaseEvent, Clarification, Reporter, Witness
from apps.core.retention import retention_apply, retention_preview
from apps.training.models import Registration
from apps.training.selectors import session_counts, training_coverage
from tests.cases.factories import REPORTER_NIK, CaseFactory, wita
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

S = Case.Status
NOW = wita(2030, 1, 1, 3, 0)  # 5 years and more after the cases of 2024 ended


@pytest.fixture
def known_data(investigator):
    """Two ended cases past their retention, one ended recently, one still open; two sessions."""
    closed = CaseFactory(status=S.CLOSED, witnesses=2)
    Clarification.objects.create(
        case=closed, person_name="Pelapor Sintetis", role="reporter", held_at=wita(2024, 11, 12)
    )
    Clarification.objects.create(
        case=closed, person_name="Saksi Sintetis 1", role="witness", held_at=wita(2024, 11, 12)
    )
    dismissed = CaseFactory(status=S.DISMISSED, witnesses=0)
    recent = CaseFactory(status=S.CLOSED, received_at=wita(2026, 1, 5, 10, 0))
    still_open = CaseFactory(status=S.REVIEW)
    old_session = SessionFactory()
    for n in range(3):
        RegistrationFactory(session=old_session, phone=f"+62811000000{n}", attended_at=NOW)
    new_session = SessionFactory(starts_at=wita(2029, 6, 1, 9, 0))
    RegistrationFactory(session=new_session, phone="+628119999999")
    return {
        "closed": closed,
        "dismissed": dismissed,
        "recent": recent,
        "open": still_open,
        "old_session": old_session,
        "new_session": new_session,
    }


def statistics(superuser) -> dict:
    cases = Case.objects.all()
    return {
        "cases": {group: reports.cases_report(cases, group) for group in reports.GROUPINGS},
        "deadlines": reports.deadlines_report(cases, now=NOW),
        "coverage": training_coverage(superuser, group_by="agency"),
    }


def test_the_job_pseudonymises_what_is_past_its_retention_and_nothing_else(known_data):
    done = retention_apply(now=NOW)
    assert done == {"reporters": 2, "witnesses": 2, "participant_phones": 3}
    closed, dismissed = known_data["closed"], known_data["dismissed"]
    reporter = Reporter.objects.get(case=closed)
    assert (reporter.name, reporter.nik, reporter.phone, reporter.address, reporter.email) == (
        f"Pelapor kasus {closed.pk}",
        "",
        "",
        "",
        "",
    )
    assert Reporter.objects.get(case=dismissed).nik == ""
    assert list(Witness.objects.filter(case=closed).values_list("name", "phone")) == [
        ("Saksi 1", ""),
        ("Saksi 2", ""),
    ]
    assert set(Clarification.objects.values_list("person_name", flat=True)) == {"Pelapor", "Saksi"}
    for kept in (known_data["recent"], known_data["open"]):
        assert Reporter.objects.get(case=kept).nik == REPORTER_NIK
        assert Witness.objects.get(case=kept).phone == "+6281200000000"
    assert not Registration.objects.filter(session=known_data["old_session"]).exclude(phone="")
    assert Registration.objects.get(session=known_data["new_session"]).phone == "+628119999999"


def test_the_statistics_are_the_same_before_and_after(known_data, superuser):
    sessions = [known_data["old_session"], known_data["new_session"]]
    before = statistics(superuser), [session_counts(s) for s in sessions]
    retention_apply(now=NOW)
    after = statistics(superuser), [session_counts(s) for s in sessions]
    assert after == before
    assert before[1][0]["present"] == 3


def test_the_case_trail_records_it_without_any_personal_value(known_data):
    closed = known_data["closed"]
    events_before = CaseEvent.objects.filter(case=closed).count()
    retention_apply(now=NOW)
    events = CaseEvent.objects.filter(case=closed, action="pseudonymised").order_by("id")
    assert [e.data["kind"] for e in events] == ["reporters", "witnesses"]
    assert events[0].data == {
        "kind": "reporters",
        "fields": ["name", "nik", "address", "phone", "email"],
        "people": 1,
        "retention_days": 5 * 365,
    }
    assert events[1].data["people"] == 2
    assert all(e.actor_id is None for e in events)
    text = json.dumps([e.data for e in events]) + "".join(e.note for e in events)
    for personal in (REPORTER_NIK, "Pelapor Sintetis", "Saksi Sintetis", "+62812"):
        assert personal not in text
    assert CaseEvent.objects.filter(case=closed).count() == events_before + 2


def test_a_second_run_changes_nothing(known_data):
    retention_apply(now=NOW)
    events = CaseEvent.objects.count()
    assert retention_apply(now=NOW) == {"reporters": 0, "witnesses": 0, "participant_phones": 0}
    assert CaseEvent.objects.count() == events


def test_the_retention_period_of_each_kind_is_a_setting(known_data, settings):
    settings.NETRAL_RETENTION_DAYS = {
        "reporters": 5 * 365,
        "witnesses": 10 * 365,
        "participant_phones": 10 * 365,
    }
    assert retention_apply(now=NOW) == {"reporters": 2, "witnesses": 0, "participant_phones": 0}


def test_the_preview_lists_what_a_run_would_do_and_changes_nothing(known_data, settings):
    settings.NETRAL_RETENTION_DAYS = {
        "reporters": 365,
        "witnesses": 365,
        "participant_phones": 365,
    }
    preview = {kind["kind"]: kind for kind in retention_preview(now=NOW - timedelta(days=1))}
    closed = known_data["closed"]
    assert (closed.pk, closed.number, 2) in preview["witnesses"]["subjects"]
    assert preview["participant_phones"]["subjects"] == [
        (known_data["old_session"].pk, known_data["old_session"].title, 3)
    ]
    out = StringIO()
    call_command("retention", stdout=out)
    assert "identitas pelapor (disimpan 365 hari setelah selesai)" in out.getvalue()
    assert "tidak ada yang diubah" in out.getvalue()
    assert Reporter.objects.filter(nik=REPORTER_NIK).count() == 4
    assert not CaseEvent.objects.filter(action="pseudonymised").exists()


def test_the_job_runs_every_night_in_beat():
    from config.celery import app

    entry = app.conf.beat_schedule["personal-data-retention"]
    assert entry["task"] == "core.apply_retention"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})
