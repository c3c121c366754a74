import threading
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from apps.core.errors import Conflict, Forbidden, InvalidInput
from apps.training import services
from apps.training.models import AttendanceMethod, Registration, Session
from tests.factories import CivilServantFactory, kecamatan
from tests.training.factories import SessionFactory, wita

pytestmark = pytest.mark.django_db
# Sessions a clerk creates lie ahead (a clerk may not date one back more than 30 days).
NEXT_YEAR = timezone.localdate().year + 1

VILLAGE_HEAD = {
    "name": "Hasanuddin",
    "participant_type": "kepala_desa",
    "institution": "Desa Batuah",
    "phone": "0812-5500-1122",
}


def test_a_clerk_creates_a_session_in_their_own_kecamatan(clerk_loajanan):
    session = services.session_create(
        actor=clerk_loajanan,
        title="Sosialisasi Netralitas ASN",
        starts_at=wita(NEXT_YEAR, 11, 22, 9),
        ends_at=wita(NEXT_YEAR, 11, 22, 12),
        venue="Aula Kantor Camat Loa Janan",
        speakers=[{"name": "Rahmat Hidayat", "institution": "Bawaslu Kukar"}],
    )
    assert session.kecamatan.code == "64.02.03"
    assert session.created_by == clerk_loajanan
    assert [s.institution for s in session.speakers.all()] == ["Bawaslu Kukar"]


def test_a_clerk_cannot_create_a_session_in_another_kecamatan(clerk_loajanan):
    with pytest.raises(Forbidden):
        services.session_create(
            actor=clerk_loajanan,
            title="Sosialisasi",
            starts_at=wita(2024, 11, 22, 9),
            ends_at=wita(2024, 11, 22, 12),
            venue="Aula",
            kecamatan=kecamatan("64.02.06"),
        )


def test_bkpsdm_cannot_create_a_session(bkpsdm_officer):
    with pytest.raises(Forbidden):
        services.session_create(
            actor=bkpsdm_officer,
            title="Sosialisasi",
            starts_at=wita(2024, 11, 22, 9),
            ends_at=wita(2024, 11, 22, 12),
            venue="Aula",
        )


def test_a_session_must_end_after_it_starts(clerk_loajanan):
    with pytest.raises(InvalidInput) as error:
        services.session_create(
            actor=clerk_loajanan,
            title="Sosialisasi",
            starts_at=wita(2024, 11, 22, 12),
            ends_at=wita(2024, 11, 22, 9),
            venue="Aula",
        )
    assert "ends_at" in error.value.fields


def test_the_tenggarong_clerk_cannot_update_a_loa_janan_session(clerk_tenggarong):
    session = SessionFactory()
    with pytest.raises(Forbidden):
        services.session_update(session=session, actor=clerk_tenggarong, title="Diubah")
    session.refresh_from_db()
    assert session.title != "Diubah"


def test_capacity_cannot_drop_below_the_registered_count(clerk_loajanan):
    session = SessionFactory()
    for _ in range(3):
        services.registration_add(
            session=session, actor=clerk_loajanan, nip=CivilServantFactory().nip
        )
    with pytest.raises(InvalidInput) as error:
        services.session_update(session=session, actor=clerk_loajanan, capacity=2)
    assert "3 peserta" in error.value.fields["capacity"][0]


def test_registering_by_nip_fills_name_agency_and_position_from_the_registry(clerk_loajanan):
    person = CivilServantFactory(position="Guru Ahli Muda")
    registration, created = services.registration_add(
        session=SessionFactory(), actor=clerk_loajanan, nip=person.nip
    )
    assert created
    assert (registration.name, registration.nip, registration.position) == (
        person.name,
        person.nip,
        "Guru Ahli Muda",
    )
    assert registration.institution == person.agency.name
    assert registration.participant_type == "asn"
    assert len(registration.code) == services.CODE_LENGTH


def test_an_unknown_nip_is_refused_with_a_message_naming_the_problem(clerk_loajanan):
    session = SessionFactory()
    cases = {
        "198501012010011001": "tidak ditemukan di data ASN",
        "198501012010011": "18 digit",
        "198501012010013001": "Digit ke-15",
    }
    for nip, message in cases.items():
        with pytest.raises(InvalidInput) as error:
            services.registration_add(session=session, actor=clerk_loajanan, nip=nip)
        assert message in error.value.fields["nip"][0]
    assert session.registrations.count() == 0


