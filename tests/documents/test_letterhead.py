"""The letterhead: settings, an uploaded logo (re-encoded, no metadata), the signatories."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.errors import Forbidden, InvalidInput
from apps.documents import letterhead
from apps.documents.models import LetterheadLogo
from apps.documents.services import letterhead_logo_upload

pytestmark = pytest.mark.django_db


def _png(size=(300, 200), *, exif=False) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (11, 92, 173))
    buffer = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "Kamera Sintetis"  # Make
        image.save(buffer, format="JPEG", exif=data)
        return SimpleUploadedFile("logo.jpg", buffer.getvalue(), content_type="image/jpeg")
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, format="GIF")
    return buffer.getvalue()


def test_an_uploaded_logo_is_stored_as_png_without_metadata_and_used(superuser):
    logo = letterhead_logo_upload(letterhead="bawaslu", image=_png(exif=True), actor=superuser)

    with logo.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == "PNG"
    assert not stored.getexif()
    assert (logo.width, logo.height) == (300, 200)
    svg = letterhead.logo_svg("bawaslu")
    assert "data:image/png;base64," in svg and 'width="300"' in svg
    assert "synthetic emblem" in letterhead.logo_svg("kecamatan")  # the other keeps its default


def test_a_large_logo_is_scaled_down(superuser):
    logo = letterhead_logo_upload(letterhead="kecamatan", image=_png((1800, 900)), actor=superuser)
    assert (logo.width, logo.height) == (600, 300)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"bukan gambar"), "bukan gambar"),
        (
            SimpleUploadedFile("logo.gif", _gif()),
            "PNG, JPEG atau WebP",
        ),
    ],
)
def test_a_file_that_is_not_a_usable_picture_is_refused(superuser, upload, message):
    with pytest.raises(InvalidInput) as error:
        letterhead_logo_upload(letterhead="bawaslu", image=upload, actor=superuser)
    assert message in error.value.fields["image"][0]
    assert not LetterheadLogo.objects.exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(superuser):
    with pytest.raises(InvalidInput) as error:
        letterhead_logo_upload(letterhead="bawaslu", image=_png((5000, 4000)), actor=superuser)
    assert "5000×4000" in error.value.fields["image"][0]


def test_only_a_system_administrator_changes_the_logo(coordinator):
    with pytest.raises(Forbidden):
        letterhead_logo_upload(letterhead="bawaslu", image=_png(), actor=coordinator)


def test_the_admin_uploads_a_logo_through_the_service(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/documents/letterheadlogo/add/", {"letterhead": "bawaslu", "upload": _png()}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert LetterheadLogo.objects.get().uploaded_by == superuser
    assert client.get("/admin/documents/letterheadlogo/").status_code == 200


def test_signatories_and_letterheads_fill_in_the_kecamatan(settings):
    assert letterhead.signatory("attendance_list", kecamatan="Loa Janan")["position"] == (
        "Camat Loa Janan"
    )
    assert letterhead.letterhead("kecamatan", kecamatan="Loa Janan")["office_name"] == (
        "KECAMATAN LOA JANAN"
    )
    settings.NETRAL_DOCUMENT_SIGNATORIES = {"default": {"name": "A", "position": "Ketua"}}
    assert letterhead.signatory("review") == {"name": "A", "nip": "", "position": "Ketua"}
