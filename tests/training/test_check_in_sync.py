"""The door's hot path and the offline kiosk's sync (issue 22): what each costs in queries, and
that a queue of check-ins lands exactly once, with conflicts answered as such."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apps.core.tokens import api_token_create
from apps.training import attendance
from apps.training import door as doors
from apps.training.models import AttendanceMethod, Registration
from tests.factories import UserFactory
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _batch_url(session) -> str:
    return f"/api/v1/training/sessions/{session.pk}/check-in/batch/"


def _queue(codes, scanned_at=None) -> dict:
    return {
        "check_ins": [
            {"id": str(uuid.uuid4()), "code": code}
            | ({"scanned_at": scanned_at.isoformat()} if scanned_at else {})
            for code in codes
        ]
    }


@pytest.fixture
def door(client, clerk_loajanan):
    """A clerk's API client (token, as a kiosk or an app would use) and a session starting now."""
    _token, key = api_token_create(user=clerk_loajanan, name="kios")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    now = timezone.now()
    session = SessionFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))
    return client, session


def _registrations(session, count: int) -> list[Registration]:
    return RegistrationFactory.create_batch(count, session=session)


@pytest.mark.parametrize("count", [1, 10, 300])
def test_a_queue_syncs_in_the_same_number_of_queries_whatever_its_length(
    door, django_assert_num_queries, count
):
    client, session = door
    body = _queue([r.code for r in _registrations(session, count)])
    # token; session and right; the registrations scanned; one UPDATE for all of them
    with django_assert_num_queries(4):
        response = client.post(_batch_url(session), body, content_type="application/json")
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["results"]] == ["checked_in"] * count
    assert session.registrations.filter(attended_at__isnull=False).count() == count


@pytest.mark.parametrize("count", [1, 10, 300])
def test_a_queue_sent_again_writes_nothing_and_answers_the_same(
    door, django_assert_num_queries, count
):
    client, session = door
    body = _queue([r.code for r in _registrations(session, count)])
    first = client.post(_batch_url(session), body, content_type="application/json").json()
    stored = list(session.registrations.values_list("attended_at", "attendance_client_id"))
    with django_assert_num_queries(3):  # no UPDATE
        again = client.post(_batch_url(session), body, content_type="application/json").json()
    assert again == first
    assert list(session.registrations.values_list("attended_at", "attendance_client_id")) == (
        stored
    )


def test_someone_checked_in_at_another_door_meanwhile_is_a_conflict_not_a_second_check_in(
    door, clerk_loajanan
):
    client, session = door
    at_the_other_door, here = _registrations(session, 2)
    attendance.participant_check_in(
        session=session, actor=clerk_loajanan, code=at_the_other_door.code
    )
    other = Registration.objects.get(pk=at_the_other_door.pk)
    results = client.post(
        _batch_url(session),
        _queue([at_the_other_door.code, here.code, "ZZZZ9999"]),
        content_type="application/json",
    ).json()["results"]
    assert [r["status"] for r in results] == ["already_checked_in", "checked_in", "not_registered"]
    assert results[0]["registration"]["name"] == other.name
    assert results[2]["registration"] is None
    assert Registration.objects.get(pk=other.pk).attended_at == other.attended_at


def test_the_same_person_twice_in_one_queue_is_checked_in_once(door):
    client, session = door
    (person,) = _registrations(session, 1)
    body = _queue([person.code, person.code.lower()])
    results = client.post(_batch_url(session), body, content_type="application/json").json()
    assert [r["status"] for r in results["results"]] == ["checked_in", "already_checked_in"]
    person.refresh_from_db()
    assert str(person.attendance_client_id) == body["check_ins"][0]["id"]


def test_a_queue_by_nip_uses_the_kiosk_nip_method(door):
    client, session = door
    (person,) = _registrations(session, 1)
    body = {"check_ins": [{"id": str(uuid.uuid4()), "nip": person.nip}]}
    client.post(_batch_url(session), body, content_type="application/json")
    person.refresh_from_db()
    assert person.attendance_method == AttendanceMethod.KIOSK_NIP


def test_the_kiosk_time_is_kept_when_plausible_and_replaced_when_not(door):
    client, session = door
    plausible, future, long_before = _registrations(session, 3)
    scanned = timezone.now() - timedelta(minutes=20)
    body = _queue([plausible.code], scanned)
    body["check_ins"] += _queue([future.code], timezone.now() + timedelta(days=1))["check_ins"]
    body["check_ins"] += _queue([long_before.code], timezone.now() - timedelta(days=400))[
        "check_ins"
    ]
    before = timezone.now()
    client.post(_batch_url(session), body, content_type="application/json")
    after = timezone.now()
    for registration in (plausible, future, long_before):
        registration.refresh_from_db()
    assert plausible.attended_at == scanned
    assert before <= future.attended_at <= after
    assert before <= long_before.attended_at <= after
    assert before <= plausible.attendance_recorded_at <= after