def test_an_inactive_civil_servant_cannot_be_registered(clerk_loajanan):
    person = CivilServantFactory(is_active=False)
    with pytest.raises(InvalidInput) as error:
        services.registration_add(session=SessionFactory(), actor=clerk_loajanan, nip=person.nip)
    assert "tidak aktif" in error.value.fields["nip"][0]


def test_the_same_asn_twice_gives_the_existing_registration(clerk_loajanan, superuser):
    session = SessionFactory()
    nip = CivilServantFactory().nip
    first, created = services.registration_add(session=session, actor=clerk_loajanan, nip=nip)
    again, created_again = services.registration_add(
        session=session, actor=superuser, nip=f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert session.registrations.count() == 1


def test_a_non_asn_with_the_same_name_and_phone_written_differently_is_one_person(clerk_loajanan):
    session = SessionFactory()
    first, _ = services.registration_add(session=session, actor=clerk_loajanan, **VILLAGE_HEAD)
    again, created = services.registration_add(
        session=session,
        actor=clerk_loajanan,
        **{**VILLAGE_HEAD, "name": "  HASANUDDIN ", "phone": "+62 812 5500 1122"},
    )
    assert not created and again.pk == first.pk
    assert first.phone == "+6281255001122"
    assert session.registrations.count() == 1


def test_a_non_asn_with_the_same_nik_is_one_person(clerk_loajanan):
    session = SessionFactory()
    nik = "6402030101800001"
    first, _ = services.registration_add(
        session=session, actor=clerk_loajanan, **{**VILLAGE_HEAD, "nik": nik}
    )
    again, created = services.registration_add(
        session=session,
        actor=clerk_loajanan,
        **{**VILLAGE_HEAD, "name": "H. Hasanuddin", "phone": "", "nik": nik},
    )
    assert not created and again.pk == first.pk


def test_a_non_asn_needs_a_type_and_a_phone_or_nik(clerk_loajanan):
    with pytest.raises(InvalidInput) as error:
        services.registration_add(
            session=SessionFactory(), actor=clerk_loajanan, name="Tanpa Kontak"
        )
    assert set(error.value.fields) == {"participant_type", "phone"}


def test_the_database_decides_when_two_clerks_insert_the_same_person(clerk_loajanan, monkeypatch):
    """The race: both clerks looked and found no one; the unique constraint lets one in."""
    session = SessionFactory()
    nip = CivilServantFactory().nip
    winner, _ = services.registration_add(session=session, actor=clerk_loajanan, nip=nip)
    real_existing = services._existing
    calls = []

    def looked_before_the_other_clerk_saved(session, person):
        calls.append(1)
        return None if len(calls) == 1 else real_existing(session, person)

    monkeypatch.setattr(services, "_existing", looked_before_the_other_clerk_saved)
    loser, created = services.registration_add(session=session, actor=clerk_loajanan, nip=nip)
    assert not created and loser.pk == winner.pk
    assert len(calls) == 2
    assert session.registrations.count() == 1


def test_a_full_session_refuses_new_participants(clerk_loajanan):
    session = SessionFactory(capacity=1)
    services.registration_add(session=session, actor=clerk_loajanan, nip=CivilServantFactory().nip)
    with pytest.raises(Conflict):
        services.registration_add(
            session=session, actor=clerk_loajanan, nip=CivilServantFactory().nip
        )


def test_a_cancelled_session_takes_no_registrations(clerk_loajanan):
    with pytest.raises(Conflict):
        services.registration_add(
            session=SessionFactory(cancelled=True), actor=clerk_loajanan, **VILLAGE_HEAD
        )


def test_the_first_check_in_marks_the_participant_present(clerk_loajanan):
    session = SessionFactory()
    registration, _ = services.registration_add(
        session=session, actor=clerk_loajanan, **VILLAGE_HEAD
    )
    status, checked = services.participant_check_in(
        session=session, actor=clerk_loajanan, code=registration.code.lower()
    )
    assert status == services.CHECKED_IN
    registration.refresh_from_db()
    assert registration.attended_at is not None
    assert registration.attendance_method == AttendanceMethod.QR
    assert registration.attendance_recorded_by == clerk_loajanan
    assert checked.attended_at == registration.attended_at


def test_a_second_check_in_records_nothing_new(
    clerk_loajanan, superuser, django_assert_num_queries
):
    session = SessionFactory()
    person = CivilServantFactory()
    registration, _ = services.registration_add(
        session=session, actor=clerk_loajanan, nip=person.nip
    )
    services.participant_check_in(session=session, actor=clerk_loajanan, nip=person.nip)
    registration.refresh_from_db()
    before = (
        registration.attended_at,
        registration.attendance_method,
        registration.attendance_recorded_by_id,
    )
    with django_assert_num_queries(1):  # one SELECT, no UPDATE
        status, again = services.participant_check_in(
            session=session, actor=superuser, code=registration.code
        )
    assert status == services.ALREADY_CHECKED_IN
    assert again.pk == registration.pk
    registration.refresh_from_db()
    after = (
        registration.attended_at,
        registration.attendance_method,
        registration.attendance_recorded_by_id,
    )
    assert after == before
    assert before[1] == AttendanceMethod.KIOSK_NIP


def test_a_code_of_another_session_is_not_registered_here(clerk_loajanan):
    registration, _ = services.registration_add(
        session=SessionFactory(), actor=clerk_loajanan, **VILLAGE_HEAD
    )
    status, found = services.participant_check_in(
        session=SessionFactory(), actor=clerk_loajanan, code=registration.code
    )
    assert (status, found) == (services.NOT_REGISTERED, None)


def test_the_tenggarong_clerk_cannot_check_in_at_a_loa_janan_session(
    clerk_loajanan, clerk_tenggarong
):
    session = SessionFactory()
    registration, _ = services.registration_add(
        session=session, actor=clerk_loajanan, **VILLAGE_HEAD
    )
    with pytest.raises(Forbidden):
        services.participant_check_in(
            session=session, actor=clerk_tenggarong, code=registration.code
        )
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_a_paper_list_entry_is_marked_late_and_dated_at_the_session(clerk_loajanan):
    session = SessionFactory()
    registration, _ = services.registration_add(
        session=session, actor=clerk_loajanan, **VILLAGE_HEAD
    )
    marked = services.attendance_record_paper(
        session=session, actor=clerk_loajanan, registration_ids=[registration.pk]
    )
    assert marked == 1
    registration.refresh_from_db()
    assert registration.is_late_entry
    assert registration.attended_at == session.starts_at
    assert registration.attendance_recorded_at > session.starts_at
    assert (
        services.attendance_record_paper(
            session=session, actor=clerk_loajanan, registration_ids=[registration.pk]
        )
        == 0
    )


def test_the_kiosk_input_tells_a_nip_from_a_code():
    assert services.split_scan(" 19850101 201001 1 001 ") == (None, "198501012010011001")
    assert services.split_scan("abcd2345\n") == ("ABCD2345", None)


def test_a_pledge_at_a_session_needs_a_registration_and_is_recorded_once(clerk_loajanan):
    session = SessionFactory()
    person = CivilServantFactory()
    with pytest.raises(InvalidInput):
        services.pledge_record(actor=clerk_loajanan, nip=person.nip, session=session)
    services.registration_add(session=session, actor=clerk_loajanan, nip=person.nip)
    pledge, created = services.pledge_record(actor=clerk_loajanan, nip=person.nip, session=session)
    again, created_again = services.pledge_record(
        actor=clerk_loajanan, nip=person.nip, session=session
    )
    assert (created, created_again) == (True, False)
    assert again.pk == pledge.pk
    assert pledge.signed_on == date(2024, 11, 22)
    assert pledge.kecamatan.code == "64.02.03"


def test_bkpsdm_records_a_pledge_signed_outside_a_session(bkpsdm_officer, investigator):
    person = CivilServantFactory()
    pledge, created = services.pledge_record(
        actor=bkpsdm_officer, civil_servant=person, signed_on=date(2024, 10, 1)
    )
    assert created and pledge.session is None and pledge.kecamatan is None
    with pytest.raises(Forbidden):
        services.pledge_record(
            actor=investigator, civil_servant=person, signed_on=date(2024, 10, 2)
        )


def test_a_pledge_cannot_be_dated_in_the_future(bkpsdm_officer):
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    with pytest.raises(InvalidInput):
        services.pledge_record(
            actor=bkpsdm_officer, civil_servant=CivilServantFactory(), signed_on=tomorrow
        )


def test_a_pledge_document_must_be_a_pdf_or_an_image(bkpsdm_officer, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    person = CivilServantFactory()
    with pytest.raises(InvalidInput) as error:
        services.pledge_record(
            actor=bkpsdm_officer,
            civil_servant=person,
            document=SimpleUploadedFile("pakta.pdf", b"not a pdf at all"),
        )
    assert "PDF" in error.value.fields["document"][0]
    pledge, _ = services.pledge_record(
        actor=bkpsdm_officer,
        civil_servant=person,
        document=SimpleUploadedFile("pakta.pdf", b"%PDF-1.4\n%test\n"),
    )
    assert pledge.document_content_type == "application/pdf"
    assert len(pledge.document_sha256) == 64


# --- concurrency against PostgreSQL: real transactions in parallel threads ---


def _in_parallel(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait(timeout=10)
            results[index] = work(index)
        except Exception as exc:  # reported by the callers' assertions
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_adding_the_same_person_at_the_same_moment_leave_one_row(reference_data):
    from tests.factories import persona

    clerks = [
        persona("camat_clerk", username=f"camat-{i}", kecamatan_code="64.02.03") for i in range(2)
    ]
    session = SessionFactory()
    nip = CivilServantFactory().nip
    for _round in range(5):
        results = _in_parallel(
            8,
            lambda i: services.registration_add(
                session=session, actor=clerks[i % 2], **VILLAGE_HEAD
            ),
        )
        assert not [r for r in results if isinstance(r, Exception)], results
        assert len({r[0].pk for r in results}) == 1
        assert sum(created for _reg, created in results) <= 1
    results = _in_parallel(
        8, lambda i: services.registration_add(session=session, actor=clerks[i % 2], nip=nip)
    )
    assert [created for _r, created in results].count(True) == 1
    assert Registration.objects.filter(session=session).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_scans_of_one_code_check_in_exactly_once(reference_data):
    from tests.factories import persona

    clerk = persona("camat_clerk", username="camat-kios", kecamatan_code="64.02.03")
    session = SessionFactory()
    registration, _ = services.registration_add(session=session, actor=clerk, **VILLAGE_HEAD)
    results = _in_parallel(
        8,
        lambda i: services.participant_check_in(
            session=session, actor=clerk, code=registration.code
        ),
    )
    statuses = [r[0] for r in results]
    assert statuses.count(services.CHECKED_IN) == 1
    assert statuses.count(services.ALREADY_CHECKED_IN) == 7


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_do_not_overfill_a_session(reference_data):
    from tests.factories import persona

    clerk = persona("camat_clerk", username="camat-kapasitas", kecamatan_code="64.02.03")
    session = SessionFactory(capacity=3)
    people = [CivilServantFactory().nip for _ in range(8)]
    results = _in_parallel(
        8, lambda i: services.registration_add(session=session, actor=clerk, nip=people[i])
    )
    assert sum(isinstance(r, Conflict) for r in results) == 5
    assert Session.objects.get(pk=session.pk).registrations.count() == 3


def test_overlong_or_blank_values_are_field_errors_not_crashes(clerk_loajanan):
    session = SessionFactory()
    with pytest.raises(InvalidInput) as error:
        services.registration_add(
            session=session, actor=clerk_loajanan, **{**VILLAGE_HEAD, "institution": "x" * 201}
        )
    assert "200 karakter" in error.value.fields["institution"][0]
    registration, _ = services.registration_add(
        session=session, actor=clerk_loajanan, **{**VILLAGE_HEAD, "name": "ß" * 200}
    )
    assert len(registration.name_normalised) == 200
    with pytest.raises(InvalidInput) as error:
        services.session_update(session=session, actor=clerk_loajanan, title="   ")
    assert "title" in error.value.fields


def test_a_session_in_an_impossible_year_is_refused(clerk_loajanan):
    with pytest.raises(InvalidInput) as error:
        services.session_create(
            actor=clerk_loajanan,
            title="Sosialisasi",
            starts_at=wita(1301, 11, 22, 9),
            ends_at=wita(2024, 11, 22, 12),
            venue="Aula",
        )
    assert "1301" in error.value.fields["starts_at"][0]
