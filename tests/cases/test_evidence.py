"""Evidence: detected type, size and hash kept from upload on; EXIF/GPS stripped; refusals."""

import hashlib
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image
from PIL.ExifTags import GPS, IFD, Base

from apps.cases.evidence import evidence_add_file, evidence_add_link, evidence_verify_all
from apps.cases.models import Case, CaseEvent, Evidence
from apps.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.cases.factories import CaseFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def case(investigator):
    return CaseFactory(evidence=0, assigned_to=[investigator])


def photo_with_gps(orientation: int = 6) -> bytes:
    image = Image.new("RGB", (40, 20), "red")
    exif = image.getexif()
    exif[Base.Orientation] = orientation
    exif[Base.Make] = "KameraSintetis"
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSLatitudeRef] = "S"
    gps[GPS.GPSLatitude] = (0.0, 30.0, 15.0)
    gps[GPS.GPSLongitudeRef] = "E"
    gps[GPS.GPSLongitude] = (117.0, 0.0, 0.0)
    out = BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_it_keeps_the_sha256_size_and_detected_type_of_a_document(case, investigator):
    evidence = evidence_add_file(
        case=case,
        uploaded_file=upload("surat.pdf", PDF, "text/plain"),
        kind=Evidence.Kind.DOCUMENT,
        description="Surat undangan",
        actor=investigator,
    )
    evidence.refresh_from_db()
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.size == len(PDF)
    assert evidence.content_type == "application/pdf"
    assert evidence.original_name == "surat.pdf"
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF


def test_it_stores_evidence_under_the_private_root(case, investigator, private_media):
    evidence = evidence_add_file(
        case=case,
        uploaded_file=upload("surat.pdf", PDF),
        kind=Evidence.Kind.DOCUMENT,
        actor=investigator,
    )
    assert evidence.file.path.startswith(str(private_media))


def test_it_strips_exif_and_gps_from_a_photo_and_applies_its_orientation(case, investigator):
    original = photo_with_gps(orientation=6)
    evidence = evidence_add_file(
        case=case,
        uploaded_file=upload("foto.jpg", original, "image/jpeg"),
        kind=Evidence.Kind.PHOTO,
        actor=investigator,
    )
    with evidence.file.open("rb") as handle:
        stored = handle.read()
    assert b"Exif" not in stored and b"KameraSintetis" not in stored
    image = Image.open(BytesIO(stored))
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(IFD.GPSInfo) == {}
    assert image.size == (20, 40)  # orientation 6 rotates a 40×20 picture upright
    assert (
        evidence.sha256
        == hashlib.sha256(stored).hexdigest()
        != hashlib.sha256(original).hexdigest()
    )
    assert evidence.size == len(stored)


def test_it_strips_metadata_from_a_png_screenshot(case, investigator):
    image = Image.new("RGBA", (10, 10), (0, 0, 255, 128))
    exif = image.getexif()
    exif[Base.Make] = "PonselSintetis"
    out = BytesIO()
    image.save(out, "PNG", exif=exif)
    evidence = evidence_add_file(
        case=case,
        uploaded_file=upload("layar.png", out.getvalue()),
        kind=Evidence.Kind.SCREENSHOT,
        actor=investigator,
    )
    with evidence.file.open("rb") as handle:
        stored = handle.read()
    assert b"PonselSintetis" not in stored
    assert evidence.content_type == "image/png"
    assert Image.open(BytesIO(stored)).mode == "RGBA"


def test_it_refuses_a_type_that_is_not_allowed_whatever_its_name(case, investigator):
    with pytest.raises(InvalidInput) as refused:
        evidence_add_file(
            case=case,
            uploaded_file=upload("foto.jpg", b"GIF89a" + b"\0" * 64, "image/jpeg"),
            kind=Evidence.Kind.PHOTO,
            actor=investigator,
        )
    assert "image/gif tidak diizinkan" in refused.value.fields["file"][0]
    assert "image/jpeg" in refused.value.fields["file"][0]
    assert not Evidence.objects.exists()


def test_it_refuses_content_it_cannot_recognise(case, investigator):
    with pytest.raises(InvalidInput) as refused:
        evidence_add_file(
            case=case,
            uploaded_file=upload("catatan.pdf", b"just some text\n" * 10),
            kind=Evidence.Kind.DOCUMENT,
            actor=investigator,
        )
    assert "(tidak dikenali) tidak diizinkan" in refused.value.messages()[0]


def test_it_refuses_a_file_larger_than_the_limit(case, investigator, settings):
    settings.NETRAL_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(InvalidInput) as refused:
        evidence_add_file(
            case=case,
            uploaded_file=upload("besar.pdf", PDF + b"0" * 2048),
            kind=Evidence.Kind.DOCUMENT,
            actor=investigator,
        )
    assert "melebihi batas 1,0 KB" in refused.value.fields["file"][0]
    assert not Evidence.objects.exists()