def test_a_bad_queue_is_a_clear_400_naming_the_check_in(door):
    client, session = door
    body = {"check_ins": [{"id": str(uuid.uuid4()), "code": "A"}, {"id": "bukan-uuid"}]}
    response = client.post(_batch_url(session), body, content_type="application/json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert list(fields) == ["check_ins.1.id"]
    too_many = _queue(["A"] * 501)
    response = client.post(_batch_url(session), too_many, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["check_ins.non_field_errors"] == [
        "Paling banyak 500 check-in sekali kirim."
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 401),
        ("clerk_loajanan", 200),
        ("clerk_tenggarong", 404),
        ("bkpsdm_officer", 403),
        ("coordinator", 403),
        ("superuser", 200),
        ("no_role", 404),
    ],
)
def test_who_may_sync_a_queue(request, client, persona, expected):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    if persona == "no_role":
        client.force_login(UserFactory(username="tanpa-peran"))
    elif persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.post(
        _batch_url(session), _queue([registration.code]), content_type="application/json"
    )
    assert response.status_code == expected
    registration.refresh_from_db()
    assert (registration.attended_at is not None) == (expected == 200)


@pytest.mark.parametrize(
    ("persona", "may_check_in"),
    [
        ("clerk_loajanan", True),
        ("superuser", True),
        ("bkpsdm_officer", False),
        ("coordinator", False),
        ("investigator", False),
    ],
)
def test_the_doors_one_query_agrees_with_the_authority_rule(request, persona, may_check_in):
    from apps.training.authority import can_manage_session

    actor = request.getfixturevalue(persona)
    session = SessionFactory()
    door = doors.door_open(actor=actor, session_id=session.pk)
    assert door.may_check_in is may_check_in is can_manage_session(actor, session)


@pytest.mark.parametrize("persona", ["clerk_tenggarong", "no_role"])
def test_the_door_of_a_session_out_of_sight_is_not_found(request, persona):
    from apps.core.errors import NotFound

    actor = (
        UserFactory(username="tanpa-peran")
        if persona == "no_role"
        else request.getfixturevalue(persona)
    )
    with pytest.raises(NotFound):
        doors.door_open(actor=actor, session_id=SessionFactory().pk)


def test_a_cancelled_session_takes_no_queue(door):
    client, session = door
    session.status = session.Status.CANCELLED
    session.save()
    (person,) = _registrations(session, 1)
    response = client.post(
        _batch_url(session), _queue([person.code]), content_type="application/json"
    )
    assert response.status_code == 409


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_doors_syncing_the_same_people_at_once_check_each_in_exactly_once(reference_data):
    from tests.factories import persona

    clerk = persona("camat_clerk", username="camat-pintu", kecamatan_code="64.02.03")
    now = timezone.now()
    session = SessionFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    people = RegistrationFactory.create_batch(40, session=session)
    queues = [
        [doors.QueuedCheckIn(uuid.uuid4(), code=p.code) for p in people] for _door in range(4)
    ]
    results, barrier = {}, threading.Barrier(4)

    def sync(index):
        try:
            barrier.wait(timeout=10)
            door = doors.door_open(actor=clerk, session_id=session.pk)
            results[index] = doors.check_ins_sync(door=door, actor=clerk, check_ins=queues[index])
        finally:
            connection.close()

    threads = [threading.Thread(target=sync, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for position, person in enumerate(people):
        person.refresh_from_db()
        winners = [
            queues[d][position].client_id
            for d in range(4)
            if results[d][position].status == attendance.CHECKED_IN
        ]
        assert winners == [person.attendance_client_id]


def test_a_kiosk_link_syncs_a_queue_and_answers_a_bad_one_in_the_api_error_shape(
    client, clerk_loajanan
):
    from apps.training import kiosks

    now = timezone.now()
    session = SessionFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))
    person = RegistrationFactory(session=session)
    token, secret = kiosks.kiosk_open(session=session, actor=clerk_loajanan)
    url = f"/training/kios/{secret}/kirim/"
    response = client.post(url, _queue([person.code]), content_type="application/json")
    assert response.json()["results"][0]["status"] == "checked_in"
    assert response["Cache-Control"] == "no-store"
    person.refresh_from_db()
    assert person.attendance_kiosk_id == token.pk
    assert person.attendance_recorded_by_id == clerk_loajanan.pk
    bad = client.post(
        url, {"check_ins": [{"id": "x", "code": "A"}]}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert list(bad.json()["error"]["fields"]) == ["check_ins.0.id"]
