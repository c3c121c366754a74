from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string

from apps.cases.models import Case, Election, Respondent
from apps.training import selectors
from apps.training.api.serializers import CaseTrainingHistorySerializer
from tests.factories import CivilServantFactory, agency
from tests.training.factories import PledgeFactory, RegistrationFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db


def _case(*, incident_on: date | None, known_on: date) -> Case:
    election = Election.objects.create(
        code="pilkada-kukar-2024-uji",
        name="Pilkada Kukar 2024",
        regime="pilkada",
        voting_on=date(2024, 11, 27),
        reporting_window_days=7,
        reporting_day_type="calendar",
        reporting_basis="UU 10/2016 Pasal 134",
        decision_days=3,
        decision_day_type="calendar",
        decision_basis="UU 10/2016 Pasal 134 ayat (5)",
        extension_days=2,
        extension_day_type="calendar",
        extension_basis="UU 10/2016 Pasal 134 ayat (6)",
        follow_up_basis="Perbawaslu 8/2020",
    )
    return Case.objects.create(
        kind="laporan",
        election=election,
        received_at=datetime(2024, 11, 26, 10, tzinfo=ZoneInfo("Asia/Makassar")),
        known_on=known_on,
        incident_on=incident_on,
    )


@pytest.fixture
def history_case(reference_data):
    """Incident on 25 Nov 2024. The teacher attended on 1 and 22 Nov and signed on 22 Nov;
    the nurse registered on 22 Nov without coming, and attended only on 26 Nov (after);
    the village official is not in the registry."""
    teacher, nurse = CivilServantFactory(), CivilServantFactory()
    early = SessionFactory(title="Sesi awal", starts_at=wita(2024, 11, 1, 9))
    loa_janan = SessionFactory(title="Sesi Loa Janan", starts_at=wita(2024, 11, 22, 9))
    after = SessionFactory(title="Sesi susulan", starts_at=wita(2024, 11, 26, 9))
    RegistrationFactory(session=early, civil_servant=teacher, attended_at=wita(2024, 11, 1, 9))
    RegistrationFactory(session=loa_janan, civil_servant=teacher, attended_at=wita(2024, 11, 22, 9))
    RegistrationFactory(session=loa_janan, civil_servant=nurse)
    RegistrationFactory(session=after, civil_servant=nurse, attended_at=wita(2024, 11, 26, 9))
    PledgeFactory(civil_servant=teacher, signed_on=date(2024, 11, 22), session=loa_janan)
    PledgeFactory(civil_servant=nurse, signed_on=date(2024, 11, 25))  # on the day: not before
    case = _case(incident_on=date(2024, 11, 25), known_on=date(2024, 11, 25))
    Respondent.objects.create(case=case, civil_servant=teacher, name=teacher.name, nip=teacher.nip)
    Respondent.objects.create(case=case, civil_servant=nurse, name=nurse.name, nip=nurse.nip)
    Respondent.objects.create(case=case, name="Perangkat Desa Tanpa NIP")
    return case, teacher, nurse


def test_a_case_shows_for_each_registry_respondent_training_before_the_incident(
    history_case, django_assert_num_queries
):
    case, teacher, nurse = history_case
    with django_assert_num_queries(3):
        rows = selectors.case_training_history(case)
    assert [r["civil_servant_id"] for r in rows] == [teacher.pk, nurse.pk]
    by_person = {r["civil_servant_id"]: r for r in rows}
    expected = {
        "attended_before": True,
        "sessions_before": 2,
        "first_attended_on": date(2024, 11, 1),
        "last_attended_on": date(2024, 11, 22),
        "last_session_title": "Sesi Loa Janan",
        "pledge_before": True,
        "pledge_signed_on": date(2024, 11, 22),
        "reference_date": date(2024, 11, 25),
        "reference_basis": "incident",
    }
    assert {key: by_person[teacher.pk][key] for key in expected} == expected
    nurse_row = by_person[nurse.pk]
    assert (nurse_row["attended_before"], nurse_row["sessions_before"]) == (False, 0)
    assert (nurse_row["pledge_before"], nurse_row["pledge_signed_on"]) == (False, None)


def test_without_an_incident_date_the_known_date_is_the_reference(history_case):
    case, teacher, _nurse = history_case
    case.incident_on, case.known_on = None, date(2024, 11, 10)
    rows = selectors.case_training_history(case)
    teacher_row = next(r for r in rows if r["civil_servant_id"] == teacher.pk)
    assert teacher_row["reference_basis"] == "known"
    assert (teacher_row["sessions_before"], teacher_row["pledge_before"]) == (1, False)