def test_the_allowed_types_are_a_setting(case, investigator, settings):
    settings.NETRAL_EVIDENCE_ALLOWED_TYPES = ["image/jpeg"]
    with pytest.raises(InvalidInput, match="application/pdf tidak diizinkan"):
        evidence_add_file(
            case=case,
            uploaded_file=upload("surat.pdf", PDF),
            kind=Evidence.Kind.DOCUMENT,
            actor=investigator,
        )


def test_a_photo_must_be_an_image(case, investigator):
    with pytest.raises(InvalidInput, match="tidak cocok dengan jenis 'Foto'"):
        evidence_add_file(
            case=case,
            uploaded_file=upload("foto.jpg", PDF),
            kind=Evidence.Kind.PHOTO,
            actor=investigator,
        )


def test_a_broken_image_is_refused_with_a_message(case, investigator):
    with pytest.raises(InvalidInput, match="rusak"):
        evidence_add_file(
            case=case,
            uploaded_file=upload("foto.jpg", photo_with_gps()[:200]),
            kind=Evidence.Kind.PHOTO,
            actor=investigator,
        )


def test_adding_evidence_writes_an_event_without_changing_the_state(case, investigator):
    evidence = evidence_add_file(
        case=case, uploaded_file=upload("s.pdf", PDF), kind="document", actor=investigator
    )
    event = CaseEvent.objects.get(case=case, action="evidence_added")
    assert event.action == "evidence_added"
    assert event.actor == investigator
    assert event.data["evidence_id"] == evidence.pk
    assert event.data["sha256"] == evidence.sha256
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


def test_an_investigator_not_assigned_cannot_add_evidence(case, other_investigator):
    with pytest.raises(NotFound):
        evidence_add_file(
            case=case, uploaded_file=upload("s.pdf", PDF), kind="document", actor=other_investigator
        )
    assert not Evidence.objects.exists()


def test_a_bkpsdm_officer_cannot_add_evidence(case, bkpsdm_officer):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.FORWARDED)
    with pytest.raises(Forbidden):
        evidence_add_link(
            case=case,
            url="https://contoh.invalid/p/1",
            captured_at=timezone.now(),
            actor=bkpsdm_officer,
        )


def test_a_decided_case_takes_no_more_evidence(case, coordinator):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.FORWARDED)
    with pytest.raises(Conflict, match="Diteruskan"):
        evidence_add_file(
            case=case, uploaded_file=upload("s.pdf", PDF), kind="document", actor=coordinator
        )


def test_a_link_is_kept_with_when_it_was_captured(case, investigator):
    captured = timezone.now() - timedelta(hours=3)
    evidence = evidence_add_link(
        case=case,
        url="https://www.facebook.com/contoh/posts/123",
        captured_at=captured,
        description="Unggahan dukungan",
        actor=investigator,
    )
    assert evidence.kind == Evidence.Kind.LINK
    assert evidence.captured_at == captured
    assert not evidence.file
    assert CaseEvent.objects.get(case=case, action="evidence_added").data == {
        "evidence_id": evidence.pk,
        "kind": "link",
    }


def test_a_link_needs_a_web_address_and_a_capture_time_in_the_past(case, investigator):
    with pytest.raises(InvalidInput) as refused:
        evidence_add_link(
            case=case,
            url="javascript:alert(1)",
            captured_at=timezone.now() + timedelta(days=1),
            actor=investigator,
        )
    assert set(refused.value.fields) == {"url", "captured_at"}
    with pytest.raises(InvalidInput) as missing:
        evidence_add_link(case=case, url="https://x.invalid/", captured_at=None, actor=investigator)
    assert set(missing.value.fields) == {"captured_at"}


def test_verify_evidence_finds_nothing_wrong_with_untouched_files(case, investigator):
    evidence_add_file(
        case=case, uploaded_file=upload("s.pdf", PDF), kind="document", actor=investigator
    )
    out = StringIO()
    call_command("verify_evidence", stdout=out)
    assert evidence_verify_all() == []
    assert "1 berkas diperiksa, 0 tidak cocok" in out.getvalue()


def test_verify_evidence_lists_changed_and_missing_files_and_fails(case, investigator):
    changed = evidence_add_file(
        case=case, uploaded_file=upload("a.pdf", PDF), kind="document", actor=investigator
    )
    missing = evidence_add_file(
        case=case, uploaded_file=upload("b.pdf", PDF + b"%"), kind="document", actor=investigator
    )
    with open(changed.file.path, "ab") as handle:
        handle.write(b"tampered")
    missing.file.storage.delete(missing.file.name)

    problems = {m.evidence_id: m.problem for m in evidence_verify_all()}
    assert problems == {changed.pk: "sha256", missing.pk: "missing"}
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("verify_evidence", stdout=out)
    assert failed.value.returncode == 1
    assert f"alat bukti #{changed.pk}" in out.getvalue() and "SHA-256 berbeda" in out.getvalue()
    assert f"alat bukti #{missing.pk}" in out.getvalue() and "berkas hilang" in out.getvalue()
    assert "2 berkas diperiksa, 2 tidak cocok" in str(failed.value)
