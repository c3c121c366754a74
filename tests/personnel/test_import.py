"""The personnel registry import: formats, rules, strict mode, counts and resuming."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db.models import F

from apps.core.errors import Forbidden, InvalidInput
from apps.personnel import services
from apps.personnel.models import CivilServant, ImportRowError, PersonnelImport
from apps.personnel.services import personnel_import_create, personnel_import_run
from tests.factories import agency, kecamatan
from tests.personnel.import_files import (
    HEADERS,
    MAN,
    PPPK_WOMAN,
    csv_bytes,
    person,
    woman,
    xlsx_bytes,
)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def run_import(content: bytes, *, filename="pegawai.csv", strict=False) -> PersonnelImport:
    created = personnel_import_create(
        file=ContentFile(content), filename=filename, strict=strict, actor=None
    )
    return personnel_import_run(import_id=created.pk)


def counts(personnel_import) -> tuple[int, int, int, int]:
    return (
        personnel_import.created,
        personnel_import.updated,
        personnel_import.unchanged,
        personnel_import.rejected,
    )


def errors_of(personnel_import) -> list[tuple[int, str, str]]:
    return list(
        personnel_import.row_errors.order_by("row_number", "id").values_list(
            "row_number", "column", "message"
        )
    )


pytestmark = pytest.mark.usefixtures("reference_data")


# --- creating, updating, counting ---


def test_it_creates_every_person_of_a_new_file():
    result = run_import(csv_bytes([person(1), person(2), woman(1)]))
    assert result.state == PersonnelImport.State.DONE
    assert counts(result) == (3, 0, 0, 0)
    assert (result.rows_done, result.rows_total) == (3, 3)
    budi = CivilServant.objects.get(nip=MAN.format(1))
    assert budi.name == "Budi Santoso 1, S.Pd."
    assert (budi.sex, budi.birth_date, budi.employment_type) == ("L", date(1985, 3, 14), "PNS")
    assert (budi.golongan, budi.position, budi.position_type) == (
        "III/a",
        "Guru Ahli Pertama",
        "fungsional",
    )
    assert (budi.agency, budi.kecamatan) == (agency("DISDIKBUD"), kecamatan("64.02.03"))


def test_a_second_import_of_the_same_file_reports_every_row_unchanged():
    content = csv_bytes([person(1), person(2), woman(1)])
    run_import(content)
    before = dict(CivilServant.objects.values_list("nip", "updated_at"))
    again = run_import(content)
    assert counts(again) == (0, 0, 3, 0)
    assert dict(CivilServant.objects.values_list("nip", "updated_at")) == before


def test_changed_rows_are_updated_new_ones_created_and_nobody_deleted():
    run_import(csv_bytes([person(1), person(2), person(3)]))
    result = run_import(csv_bytes([person(1, Golongan="III/b"), person(2), woman(1)]))
    assert counts(result) == (1, 1, 1, 0)
    assert CivilServant.objects.get(nip=MAN.format(1)).golongan == "III/b"
    assert CivilServant.objects.filter(nip=MAN.format(3)).exists()


def test_an_optional_column_missing_from_the_file_keeps_what_is_stored():
    run_import(csv_bytes([person(1, Golongan="IV/a")]))
    headers = [h for h in HEADERS if h != "Golongan"]
    result = run_import(csv_bytes([person(1, Jabatan="Kepala Sekolah")], headers=headers))
    assert counts(result) == (0, 1, 0, 0)
    budi = CivilServant.objects.get(nip=MAN.format(1))
    assert (budi.golongan, budi.position) == ("IV/a", "Kepala Sekolah")


def test_a_pppk_row_is_checked_as_a_ni_pppk():
    result = run_import(
        csv_bytes(
            [
                woman(
                    1,
                    NIP=PPPK_WOMAN.format(1),
                    **{"Tanggal Lahir": "05-05-1991", "Golongan": "IX"},
                    **{"Status Kepegawaian": "PPPK"},
                )
            ]
        )
    )
    assert counts(result) == (1, 0, 0, 0)
    assert CivilServant.objects.get(nip=PPPK_WOMAN.format(1)).golongan == "IX"


def test_blank_lines_are_skipped_but_keep_their_row_numbers():
    blank = dict.fromkeys(HEADERS, "")
    result = run_import(csv_bytes([person(1), blank, person(2, Nama="")]))
    assert counts(result) == (1, 0, 0, 1)
    assert errors_of(result) == [(4, "Nama", "Nama wajib diisi.")]


# --- encodings, separators, dates, spreadsheets ---


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_it_reads_utf8_with_or_without_bom_and_windows_1252(encoding, prefix):
    content = prefix + csv_bytes([person(1, Nama="Andréas Müller, S.Kom.")], encoding=encoding)
    result = run_import(content)
    assert counts(result) == (1, 0, 0, 0)
    assert CivilServant.objects.get().name == "Andréas Müller, S.Kom."


@pytest.mark.parametrize("sep", [",", ";"])
def test_it_reads_comma_and_semicolon_separated_files(sep):
    result = run_import(csv_bytes([person(1), woman(2)], sep=sep))
    assert counts(result) == (2, 0, 0, 0)
    assert CivilServant.objects.get(nip=MAN.format(1)).name == "Budi Santoso 1, S.Pd."


def test_a_quoted_cell_may_hold_the_separator():
    content = (
        ",".join(HEADERS)
        + "\n"
        + f'{MAN.format(1)},"Budi Santoso, S.Pd., M.Pd.",L,14-03-1985,III/a,Guru,Fungsional,'
        + "Disdikbud,Loa Janan,PNS\n"
    ).encode()
    result = run_import(content)
    assert counts(result) == (1, 0, 0, 0)
    assert CivilServant.objects.get().name == "Budi Santoso, S.Pd., M.Pd."


@pytest.mark.parametrize("written", ["14-03-1985", "14/03/1985", "1985-03-14", "14-3-1985"])
def test_birth_dates_may_be_written_dd_mm_yyyy_dd_slash_mm_slash_yyyy_or_iso(written):
    result = run_import(csv_bytes([person(1, **{"Tanggal Lahir": written})]))
    assert counts(result) == (1, 0, 0, 0)
    assert CivilServant.objects.get().birth_date == date(1985, 3, 14)


def test_it_reads_an_xlsx_file_with_date_cells():
    rows = [
        person(1, **{"Tanggal Lahir": date(1985, 3, 14)}),
        woman(1, **{"Tanggal Lahir": "02/07/1990"}),
    ]
    result = run_import(xlsx_bytes(rows), filename="pegawai.xlsx")
    assert counts(result) == (2, 0, 0, 0)
    assert (result.rows_done, result.rows_total) == (2, 2)
    assert run_import(xlsx_bytes(rows), filename="pegawai.xlsx").unchanged == 2


def test_a_nip_that_excel_stored_as_a_number_is_rejected_with_the_reason():
    result = run_import(xlsx_bytes([person(1, NIP=1.98503142010011e17)]), filename="p.xlsx")
    assert counts(result) == (0, 0, 0, 1)
    [(row, column, message)] = errors_of(result)
    assert (row, column) == (2, "NIP")
    assert "sebagai angka" in message


def test_a_file_that_is_not_csv_or_xlsx_is_refused_at_upload():
    with pytest.raises(InvalidInput) as exc:
        personnel_import_create(
            file=ContentFile(b"x"), filename="pegawai.xls", strict=False, actor=None
        )
    assert exc.value.fields["file"] == ["Berkas pegawai.xls bukan CSV atau XLSX."]


def test_a_broken_xlsx_fails_the_import_with_one_message():
    result = run_import(b"not a zip file", filename="pegawai.xlsx")
    assert result.state == PersonnelImport.State.FAILED
    assert "tidak dapat dibaca sebagai XLSX" in result.failure_message


# --- the header ---


def test_a_missing_required_column_is_one_error_before_any_row_is_read():
    headers = [h for h in HEADERS if h not in ("Unit Kerja", "Status Kepegawaian")]
    result = run_import(csv_bytes([person(1), {"NIP": "rusak"}], headers=headers))
    assert result.state == PersonnelImport.State.FAILED
    assert result.failure_message.startswith(
        "Kolom wajib tidak ditemukan: Unit Kerja, Status Kepegawaian."
    )
    assert (result.rows_done, result.rejected) == (0, 0)
    assert not result.row_errors.exists()
    assert not CivilServant.objects.exists()


def test_headers_match_whatever_their_case_and_spacing_and_extra_columns_are_ignored():
    headers = ["No", *[f"  {h.upper()} " for h in HEADERS]]
    rows = [{"No": "1", **{f"  {k.upper()} ": v for k, v in person(1).items()}}]
    result = run_import(csv_bytes(rows, headers=headers))
    assert counts(result) == (1, 0, 0, 0)


def test_an_import_whose_file_disappeared_fails_with_one_message():
    created = personnel_import_create(
        file=ContentFile(csv_bytes([person(1)])), filename="p.csv", strict=False, actor=None
    )
    created.file.storage.delete(created.file.name)
    result = personnel_import_run(import_id=created.pk)
    assert result.state == PersonnelImport.State.FAILED
    assert result.failure_message == "Berkas impor tidak ditemukan lagi di penyimpanan."


def test_an_empty_file_fails_with_one_message():
    result = run_import(b"")
    assert result.state == PersonnelImport.State.FAILED
    assert result.failure_message.startswith("Berkas kosong")


# --- row rules ---


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        (
            {"NIP": "198503142010013001"},
            "NIP",
            "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan 3.",
        ),
        ({"NIP": "19850314201001100"}, "NIP", "NIP harus 18 digit, bukan 17."),
        ({"NIP": ""}, "NIP", "NIP wajib diisi."),
        (
            {"Tanggal Lahir": "15-03-1985"},
            "Tanggal Lahir",
            "Tanggal lahir tidak sama dengan digit ke-1–8 NIP (14-03-1985).",
        ),
        (
            {"Tanggal Lahir": "31-02-1985"},
            "Tanggal Lahir",
            "Tanggal Lahir '31-02-1985' tidak ada di kalender.",
        ),
        (
            {"Tanggal Lahir": "14 Maret 1985"},
            "Tanggal Lahir",
            "Tanggal Lahir '14 Maret 1985' tidak dikenali; tulis dd-mm-yyyy, dd/mm/yyyy atau "
            "yyyy-mm-dd.",
        ),
        (
            {"Jenis Kelamin": "P"},
            "Jenis Kelamin",
            "Jenis kelamin tidak sama dengan digit ke-15 NIP.",
        ),
        (
            {"Jenis Kelamin": "X"},
            "Jenis Kelamin",
            "Jenis Kelamin harus L/P atau Laki-laki/Perempuan, bukan 'X'.",
        ),
        ({"Golongan": "IX"}, "Golongan", "Golongan IX tidak berlaku untuk PNS."),
        (
            {"Golongan": "V/a"},
            "Golongan",
            "Golongan 'V/a' tidak dikenal; tulis seperti III/a (PNS) atau IX (PPPK).",
        ),
        (
            {"Status Kepegawaian": "Honorer"},
            "Status Kepegawaian",
            "Status Kepegawaian harus PNS atau PPPK, bukan 'Honorer'.",
        ),
        (
            {"Jenis Jabatan": "Fungsional Umum"},
            "Jenis Jabatan",
            "Jenis Jabatan harus struktural, fungsional atau pelaksana, bukan 'Fungsional Umum'.",
        ),
        (
            {"Unit Kerja": "Dinas Antah Berantah"},
            "Unit Kerja",
            "Unit Kerja 'Dinas Antah Berantah' tidak dikenal; tulis nama, singkatan atau kode "
            "perangkat daerah seperti di menu Perangkat daerah.",
        ),
        (
            {"Kecamatan": "Samarinda Ulu"},
            "Kecamatan",
            "Kecamatan 'Samarinda Ulu' tidak dikenal; tulis nama atau kode Kemendagri (64.02.03).",
        ),
        ({"Nama": "   "}, "Nama", "Nama wajib diisi."),
    ],
)
def test_an_invalid_row_is_rejected_with_its_row_column_and_message(overrides, column, message):
    result = run_import(csv_bytes([person(1), person(2, **overrides), person(3)]))
    assert counts(result) == (2, 0, 0, 1)
    assert errors_of(result) == [(3, column, message)]
    assert not CivilServant.objects.filter(nip=MAN.format(2)).exists()


def test_every_problem_of_a_row_is_reported():
    bad = person(1, **{"Jenis Kelamin": "P", "Golongan": "XVII", "Unit Kerja": "?"})
    result = run_import(csv_bytes([bad]))
    assert result.rejected == 1
    assert sorted(column for _row, column, _message in errors_of(result)) == [
        "Golongan",
        "Jenis Kelamin",
        "Unit Kerja",
    ]


def test_a_long_value_is_cut_short_in_the_message():
    result = run_import(csv_bytes([person(1, **{"Unit Kerja": "Dinas " + "x" * 500})]))
    [(_row, _column, message)] = errors_of(result)
    assert len(message) < 200
    assert "…" in message


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Dinas Pendidikan dan Kebudayaan", "DISDIKBUD"),
        ("  dinas   pendidikan DAN kebudayaan ", "DISDIKBUD"),
        ("Disdikbud", "DISDIKBUD"),
        ("disdikbud", "DISDIKBUD"),
        ("DINKES", "DINKES"),
        ("PKM-64.02.03", "PKM-64.02.03"),
    ],
)
def test_unit_kerja_matches_an_agency_by_name_short_name_or_code(written, expected):
    run_import(csv_bytes([person(1, **{"Unit Kerja": written})]))
    assert CivilServant.objects.get().agency == agency(expected)


@pytest.mark.parametrize(
    "written", ["Loa Janan", "LOA JANAN", "Kecamatan Loa Janan", "64.02.03", "640203"]
)
def test_kecamatan_matches_by_name_or_kemendagri_code(written):
    run_import(csv_bytes([person(1, Kecamatan=written)]))
    assert CivilServant.objects.get().kecamatan == kecamatan("64.02.03")


@pytest.mark.parametrize(("written", "sex"), [("L", "L"), ("laki-laki", "L"), ("Laki-Laki", "L")])
def test_jenis_kelamin_accepts_l_p_and_the_words(written, sex):
    run_import(csv_bytes([person(1, **{"Jenis Kelamin": written})]))
    assert CivilServant.objects.get().sex == sex


def test_perempuan_is_accepted_for_a_woman():
    run_import(csv_bytes([woman(1, **{"Jenis Kelamin": "Perempuan"})]))
    assert CivilServant.objects.get().sex == "P"


def test_a_nip_written_with_spaces_or_an_apostrophe_is_stored_as_digits():
    result = run_import(
        csv_bytes([person(1, NIP="19850314 201001 1 001"), person(2, NIP="'198503142010011002")])
    )
    assert counts(result) == (2, 0, 0, 0)
    assert set(CivilServant.objects.values_list("nip", flat=True)) == {
        MAN.format(1),
        MAN.format(2),
    }


# --- duplicates ---


def test_a_nip_repeated_in_the_file_is_an_error_on_its_second_row():
    result = run_import(csv_bytes([person(1), person(2), person(1, Nama="Orang Lain")]))
    assert counts(result) == (2, 0, 0, 1)
    assert errors_of(result) == [(4, "NIP", "NIP ini sudah ada di baris 2 berkas yang sama.")]
    assert CivilServant.objects.get(nip=MAN.format(1)).name == "Budi Santoso 1, S.Pd."


def test_a_nip_repeated_in_a_later_batch_is_found_too(settings):
    settings.NETRAL_IMPORT_BATCH_SIZE = 2
    rows = [person(1), person(2), person(3), person(4), person(2, Nama="Orang Lain")]
    result = run_import(csv_bytes(rows))
    assert counts(result) == (4, 0, 0, 1)
    assert errors_of(result) == [(6, "NIP", "NIP ini sudah ada di baris 3 berkas yang sama.")]


def test_a_repeated_nip_counts_even_when_its_first_row_was_invalid(settings):
    settings.NETRAL_IMPORT_BATCH_SIZE = 1
    result = run_import(csv_bytes([person(1, Golongan="XX"), person(1)]))
    assert counts(result) == (0, 0, 0, 2)
    assert [(row, column) for row, column, _m in errors_of(result)] == [
        (2, "Golongan"),
        (3, "NIP"),
    ]


# --- strict mode ---


def test_strict_mode_leaves_the_registry_untouched_when_a_row_is_invalid(settings):
    settings.NETRAL_IMPORT_BATCH_SIZE = 2
    run_import(csv_bytes([person(1)]))
    before = list(CivilServant.objects.order_by("nip").values())
    rows = [person(1, Golongan="IV/a"), person(2), person(3), woman(1, Golongan="XX")]
    result = run_import(csv_bytes(rows), strict=True)
    assert result.state == PersonnelImport.State.FAILED
    assert result.failure_message.startswith("Mode ketat: 1 baris tidak valid")
    assert counts(result) == (0, 0, 0, 1)
    assert errors_of(result)[0][:2] == (5, "Golongan")
    assert list(CivilServant.objects.order_by("nip").values()) == before


def test_strict_mode_rejects_a_file_with_a_repeated_nip():
    result = run_import(csv_bytes([person(1), person(1)]), strict=True)
    assert result.state == PersonnelImport.State.FAILED
    assert not CivilServant.objects.exists()


def test_strict_mode_writes_a_valid_file(settings):
    settings.NETRAL_IMPORT_BATCH_SIZE = 2
    result = run_import(csv_bytes([person(1), person(2), woman(1)]), strict=True)
    assert result.state == PersonnelImport.State.DONE
    assert counts(result) == (3, 0, 0, 0)
    assert result.checked_at is not None
    assert (result.rows_done, result.rows_total) == (3, 3)


def test_the_default_mode_writes_the_valid_rows():
    result = run_import(csv_bytes([person(1), woman(1, Golongan="XX")]))
    assert result.state == PersonnelImport.State.DONE
    assert counts(result) == (1, 0, 0, 1)


# --- running twice, resuming ---


class Crash(Exception):
    pass


def crash_after(monkeypatch, batches: int):
    """The writer fails while writing batch ``batches + 1``: its transaction rolls back as if
    the worker had been killed in the middle of it."""
    written = {"count": 0}
    original = services.writer_for

    def writer_for(*args, **kwargs):
        writer = original(*args, **kwargs)
        write = writer.write

        def failing_write(rows, *, upsert):
            result = write(rows, upsert=upsert)
            if upsert:
                written["count"] += 1
                if written["count"] > batches:
                    raise Crash
            return result

        writer.write = failing_write
        return writer

    monkeypatch.setattr(services, "writer_for", writer_for)


def test_a_run_killed_after_some_batches_resumes_with_the_right_counts(settings, monkeypatch):
    settings.NETRAL_IMPORT_BATCH_SIZE = 2
    run_import(csv_bytes([person(1), person(5, Golongan="II/a")]))
    rows = [
        person(1),
        person(2),
        person(3),
        person(4),
        person(5),
        woman(1, Golongan="XX"),
        woman(2),
    ]
    created = personnel_import_create(
        file=ContentFile(csv_bytes(rows)), filename="p.csv", strict=False, actor=None
    )
    crash_after(monkeypatch, batches=2)
    with pytest.raises(Crash):
        personnel_import_run(import_id=created.pk)
    halfway = PersonnelImport.objects.get(pk=created.pk)
    assert halfway.state == PersonnelImport.State.RUNNING
    assert (halfway.rows_done, *counts(halfway)) == (4, 3, 0, 1, 0)
    assert CivilServant.objects.count() == 5

    monkeypatch.undo()
    result = personnel_import_run(import_id=created.pk)
    assert result.state == PersonnelImport.State.DONE
    assert counts(result) == (4, 1, 1, 1)
    assert result.rows_done == 7
    assert CivilServant.objects.count() == 6
    assert ImportRowError.objects.filter(personnel_import=result).count() == 1


def test_a_strict_run_killed_while_writing_resumes_without_checking_again(settings, monkeypatch):
    settings.NETRAL_IMPORT_BATCH_SIZE = 1
    created = personnel_import_create(
        file=ContentFile(csv_bytes([person(1), person(2), person(3)])),
        filename="p.csv",
        strict=True,
        actor=None,
    )
    crash_after(monkeypatch, batches=1)
    with pytest.raises(Crash):
        personnel_import_run(import_id=created.pk)
    monkeypatch.undo()
    result = personnel_import_run(import_id=created.pk)
    assert result.state == PersonnelImport.State.DONE
    assert counts(result) == (3, 0, 0, 0)
    assert CivilServant.objects.count() == 3


def test_a_finished_import_run_again_is_a_no_op():
    result = run_import(csv_bytes([person(1)]))
    CivilServant.objects.all().delete()
    again = personnel_import_run(import_id=result.pk)
    assert (again.state, counts(again)) == (PersonnelImport.State.DONE, (1, 0, 0, 0))
    assert not CivilServant.objects.exists()


def test_a_run_stops_when_another_run_of_the_same_import_got_ahead(settings, monkeypatch):
    settings.NETRAL_IMPORT_BATCH_SIZE = 1
    created = personnel_import_create(
        file=ContentFile(csv_bytes([person(1), person(2), person(3)])),
        filename="p.csv",
        strict=False,
        actor=None,
    )
    original = services._commit
    calls = []

    def commit_after_a_rival(personnel_import, batch, writer, *, write):
        calls.append(batch)
        if len(calls) == 2:  # another run of the same import committed a batch meanwhile
            PersonnelImport.objects.filter(pk=created.pk).update(rows_done=F("rows_done") + 1)
        original(personnel_import, batch, writer, write=write)

    monkeypatch.setattr(services, "_commit", commit_after_a_rival)
    result = personnel_import_run(import_id=created.pk)
    assert result.state == PersonnelImport.State.RUNNING
    assert CivilServant.objects.count() == 1


def test_personnel_import_fail_gives_up_on_an_unfinished_import():
    created = personnel_import_create(
        file=ContentFile(csv_bytes([person(1)])), filename="p.csv", strict=False, actor=None
    )
    services.personnel_import_fail(import_id=created.pk, message="Pekerja berhenti.")
    result = personnel_import_run(import_id=created.pk)
    assert (result.state, result.failure_message) == (
        PersonnelImport.State.FAILED,
        "Pekerja berhenti.",
    )
    assert not CivilServant.objects.exists()


# --- who may import ---


def test_a_bkpsdm_officer_and_a_superuser_may_import(bkpsdm_officer, superuser):
    for actor in (bkpsdm_officer, superuser):
        created = personnel_import_create(
            file=ContentFile(csv_bytes([person(1)])), filename="p.csv", strict=False, actor=actor
        )
        assert created.user == actor


def test_an_investigator_may_not_import(investigator):
    with pytest.raises(Forbidden):
        personnel_import_create(
            file=ContentFile(csv_bytes([person(1)])),
            filename="p.csv",
            strict=False,
            actor=investigator,
        )
    assert not PersonnelImport.objects.exists()


def test_the_uploaded_file_is_kept_privately_under_imports(settings):
    created = personnel_import_create(
        file=ContentFile(b"NIP\n"), filename="../../rahasia.csv", strict=False, actor=None
    )
    assert created.file.name.startswith("imports/")
    assert created.original_filename == "rahasia.csv"
    assert settings.MEDIA_URL is None


# --- the management command ---


def test_the_command_imports_a_file_and_prints_the_counts_and_first_rejected_rows(tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes([person(1), person(2, Golongan="XX")]))
    out = io.StringIO()
    call_command("import_personnel", str(path), stdout=out)
    printed = out.getvalue()
    assert "baru: 1, diubah: 0, tidak berubah: 0, ditolak: 1" in printed
    assert "baris 3, kolom Golongan: Golongan 'XX' tidak dikenal" in printed


def test_the_command_fails_when_strict_mode_rejects_the_file(tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes([person(1), person(2, Golongan="XX")]))
    with pytest.raises(CommandError, match="Mode ketat: 1 baris tidak valid"):
        call_command("import_personnel", str(path), "--strict", stdout=io.StringIO())
    assert not CivilServant.objects.exists()


def test_the_command_resumes_an_import_left_running(settings, monkeypatch):
    settings.NETRAL_IMPORT_BATCH_SIZE = 1
    created = personnel_import_create(
        file=ContentFile(csv_bytes([person(1), person(2)])),
        filename="p.csv",
        strict=False,
        actor=None,
    )
    crash_after(monkeypatch, batches=1)
    with pytest.raises(Crash):
        personnel_import_run(import_id=created.pk)
    monkeypatch.undo()
    out = io.StringIO()
    call_command("import_personnel", "--resume", str(created.pk), stdout=out)
    assert "baru: 2" in out.getvalue()


# --- a real kill on PostgreSQL ---


def many_people(count: int) -> list[dict]:
    """``count`` men with distinct valid NIPs (birth dates spread over 1985)."""
    rows = []
    for i in range(count):
        month, day, seq = 1 + (i // 28) % 12, 1 + i % 28, 1 + i // 336
        rows.append(
            person(
                seq,
                NIP=f"1985{month:02d}{day:02d}2010011{seq:03d}",
                **{"Tanggal Lahir": f"{day:02d}-{month:02d}-1985"},
            )
        )
    return rows


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_import_killed_with_sigkill_resumes_with_no_row_lost_or_doubled(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from django.conf import settings as django_settings
    from django.db import connection

    from tests.conftest import _seed_reference

    _seed_reference()
    rows = many_people(3000)
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes(rows))
    db = django_settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "PRIVATE_MEDIA_ROOT": str(tmp_path),
        "NETRAL_IMPORT_BATCH_SIZE": "20",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "import_personnel", str(path)],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not PersonnelImport.objects.filter(rows_done__gte=200).exists():
        assert time.monotonic() < deadline, "the import did not start"
        time.sleep(0.02)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    killed = PersonnelImport.objects.get()
    assert killed.state == PersonnelImport.State.RUNNING, "the import ended before the kill"
    assert killed.rows_done % 20 == 0
    assert CivilServant.objects.count() == killed.created

    result = personnel_import_run(import_id=killed.pk)
    assert result.state == PersonnelImport.State.DONE
    assert counts(result) == (3000, 0, 0, 0)
    assert CivilServant.objects.count() == 3000
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE %s", ["%_nips"])
        assert cursor.fetchone() == (0,)


def test_names_with_backslashes_and_unusual_characters_are_stored_as_written():
    # On PostgreSQL the rows travel through COPY, where a backslash is an escape character.
    name = "Dr. Ir. H. A\\B Nasution, M.Sc. — ‘Ñ’ 田中"
    position = "Kepala Seksi \\N Perencanaan\\t"
    result = run_import(csv_bytes([person(1, Nama=name, Jabatan=position)]))
    assert counts(result) == (1, 0, 0, 0)
    stored = CivilServant.objects.get()
    assert (stored.name, stored.position) == (name, position)

    again = run_import(csv_bytes([person(1, Nama=name, Jabatan=position)]))
    assert counts(again) == (0, 0, 1, 0)


@pytest.mark.parametrize(
    "column, value, code, position",
    [
        ("Nama", "Budi\x00Santoso", "0000", 5),
        ("Jabatan", "Guru\u200b Ahli", "200B", 5),
        ("NIP", MAN.format(3)[:4] + "\x00" + MAN.format(3)[4:], "0000", 5),
    ],
)
def test_a_control_character_in_a_cell_rejects_the_row_and_says_where(
    column, value, code, position
):
    result = run_import(csv_bytes([person(1, **{column: value}), person(2)]))
    assert counts(result) == (1, 0, 0, 1)
    error = ImportRowError.objects.get()
    assert (error.row_number, error.column) == (2, column)
    assert f"U+{code}" in error.message and f"karakter ke-{position}" in error.message