def test_the_case_history_serializes_and_renders_for_the_admin(history_case):
    case, teacher, _nurse = history_case
    rows = selectors.case_training_history(case)
    data = CaseTrainingHistorySerializer(rows, many=True).data
    assert data[0]["last_attended_on"] == "2024-11-22"
    assert data[0]["pledge_signed_on"] == "2024-11-22"
    html = render_to_string("training/_case_training_history.html", {"training_history": rows})
    assert teacher.name in html
    assert "Ya, 2 sesi; terakhir 22 November 2024 (Sesi Loa Janan)" in html
    assert "Dibandingkan dengan tanggal kejadian 25 November 2024." in html
    assert "Tidak tercatat hadir" in html


def test_a_case_without_registry_respondents_renders_a_plain_note(reference_data):
    case = _case(incident_on=date(2024, 11, 25), known_on=date(2024, 11, 25))
    assert selectors.case_training_history(case) == []
    html = render_to_string("training/_case_training_history.html", {"training_history": []})
    assert "Tidak ada terlapor yang terhubung dengan data ASN." in html


def test_the_case_admin_page_shows_the_respondents_training_history(
    history_case, client, coordinator
):
    case, teacher, _nurse = history_case
    client.force_login(coordinator)
    response = client.get(f"/admin/cases/case/{case.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sosialisasi dan pakta integritas terlapor" in page
    assert "Ya, 2 sesi; terakhir 22 November 2024 (Sesi Loa Janan)" in page
    assert teacher.nip in page


def test_the_case_api_detail_carries_the_training_history(coordinator):
    from tests.api.conftest import token_client
    from tests.cases.factories import CaseFactory

    case = CaseFactory(status="received", respondents=1)
    response = token_client(coordinator).get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200
    history = response.json()["training_history"]
    linked = [r for r in case.respondents.all() if r.civil_servant_id]
    assert len(linked) == 1
    assert [row["respondent_id"] for row in history] == [r.pk for r in linked]


@pytest.fixture
def respondents_by_agency(reference_data):
    """Education: the teacher (attended 1 Nov, respondent of a case of 25 Nov and of one whose
    incident date is unknown, known on 1 Nov), the clerk (attended on the incident's day only)
    and a colleague outside the registry. Health: the nurse (attended a cancelled session only)
    and the midwife (attended before the incident, but the case is another user's concern: not
    in the cases asked for). One respondent without agency, not in the registry."""
    education, health = agency("DISDIKBUD"), agency("DINKES")
    teacher, clerk = (CivilServantFactory(agency=education) for _ in range(2))
    nurse, midwife = (CivilServantFactory(agency=health) for _ in range(2))
    early = SessionFactory(starts_at=wita(2024, 11, 1, 9))
    on_the_day = SessionFactory(starts_at=wita(2024, 11, 25, 7, 30))
    cancelled = SessionFactory(cancelled=True, starts_at=wita(2024, 11, 2, 9))
    for person, session in ((teacher, early), (clerk, on_the_day), (nurse, cancelled)):
        RegistrationFactory(session=session, civil_servant=person, attended_at=session.starts_at)
    RegistrationFactory(session=early, civil_servant=midwife, attended_at=early.starts_at)
    case = _case(incident_on=date(2024, 11, 25), known_on=date(2024, 11, 26))
    for person in (teacher, clerk, nurse):
        Respondent.objects.create(
            case=case, civil_servant=person, name=person.name, nip=person.nip, agency=person.agency
        )
    Respondent.objects.create(case=case, name="Staf Honorer", agency=education)
    Respondent.objects.create(case=case, name="Perangkat Desa Tanpa NIP")
    unknown_date = Case.objects.create(
        kind="laporan",
        election=case.election,
        received_at=case.received_at,
        known_on=date(2024, 11, 1),  # the day of the early session: not before
    )
    Respondent.objects.create(
        case=unknown_date,
        civil_servant=teacher,
        name=teacher.name,
        nip=teacher.nip,
        agency=education,
    )
    elsewhere = Case.objects.create(
        kind="laporan", election=case.election, received_at=case.received_at, known_on=case.known_on
    )
    Respondent.objects.create(
        case=elsewhere, civil_servant=midwife, name=midwife.name, nip=midwife.nip, agency=health
    )
    return Case.objects.exclude(pk=elsewhere.pk)


def test_respondents_trained_before_the_incident_per_agency(
    respondents_by_agency, django_assert_num_queries
):
    with django_assert_num_queries(1):
        counts = selectors.respondents_trained_by_agency(respondents_by_agency)
    assert {code: (c["respondents"], c["trained"]) for code, c in counts.items()} == {
        # teacher twice (trained before the 25th; not before the 1st, the known date), clerk
        # (on the incident's day: not before), the colleague outside the registry
        "DISDIKBUD": (4, 1),
        "DINKES": (1, 0),  # the nurse: a cancelled session does not count
        "": (1, 0),  # the respondent without agency
    }
    assert counts["DISDIKBUD"]["agency__code"] == "DISDIKBUD"


def test_respondents_trained_per_agency_over_no_case_is_empty(respondents_by_agency):
    assert selectors.respondents_trained_by_agency(Case.objects.none()) == {}
