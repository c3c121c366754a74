import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from apps.core.errors import InvalidInput
from apps.training import imports, services
from tests.factories import CivilServantFactory
from tests.training.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _csv(text: str, name="peserta.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


def test_a_semicolon_csv_from_indonesian_excel_is_read(clerk_loajanan):
    session = SessionFactory()
    nip = CivilServantFactory().nip
    upload = _csv(
        "NIP;Nama;Jenis Peserta;Instansi;No HP\n"
        f"{nip};;;;\n"
        ";Siti Aminah;Tokoh Agama;Majelis Taklim Tani Bhakti;0813-4455-6677\n"
        ";Rudi;Babinsa;Koramil Loa Janan;0812 1111 2222\n"
    )
    report = services.registrations_import(session=session, actor=clerk_loajanan, file=upload)
    assert [o.status for o in report.outcomes] == ["created", "created", "created"]
    types = set(session.registrations.values_list("participant_type", flat=True))
    assert types == {"asn", "tokoh_agama", "tni_polri"}


def test_every_bad_row_is_reported_with_its_row_number_and_the_good_ones_are_kept(clerk_loajanan):
    session = SessionFactory()
    good = CivilServantFactory().nip
    upload = _csv(
        "nip,nama,jenis peserta,instansi,telepon,nik\n"
        f"{good},,,,,\n"  # row 2: fine
        "12345,,,,,\n"  # row 3: short NIP
        ",Tanpa Telepon,kepala desa,Desa Batuah,,\n"  # row 4: no phone or NIK
        ",Nama,astronaut,Desa Batuah,081200001111,\n"  # row 5: unknown type
        ",,,,,\n"  # empty: skipped, not an error
        ",Kades Bakungan,kepala desa,Desa Bakungan,0812abc,\n"  # row 7: bad phone
        ",Kades Batuah,kepala desa,Desa Batuah,,6402031201800000\n"  # row 8: NIK sequence 0000
        ",Kades Purwajaya,kepala desa,Desa Purwajaya,081233334444,\n"  # row 9: fine
    )
    report = services.registrations_import(session=session, actor=clerk_loajanan, file=upload)
    assert [(o.row, o.status) for o in report.created] == [(2, "created"), (9, "created")]
    errors = {o.row: o.message for o in report.errors}
    assert set(errors) == {3, 4, 5, 7, 8}
    assert "18 digit" in errors[3]
    assert "telepon" in errors[4].lower()
    assert "jenis peserta" in errors[5].lower()
    assert "0812abc" in errors[7]
    assert "0000" in errors[8]
    assert session.registrations.count() == 2


def test_importing_the_same_file_twice_registers_no_one_twice(clerk_loajanan):
    session = SessionFactory()
    text = "nip,nama,jenis,telepon\n,Kades Batuah,kades,081233334444\n"
    services.registrations_import(session=session, actor=clerk_loajanan, file=_csv(text))
    report = services.registrations_import(session=session, actor=clerk_loajanan, file=_csv(text))
    assert [o.status for o in report.outcomes] == ["existing"]
    assert session.registrations.count() == 1


def test_a_nip_stored_as_a_number_in_excel_is_reported_not_guessed(clerk_loajanan):
    session = SessionFactory()
    workbook = Workbook()
    workbook.active.append(["NIP", "Nama"])
    workbook.active.append([198501012010011001, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = services.registrations_import(
        session=session,
        actor=clerk_loajanan,
        file=SimpleUploadedFile("peserta.xlsx", buffer.getvalue()),
    )
    assert report.errors[0].row == 2
    assert "Teks" in report.errors[0].message
    assert not session.registrations.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_csv("foo,bar\n1,2\n"), "judul kolom"),
        (_csv(""), "kosong"),
        (SimpleUploadedFile("peserta.pdf", b"%PDF-1.4"), "CSV atau XLSX"),
        (SimpleUploadedFile("peserta.xlsx", b"PK\x03\x04rusak"), "XLSX"),
    ],
)
def test_a_file_that_cannot_be_read_registers_no_one(clerk_loajanan, upload, message):
    session = SessionFactory()
    with pytest.raises(InvalidInput) as error:
        services.registrations_import(session=session, actor=clerk_loajanan, file=upload)
    assert message in error.value.fields["file"][0]
    assert not session.registrations.exists()


def test_a_file_with_too_many_rows_is_refused(clerk_loajanan, settings):
    settings.NETRAL_TRAINING_IMPORT_MAX_ROWS = 2
    upload = _csv(
        "nama,jenis,telepon\n" + "".join(f"N{i},kades,08120000{i:04d}\n" for i in range(3))
    )
    with pytest.raises(InvalidInput):
        services.registrations_import(session=SessionFactory(), actor=clerk_loajanan, file=upload)


def test_participant_types_are_read_from_codes_labels_and_common_words():
    assert imports.participant_type_of("Kepala Desa") == "kepala_desa"
    assert imports.participant_type_of("kepala_desa") == "kepala_desa"
    assert imports.participant_type_of("Bhabinkamtibmas") == "tni_polri"
    assert imports.participant_type_of("Honorer / tenaga non-ASN") == "honorer"
    assert imports.participant_type_of("astronaut") == ""
