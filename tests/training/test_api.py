import pytest
from django.db import connection
from django.utils import timezone

from apps.training.models import Registration, Session
from tests.factories import CivilServantFactory
from tests.training.factories import RegistrationFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db

SESSIONS = "/api/v1/training/sessions/"
# Sessions a clerk creates lie ahead (a clerk may not date one back more than 30 days).
NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture
def api(client, clerk_loajanan):
    client.force_login(clerk_loajanan)
    return client


def test_a_clerk_creates_a_session_with_speakers_over_the_api(api):
    response = api.post(
        SESSIONS,
        {
            "title": "Sosialisasi Netralitas ASN",
            "starts_at": f"{NEXT_YEAR}-11-22T09:00:00+08:00",
            "ends_at": f"{NEXT_YEAR}-11-22T12:00:00+08:00",
            "venue": "Aula Kantor Camat Loa Janan",
            "organiser": "KEC-64.02.03",
            "capacity": 60,
            "speakers": [
                {"name": "Rahmawati", "institution": "BKPSDM"},
                {"name": "Firdaus", "institution": "Bawaslu", "topic": "Pengawasan"},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kecamatan"] == {"code": "64.02.03", "name": "Loa Janan"}
    assert body["organiser"]["code"] == "KEC-64.02.03"
    assert [s["institution"] for s in body["speakers"]] == ["BKPSDM", "Bawaslu"]
    assert (body["registered_count"], body["present_count"]) == (0, 0)


def test_a_clerk_cannot_create_a_session_in_tenggarong_over_the_api(api):
    response = api.post(
        SESSIONS,
        {
            "title": "X",
            "starts_at": "2024-11-22T09:00:00+08:00",
            "ends_at": "2024-11-22T12:00:00+08:00",
            "venue": "Aula",
            "kecamatan": "64.02.06",
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert not Session.objects.exists()


def test_a_loa_janan_clerk_cannot_see_or_change_a_tenggarong_session_over_the_api(api):
    other = SessionFactory(tenggarong=True, title="Tenggarong")
    registration = RegistrationFactory(session=other)
    assert api.get(f"{SESSIONS}{other.pk}/").status_code == 404
    assert (
        api.patch(
            f"{SESSIONS}{other.pk}/", {"title": "Diubah"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert api.get(f"{SESSIONS}{other.pk}/registrations/").status_code == 404
    response = api.post(
        f"{SESSIONS}{other.pk}/check-in/",
        {"code": registration.code},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert "status" not in response.json()  # the session is invisible, not the participant
    assert api.get(SESSIONS).json()["count"] == 0
    other.refresh_from_db()
    registration.refresh_from_db()
    assert other.title == "Tenggarong" and registration.attended_at is None


def test_sessions_filter_by_kecamatan_and_start(client, bkpsdm_officer):
    SessionFactory(title="A", starts_at=wita(2024, 11, 1, 9))
    SessionFactory(title="B", starts_at=wita(2024, 11, 22, 9))
    SessionFactory(title="C", starts_at=wita(2024, 11, 20, 9), tenggarong=True)
    client.force_login(bkpsdm_officer)

    def titles(query):
        return sorted(s["title"] for s in client.get(SESSIONS + query).json()["results"])

    assert titles("") == ["A", "B", "C"]
    assert titles("?kecamatan=64.02.03") == ["A", "B"]
    assert titles("?starts_after=2024-11-15T00:00:00%2B08:00") == ["B", "C"]
    assert titles("?starts_before=2024-11-21T00:00:00%2B08:00") == ["A", "C"]
    assert titles("?kecamatan=64.02.03&starts_after=2024-11-15T00:00:00%2B08:00") == ["B"]


def test_the_same_person_posted_twice_gives_200_with_the_existing_registration(api):
    session = SessionFactory()
    url = f"{SESSIONS}{session.pk}/registrations/"
    nip = CivilServantFactory().nip
    first = api.post(url, {"nip": nip}, content_type="application/json")
    second = api.post(url, {"nip": nip}, content_type="application/json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert len(first.json()["code"]) == 8
    non_asn = {
        "name": "Hasanuddin",
        "participant_type": "kepala_desa",
        "institution": "Desa Batuah",
        "phone": "081255001122",
    }
    assert api.post(url, non_asn, content_type="application/json").status_code == 201
    assert (
        api.post(
            url, {**non_asn, "phone": "+62 812-5500-1122"}, content_type="application/json"
        ).status_code
        == 200
    )
    assert Registration.objects.filter(session=session).count() == 2
    listing = api.get(url).json()
    assert listing["count"] == 2


def test_a_bad_registration_gets_field_errors_in_the_one_error_shape(api):
    session = SessionFactory()
    response = api.post(
        f"{SESSIONS}{session.pk}/registrations/",
        {"nip": "198501012010013001"},
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "Digit ke-15" in error["fields"]["nip"][0]
    empty = api.post(f"{SESSIONS}{session.pk}/registrations/", {}, content_type="application/json")
    assert "nip" in empty.json()["error"]["fields"]


def test_check_in_answers_checked_in_then_already_then_not_registered(api):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    url = f"{SESSIONS}{session.pk}/check-in/"
    first = api.post(url, {"code": registration.code}, content_type="application/json")
    assert first.status_code == 200
    assert first.json()["status"] == "checked_in"
    assert first.json()["registration"]["attendance_method"] == "qr"
    second = api.post(url, {"nip": registration.nip}, content_type="application/json")
    assert (second.status_code, second.json()["status"]) == (200, "already_checked_in")
    assert second.json()["registration"]["attendance_method"] == "qr"
    missing = api.post(url, {"code": "ZZZZ9999"}, content_type="application/json")
    assert missing.status_code == 404
    assert missing.json()["status"] == "not_registered"
    assert missing.json()["error"]["code"] == "not_registered"
    assert missing.json()["error"]["status"] == 404


def test_a_paper_check_in_over_the_api_is_a_late_entry(api):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    response = api.post(
        f"{SESSIONS}{session.pk}/check-in/",
        {"code": registration.code, "method": "paper"},
        content_type="application/json",
    )
    assert response.json()["registration"]["late_entry"] is True
    assert response.json()["registration"]["attended_at"] == "2024-11-22T09:00:00+08:00"


def test_check_in_at_a_cancelled_session_is_a_conflict(api):
    session = SessionFactory(cancelled=True)
    registration = RegistrationFactory(session=session)
    response = api.post(
        f"{SESSIONS}{session.pk}/check-in/",
        {"code": registration.code},
        content_type="application/json",
    )
    assert response.status_code == 409
    registration.refresh_from_db()
    assert registration.attended_at is None


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("clerk_loajanan", 200),
        ("superuser", 200),
        ("clerk_tenggarong", 404),
        ("bkpsdm_officer", 403),
        ("coordinator", 403),
    ],
)
def test_only_who_may_check_in_at_this_door_marks_the_participant_present(
    request, client, persona, expected
):
    # On PostgreSQL the door's read and the UPDATE are one statement: the rule is written in
    # SQL there, and a refused check-in must leave the registration as it was.
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        f"{SESSIONS}{session.pk}/check-in/",
        {"code": registration.code},
        content_type="application/json",
    )
    assert response.status_code == expected
    registration.refresh_from_db()
    assert (registration.attended_at is not None) == (expected == 200)
    if expected == 200:
        assert registration.attendance_recorded_by == request.getfixturevalue(persona)
        assert registration.attendance_method == "qr"


def test_pledges_are_recorded_and_listed_within_scope(api, client, clerk_tenggarong):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    created = api.post(
        "/api/v1/training/pledges/",
        {"nip": registration.nip, "session": session.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["signed_on"] == "2024-11-22"
    again = api.post(
        "/api/v1/training/pledges/",
        {"nip": registration.nip, "session": session.pk},
        content_type="application/json",
    )
    assert (again.status_code, again.json()["id"]) == (200, created.json()["id"])
    assert api.get(f"/api/v1/training/pledges/?nip={registration.nip}").json()["count"] == 1
    client.force_login(clerk_tenggarong)
    assert client.get("/api/v1/training/pledges/").json()["count"] == 0
    elsewhere = client.post(
        "/api/v1/training/pledges/",
        {"nip": registration.nip, "session": session.pk},
        content_type="application/json",
    )
    assert elsewhere.status_code == 404


def test_the_schema_documents_the_training_api(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/training/sessions/{id}/registrations/",
        "/api/v1/training/sessions/{id}/check-in/",
        "/api/v1/training/pledges/",
        "/api/v1/reports/training-coverage/",
    ):
        assert path in schema


@pytest.mark.parametrize(
    ("scan", "queries", "expected"),
    [
        # token; session, right and registration in one read; the conditional update — in the
        # same statement on PostgreSQL (a data-modifying WITH), after it on SQLite
        ("first", {"postgresql": 2, "sqlite": 3}, "checked_in"),
        # ... and no update: the repeat scan is the cheapest request of all
        ("again", {"postgresql": 2, "sqlite": 2}, "already_checked_in"),
        ("unknown", {"postgresql": 2, "sqlite": 2}, "not_registered"),
    ],
)
def test_a_check_in_costs_a_fixed_number_of_queries(
    client, clerk_loajanan, django_assert_num_queries, scan, queries, expected
):
    from apps.core.tokens import api_token_create

    _token, key = api_token_create(user=clerk_loajanan, name="kios")
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    url = f"{SESSIONS}{session.pk}/check-in/"
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    if scan == "again":
        client.post(url, {"code": registration.code}, content_type="application/json", **headers)
    code = "ZZZZ9999" if scan == "unknown" else registration.code
    with django_assert_num_queries(queries[connection.vendor]):
        response = client.post(url, {"code": code}, content_type="application/json", **headers)
    assert response.json()["status"] == expected


def test_phone_numbers_are_shown_only_to_the_sessions_own_office(api, client, bkpsdm_officer):
    session = SessionFactory()
    url = f"{SESSIONS}{session.pk}/registrations/"
    api.post(
        url,
        {"name": "Hasanuddin", "participant_type": "kepala_desa", "phone": "081255001122"},
        content_type="application/json",
    )
    assert api.get(url).json()["results"][0]["phone"] == "+6281255001122"
    client.force_login(bkpsdm_officer)
    assert client.get(url).json()["results"][0]["phone"] == ""
    export = client.get(f"/training/sesi/{session.pk}/daftar-hadir/unduh/?format=csv")
    assert "81255001122" not in b"".join(export.streaming_content).decode()


def test_a_start_filter_with_an_extreme_utc_offset_is_compared_in_utc(client, bkpsdm_officer):
    SessionFactory(title="A", starts_at=wita(2024, 11, 22, 9))
    client.force_login(bkpsdm_officer)
    response = client.get(SESSIONS + "?starts_after=2024-11-22T23:30:00%2B23:00")
    assert response.status_code == 200
    assert [s["title"] for s in response.json()["results"]] == ["A"]  # 00:30 UTC < 01:00 UTC


def _check_in(client, session, code):
    return client.post(
        f"{SESSIONS}{session.pk}/check-in/", {"code": code}, content_type="application/json"
    ).json()["status"]


def _prepared_door_statements() -> int:
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["WITH door AS (%"],
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_the_doors_statement_is_prepared_once_per_connection(api):
    session = SessionFactory()
    first, second = RegistrationFactory(session=session), RegistrationFactory(session=session)
    assert _check_in(api, session, first.code) == "checked_in"
    prepared = _prepared_door_statements()
    assert prepared >= 1
    assert _check_in(api, session, second.code) == "checked_in"
    assert _check_in(api, session, second.code) == "already_checked_in"
    assert _prepared_door_statements() == prepared  # the same statement served them all


def test_without_prepared_statements_the_door_answers_the_same(api, settings):
    # For a pooler in transaction mode (PgBouncer before 1.21): no statement is prepared.
    settings.NETRAL_DOOR_PREPARED_STATEMENTS = False
    session = SessionFactory(title="Tanpa prepared statement")
    registration = RegistrationFactory(session=session)
    before = _prepared_door_statements()
    assert _check_in(api, session, registration.code) == "checked_in"
    assert _check_in(api, session, registration.code) == "already_checked_in"
    assert _check_in(api, session, "ZZZZ9999") == "not_registered"
    registration.refresh_from_db()
    assert registration.attendance_method == "qr"
    assert _prepared_door_statements() == before


def test_a_check_in_body_is_checked_the_same_on_every_request(api):
    # The body's fields are bound once per process (issue 22): one bad body must not leak into
    # the next, and each gets its own errors, named.
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    url = f"{SESSIONS}{session.pk}/check-in/"
    empty = api.post(url, {}, content_type="application/json")
    assert empty.status_code == 400
    assert empty.json()["error"]["fields"] == {"code": ["Isi code (kode QR) atau nip."]}
    too_long = api.post(url, {"code": "X" * 65}, content_type="application/json")
    assert too_long.status_code == 400
    assert list(too_long.json()["error"]["fields"]) == ["code"]
    bad_time = api.post(
        url, {"code": registration.code, "attended_at": "kemarin"}, content_type="application/json"
    )
    assert list(bad_time.json()["error"]["fields"]) == ["attended_at"]
    not_an_object = api.post(url, ["kode"], content_type="application/json")
    assert not_an_object.status_code == 400
    registration.refresh_from_db()
    assert registration.attended_at is None
    done = api.post(url, {"code": registration.code}, content_type="application/json")
    assert done.json()["status"] == "checked_in"
