import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from apps.training import services
from apps.training.models import Session
from tests.factories import CivilServantFactory
from tests.training.factories import RegistrationFactory, SessionFactory

# Sessions a clerk creates lie ahead (a clerk may not date one back more than 30 days).
NEXT_YEAR = timezone.localdate().year + 1

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, clerk_loajanan):
    client.force_login(clerk_loajanan)
    return client


def url(name, session=None, **query):
    path = reverse(f"training:{name}", args=[session.pk] if session else [])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_home_page_sends_a_clerk_to_their_sessions(clerk_client):
    assert clerk_client.get("/").url == reverse("training:session-list")


def test_a_clerk_lists_only_the_sessions_of_their_kecamatan(clerk_client):
    mine = SessionFactory(title="Sesi Loa Janan")
    SessionFactory(title="Sesi Tenggarong", tenggarong=True)
    page = clerk_client.get(url("session-list")).content.decode()
    assert mine.title in page
    assert "Sesi Tenggarong" not in page


def test_a_loa_janan_clerk_cannot_see_or_change_a_tenggarong_session(clerk_client):
    other = SessionFactory(title="Sesi Tenggarong", tenggarong=True)
    registration = RegistrationFactory(session=other)
    for name in ("session-detail", "session-update", "kiosk", "attendance-sheet"):
        assert clerk_client.get(url(name, other)).status_code == 404
    response = clerk_client.post(
        url("session-update", other),
        {"title": "Diambil alih", "starts_at": "2024-11-20T09:00", "ends_at": "2024-11-20T12:00"},
    )
    assert response.status_code == 404
    assert clerk_client.post(url("kiosk", other), {"value": registration.code}).status_code == 404
    other.refresh_from_db()
    registration.refresh_from_db()
    assert other.title == "Sesi Tenggarong"
    assert registration.attended_at is None


def _session_post(**overrides):
    data = {
        "title": "Sosialisasi Netralitas ASN",
        "starts_at": f"{NEXT_YEAR}-11-22T09:00",
        "ends_at": f"{NEXT_YEAR}-11-22T12:00",
        "venue": "Aula Kantor Camat Loa Janan",
        "organiser": "",
        "capacity": "60",
        "status": "planned",
        "description": "",
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "20",
        "speakers-0-name": "Rahmawati",
        "speakers-0-institution": "BKPSDM",
        "speakers-0-topic": "",
        "speakers-1-name": "",
        "speakers-1-institution": "",
        "speakers-1-topic": "",
    }
    data.update(overrides)
    return data


def test_a_clerk_creates_a_session_with_its_times_in_wita(clerk_client):
    response = clerk_client.post(url("session-create"), _session_post())
    session = Session.objects.get()
    assert response.url == url("session-detail", session)
    assert session.kecamatan.code == "64.02.03"
    assert session.starts_at.isoformat() == f"{NEXT_YEAR}-11-22T01:00:00+00:00"
    assert [(s.name, s.institution) for s in session.speakers.all()] == [("Rahmawati", "BKPSDM")]


