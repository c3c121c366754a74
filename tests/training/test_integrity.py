"""Rules 1 and 4 of issue 19: training records nobody can fake. Each test is a request of the
security review that was accepted before and is refused (or audited) now."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from apps.core.errors import Conflict, Forbidden, InvalidInput
from apps.training import attendance, services
from apps.training.models import IntegrityPledge, Registration, TrainingEvent
from apps.training.selectors import respondent_training_history
from tests.factories import CivilServantFactory, kecamatan
from tests.training.factories import PledgeFactory, RegistrationFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db


# --- 1. no fabricated history ---


def test_a_clerk_cannot_record_a_pledge_for_an_asn_of_another_kecamatan(clerk_tenggarong):
    muara_kaman = CivilServantFactory(kecamatan=kecamatan("64.02.13"))
    with pytest.raises(Forbidden) as refused:
        services.pledge_record(actor=clerk_tenggarong, civil_servant=muara_kaman)
    assert "tidak bertugas di kecamatan Anda" in refused.value.message
    assert not IntegrityPledge.objects.exists()


def test_a_clerk_cannot_date_a_pledge_in_2020(clerk_loajanan):
    own = CivilServantFactory(kecamatan=kecamatan("64.02.03"))
    with pytest.raises(InvalidInput) as refused:
        services.pledge_record(actor=clerk_loajanan, civil_servant=own, signed_on=date(2020, 1, 1))
    assert "paling lama 30 hari" in refused.value.fields["signed_on"][0]
    recent = timezone.localdate() - timedelta(days=10)
    pledge, created = services.pledge_record(
        actor=clerk_loajanan, civil_servant=own, signed_on=recent
    )
    assert created and pledge.signed_on == recent


def test_a_pledge_at_a_session_is_dated_within_the_session(clerk_loajanan):
    session = SessionFactory()  # 22 November 2024
    registration = RegistrationFactory(session=session)
    with pytest.raises(InvalidInput) as refused:
        services.pledge_record(
            actor=clerk_loajanan,
            civil_servant=registration.civil_servant,
            session=session,
            signed_on=date(2020, 1, 1),
        )
    assert "22-11-2024" in refused.value.fields["signed_on"][0]


def test_a_clerk_cannot_create_a_session_starting_in_2020(clerk_loajanan):
    with pytest.raises(InvalidInput) as refused:
        services.session_create(
            actor=clerk_loajanan,
            title="Sosialisasi",
            starts_at=wita(2020, 1, 1, 9),
            ends_at=wita(2020, 1, 1, 12),
            venue="Aula",
        )
    assert "30 hari" in refused.value.fields["starts_at"][0]


def test_a_coordinator_may_date_a_session_back_and_it_is_audited(superuser):
    session = services.session_create(
        actor=superuser,
        title="Sosialisasi lama",
        starts_at=wita(2024, 11, 22, 9),
        ends_at=wita(2024, 11, 22, 12),
        venue="Aula",
        kecamatan=kecamatan("64.02.03"),
    )
    event = TrainingEvent.objects.get(action=TrainingEvent.Action.SESSION_BACKDATED)
    assert (event.session_id, event.actor_id) == (session.pk, superuser.pk)


def test_a_paper_check_in_is_dated_within_the_session(client, clerk_loajanan):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    client.force_login(clerk_loajanan)
    response = client.post(
        f"/api/v1/training/sessions/{session.pk}/check-in/",
        {"code": registration.code, "method": "paper", "attended_at": "1999-01-01T09:00:00Z"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "dalam jam sesi" in response.json()["error"]["fields"]["attended_at"][0]
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_a_paper_list_of_a_session_still_to_come_is_refused(clerk_loajanan):
    later = timezone.now() + timedelta(days=3)
    session = SessionFactory(starts_at=later, ends_at=later + timedelta(hours=3))
    registration = RegistrationFactory(session=session)
    with pytest.raises(InvalidInput):
        attendance.attendance_record_paper(
            session=session, actor=clerk_loajanan, registration_ids=[registration.pk]
        )


def test_every_attendance_shows_who_entered_it_how_and_when(client, clerk_loajanan):
    session = SessionFactory()
    on_paper, scanned = RegistrationFactory.create_batch(2, session=session)
    attendance.attendance_record_paper(
        session=session, actor=clerk_loajanan, registration_ids=[on_paper.pk]
    )
    attendance.participant_check_in(session=session, actor=clerk_loajanan, code=scanned.code)
    client.force_login(clerk_loajanan)
    page = client.get(reverse("training:session-detail", args=[session.pk])).content.decode()
    assert "daftar kertas" in page
    assert "Pindai kode QR" in page
    assert page.count("camat-loajanan") >= 2


def test_a_coordinator_voids_an_attendance_with_a_reason_and_it_is_audited(
    coordinator, clerk_loajanan
):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    attendance.attendance_record_paper(
        session=session, actor=clerk_loajanan, registration_ids=[registration.pk]
    )
    with pytest.raises(Forbidden):
        attendance.attendance_void(
            registration=registration, actor=clerk_loajanan, reason="tidak ada di daftar"
        )
    with pytest.raises(InvalidInput):
        attendance.attendance_void(registration=registration, actor=coordinator, reason="x")
    attendance.attendance_void(
        registration=registration, actor=coordinator, reason="Tanda tangan di daftar palsu"
    )
    assert Registration.objects.get(pk=registration.pk).attended_at is None
    event = TrainingEvent.objects.get(action=TrainingEvent.Action.ATTENDANCE_VOIDED)
    assert event.reason == "Tanda tangan di daftar palsu"
    assert event.data["attendance_method"] == "paper"
    assert event.data["attendance_recorded_by_id"] == clerk_loajanan.pk
    with pytest.raises(Conflict):
        attendance.attendance_void(
            registration=registration, actor=coordinator, reason="Tanda tangan di daftar palsu"
        )


def test_a_voided_pledge_no_longer_counts_for_the_case_and_is_audited(coordinator):
    person = CivilServantFactory()
    pledge = PledgeFactory(civil_servant=person, signed_on=date(2024, 10, 1))
    before = respondent_training_history({person.pk: date(2024, 11, 1)})
    assert before[person.pk]["pledge_before"]
    services.pledge_void(pledge=pledge, actor=coordinator, reason="Dicatat untuk orang yang salah")
    after = respondent_training_history({person.pk: date(2024, 11, 1)})
    assert not after[person.pk]["pledge_before"]
    event = TrainingEvent.objects.get(action=TrainingEvent.Action.PLEDGE_VOIDED)
    assert (event.pledge_id, event.actor_id) == (pledge.pk, coordinator.pk)


def test_the_case_view_shows_a_paper_entry_as_such(clerk_loajanan):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    attendance.attendance_record_paper(
        session=session, actor=clerk_loajanan, registration_ids=[registration.pk]
    )
    history = respondent_training_history({registration.civil_servant_id: date(2024, 12, 1)})
    assert history[registration.civil_servant_id]["paper_sessions_before"] == 1
    from django.template.loader import render_to_string

    rows = [
        {
            "name": "X",
            "nip": "1",
            "reference_date": date(2024, 12, 1),
            "reference_basis": "incident",
            **history[registration.civil_servant_id],
        }
    ]
    html = render_to_string("training/_case_training_history.html", {"training_history": rows})
    assert "dicatat kemudian dari daftar hadir kertas" in html


# --- 4. pledge scans are evidence ---


def _png(width, height, **info) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG", **info)
    return out.getvalue()


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "white")
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    exif[0x8825] = {1: "S", 2: (0.0, 25.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_an_image_scan_is_stored_without_exif_or_gps(bkpsdm_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = _jpeg_with_gps()
    assert b"KameraPonsel" in data
    pledge, _ = services.pledge_record(
        actor=bkpsdm_officer,
        civil_servant=CivilServantFactory(),
        document=SimpleUploadedFile("pakta.jpg", data),
    )
    stored = pledge.document.read()
    assert b"KameraPonsel" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    import hashlib

    assert pledge.document_sha256 == hashlib.sha256(stored).hexdigest()


def test_a_huge_image_is_refused_from_its_header_before_decoding(bkpsdm_officer, settings):
    settings.NETRAL_TRAINING_PLEDGE_MAX_PIXELS = 1_000_000
    with pytest.raises(InvalidInput) as refused:
        services.pledge_record(
            actor=bkpsdm_officer,
            civil_servant=CivilServantFactory(),
            document=SimpleUploadedFile("pakta.png", _png(1001, 1000)),
        )
    assert "1001×1000 piksel terlalu besar" in refused.value.fields["document"][0]


def test_a_file_claiming_to_be_a_pdf_is_typed_by_its_content(bkpsdm_officer):
    with pytest.raises(InvalidInput):
        services.pledge_record(
            actor=bkpsdm_officer,
            civil_servant=CivilServantFactory(),
            document=SimpleUploadedFile("pakta.pdf", b"<html><script>alert(1)</script>"),
        )


def test_a_scan_is_served_never_cached_and_sandboxed(client, bkpsdm_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pledge, _ = services.pledge_record(
        actor=bkpsdm_officer,
        civil_servant=CivilServantFactory(),
        document=SimpleUploadedFile("pakta.pdf", b"%PDF-1.4\n%test\n"),
    )
    client.force_login(bkpsdm_officer)
    response = client.get(reverse("training:pledge-document", args=[pledge.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")


def test_the_pledge_admin_page_with_a_document_opens(client, superuser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pledge, _ = services.pledge_record(
        actor=superuser,
        civil_servant=CivilServantFactory(),
        document=SimpleUploadedFile("pakta.pdf", b"%PDF-1.4\n%test\n"),
    )
    client.force_login(superuser)
    response = client.get(reverse("admin:training_integritypledge_change", args=[pledge.pk]))
    assert response.status_code == 200
    assert reverse("training:pledge-document", args=[pledge.pk]) in response.content.decode()


def test_a_coordinator_voids_from_the_pages_and_a_clerk_cannot(client, coordinator, clerk_loajanan):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    attendance.attendance_record_paper(
        session=session, actor=clerk_loajanan, registration_ids=[registration.pk]
    )
    pledge = PledgeFactory(civil_servant=registration.civil_servant)
    url = reverse("training:attendance-void", args=[session.pk, registration.pk])
    reason = {"reason": "Tidak ada di daftar hadir asli"}
    client.force_login(clerk_loajanan)
    assert (
        "Batalkan kehadiran"
        not in client.get(reverse("training:session-detail", args=[session.pk])).content.decode()
    )
    assert client.post(url, reason).status_code == 403
    client.force_login(coordinator)
    page = client.get(reverse("training:session-detail", args=[session.pk])).content.decode()
    assert "Batalkan kehadiran" in page
    assert client.post(url, reason).status_code == 302
    assert Registration.objects.get(pk=registration.pk).attended_at is None
    assert "Batalkan pakta" in client.get(reverse("training:pledge-list")).content.decode()
    client.post(reverse("training:pledge-void", args=[pledge.pk]), reason)
    listing = client.get(reverse("training:pledge-list")).content.decode()
    assert "dibatalkan koordinator: Tidak ada di daftar hadir asli" in listing