def test_the_session_form_shows_what_is_wrong(clerk_client):
    response = clerk_client.post(
        url("session-create"),
        _session_post(ends_at=f"{NEXT_YEAR}-11-22T08:00", **{"speakers-1-name": "X"}),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Waktu selesai harus setelah waktu mulai." in page
    assert not Session.objects.exists()


def test_a_clerk_edits_a_session_and_its_speakers(clerk_client):
    session = SessionFactory()
    assert (
        'value="2024-11-22T09:00"'
        in clerk_client.get(url("session-update", session)).content.decode()
    )
    clerk_client.post(
        url("session-update", session),
        _session_post(title="Judul baru", **{"speakers-0-institution": "Bawaslu"}),
    )
    session.refresh_from_db()
    assert session.title == "Judul baru"
    assert [s.institution for s in session.speakers.all()] == ["Bawaslu"]


def test_typing_a_nip_shows_who_it_is_before_saving(clerk_client):
    session = SessionFactory()
    person = CivilServantFactory()
    preview = clerk_client.get(url("registration-add", session, nip=person.nip)).content.decode()
    assert person.name in preview
    assert not session.registrations.exists()
    lookup = clerk_client.get(url("nip-lookup", nip=person.nip)).json()
    assert lookup["found"] and lookup["name"] == person.name
    assert "agency" not in lookup and "position" not in lookup  # issue 19: no registry oracle
    missing = clerk_client.get(url("nip-lookup", nip="198501012010011001")).json()
    assert not missing["found"] and "tidak ditemukan" in missing["message"]


def test_a_clerk_adds_an_asn_by_nip_and_a_second_time_is_told_they_are_registered(clerk_client):
    session = SessionFactory()
    person = CivilServantFactory()
    first = clerk_client.post(
        url("registration-add", session), {"kind": "asn", "asn-nip": person.nip}, follow=True
    )
    assert f"{person.name} didaftarkan." in first.content.decode()
    again = clerk_client.post(
        url("registration-add", session), {"kind": "asn", "asn-nip": person.nip}, follow=True
    )
    assert "sudah terdaftar sebelumnya" in again.content.decode()
    assert session.registrations.count() == 1


def test_a_clerk_adds_a_village_head(clerk_client):
    session = SessionFactory()
    response = clerk_client.post(
        url("registration-add", session),
        {
            "kind": "non_asn",
            "lain-participant_type": "kepala_desa",
            "lain-name": "Hasanuddin",
            "lain-institution": "Desa Batuah",
            "lain-phone": "081255001122",
            "lain-nik": "",
            "lain-position": "Kepala Desa",
        },
    )
    assert response.status_code == 302
    registration = session.registrations.get()
    assert (registration.participant_type, registration.phone) == ("kepala_desa", "+6281255001122")


def test_a_bad_non_asn_entry_shows_the_field_errors(clerk_client):
    session = SessionFactory()
    response = clerk_client.post(
        url("registration-add", session),
        {"kind": "non_asn", "lain-participant_type": "kepala_desa", "lain-name": "Tanpa Kontak"},
    )
    assert "Isi nomor telepon (atau NIK)" in response.content.decode()
    assert not session.registrations.exists()


def test_the_session_page_lists_participants_with_counts(clerk_client, clerk_loajanan):
    session = SessionFactory()
    present = RegistrationFactory(session=session)
    RegistrationFactory(session=session)
    services.participant_check_in(session=session, actor=clerk_loajanan, code=present.code)
    response = clerk_client.get(url("session-detail", session))
    assert response.context["counts"]["registered"] == 2
    assert response.context["counts"]["present"] == 1
    page = response.content.decode()
    assert present.name in page and "Belum hadir" in page


def test_the_kiosk_answers_present_then_already_present_then_not_registered(clerk_client):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    kiosk = url("kiosk", session)
    first = clerk_client.post(kiosk, {"value": registration.code}, HTTP_ACCEPT="application/json")
    assert (first.json()["status"], first.json()["headline"]) == ("checked_in", "HADIR")
    assert first.json()["name"] == registration.name
    assert first.json()["counts"]["present"] == 1
    second = clerk_client.post(kiosk, {"value": registration.nip}, HTTP_ACCEPT="application/json")
    assert (second.json()["status"], second.json()["headline"]) == (
        "already_checked_in",
        "SUDAH HADIR",
    )
    unknown = clerk_client.post(kiosk, {"value": "ZZZZ9999"}, HTTP_ACCEPT="application/json")
    assert (unknown.json()["status"], unknown.json()["headline"]) == (
        "not_registered",
        "TIDAK TERDAFTAR",
    )
    registration.refresh_from_db()
    assert registration.attendance_method == "qr"


def test_the_kiosk_works_without_javascript(clerk_client):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    page = clerk_client.post(url("kiosk", session), {"value": registration.code}).content.decode()
    assert "tone-ok" in page and ">HADIR<" in page and registration.name in page
    assert 'id="kiosk-input" name="value" autofocus' in page


def test_the_printable_attendance_list_has_one_qr_code_per_participant(clerk_client):
    session = SessionFactory()
    registrations = [RegistrationFactory(session=session) for _ in range(3)]
    page = clerk_client.get(url("attendance-sheet", session)).content.decode()
    assert page.count("<svg") == 3
    for registration in registrations:
        assert f"<title>{registration.code}</title>" in page
    assert "https://" not in page.split("<main>")[1]  # nothing loaded from elsewhere


def test_the_attendance_list_downloads_as_csv_and_xlsx(clerk_client, clerk_loajanan):
    session = SessionFactory()
    registration = RegistrationFactory(session=session, name="=HYPERLINK(1)")
    services.participant_check_in(session=session, actor=clerk_loajanan, code=registration.code)
    csv_text = b"".join(
        clerk_client.get(url("attendance-export", session, format="csv")).streaming_content
    ).decode()
    assert "Nama" in csv_text and "'=HYPERLINK(1)" in csv_text and ",ya," in csv_text
    response = clerk_client.get(url("attendance-export", session, format="xlsx"))
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0][1] == "Nama"
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert rows[1][7] == registration.code


def test_paper_list_entries_are_marked_as_late(clerk_client):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    clerk_client.post(url("attendance-paper", session), {"registration": [registration.pk]})
    registration.refresh_from_db()
    assert registration.is_late_entry
    assert "daftar kertas" in clerk_client.get(url("session-detail", session)).content.decode()


def _xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("peserta.xlsx", buffer.getvalue())


def test_the_import_page_reports_every_bad_row_and_keeps_the_good_ones(
    clerk_client, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    people = [CivilServantFactory() for _ in range(2)]
    upload = _xlsx(
        [
            ["NIP", "Nama", "Jenis Peserta", "Instansi", "Telepon"],
            [people[0].nip, None, None, None, None],
            ["198501012010013001", None, None, None, None],
            [None, "Hasanuddin", "Kepala Desa", "Desa Batuah", "0812 5500 1122"],
            [None, "Tanpa Jenis", None, "Desa Bakungan", "081299998888"],
            [people[1].nip, None, None, None, None],
            [people[0].nip, None, None, None, None],
        ]
    )
    # The worker registers the list after the upload commits; the status page shows the report.
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = clerk_client.post(url("registration-import", session), {"file": upload})
    response = clerk_client.get(uploaded.url)
    report = response.context["report"]
    assert [(o.row, o.status) for o in report.outcomes] == [
        (2, "created"),
        (3, "error"),
        (4, "created"),
        (5, "error"),
        (6, "created"),
        (7, "existing"),
    ]
    page = response.content.decode()
    assert "Digit ke-15" in page and "jenis peserta" in page.lower()
    assert session.registrations.count() == 3


def test_the_pledge_pages_record_a_pledge_for_a_participant(clerk_client):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    response = clerk_client.post(
        url("session-pledges", session), {"nip": registration.nip}, follow=True
    )
    assert "dicatat" in response.content.decode()
    assert session.pledges.get().civil_servant == registration.civil_servant
    listing = clerk_client.get(url("pledge-list")).content.decode()
    assert registration.civil_servant.name in listing


def test_a_pledge_document_is_served_only_to_who_may_see_it(
    client, clerk_loajanan, clerk_tenggarong, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    pledge, _ = services.pledge_record(
        actor=clerk_loajanan,
        nip=registration.nip,
        session=session,
        document=SimpleUploadedFile("pakta.pdf", b"%PDF-1.4\n%pakta\n"),
    )
    client.force_login(clerk_tenggarong)
    assert client.get(url("pledge-document", pledge)).status_code == 404
    client.force_login(clerk_loajanan)
    response = client.get(url("pledge-document", pledge))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_pages_are_in_bahasa_indonesia_and_phone_ready(clerk_client):
    page = clerk_client.get(url("session-list")).content.decode()
    assert '<html lang="id">' in page
    assert 'name="viewport"' in page
    assert "training/training.css" in page
    assert json.dumps("Sesi sosialisasi")[1:-1] in page
