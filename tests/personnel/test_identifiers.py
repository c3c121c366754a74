from datetime import date

import pytest
from django.core.exceptions import ValidationError

from apps.personnel.identifiers import (
    check_nik_matches_nip,
    normalize_phone,
    parse_nik,
    parse_nip,
    parse_pppk_number,
)

VALID_NIP = "198503142010011002"  # born 14-03-1985, CPNS 01-2010, male, #002


def error_of(func, value) -> str:
    with pytest.raises(ValidationError) as exc:
        func(value)
    return exc.value.messages[0]


def test_it_decodes_a_valid_nip():
    info = parse_nip(VALID_NIP)
    assert info.birth_date == date(1985, 3, 14)
    assert info.appointment == date(2010, 1, 1)
    assert info.sex == "L"
    assert info.sequence == 2


def test_it_accepts_a_nip_written_with_spaces():
    assert parse_nip("19850314 201001 1 002").sex == "L"


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        ("19850314201001100", "NIP harus 18 digit, bukan 17."),
        ("1985031420100110020", "NIP harus 18 digit, bukan 19."),
        ("19850314201001100A", "Digit ke-18 NIP harus angka, bukan 'A'."),
        ("198513142010011002", "Digit ke-1–8 NIP (tanggal lahir): bulan 13 tidak ada."),
        ("198502302010011002", "Digit ke-1–8 NIP (tanggal lahir): tanggal 30-02-1985 tidak ada."),
        ("198503142010131002", "Digit ke-9–14 NIP (TMT CPNS): bulan 13 tidak ada."),
        ("198503142099011002", "Digit ke-9–14 NIP (TMT CPNS): 01-2099 belum terjadi."),
        ("198503142000011002", "Digit ke-9–14 NIP (TMT CPNS) 01-2000 sebelum usia 18 tahun"),
        ("198503142010013002", "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan 3."),
        ("", "NIP wajib diisi."),
    ],
)
def test_it_names_the_wrong_part_of_a_nip(nip, expected):
    assert error_of(parse_nip, nip).startswith(expected)


def test_it_decodes_a_pppk_number():
    info = parse_pppk_number("199001012023021001")
    assert (info.birth_date, info.appointment_year, info.contract_count, info.sex) == (
        date(1990, 1, 1),
        2023,
        2,
        "L",
    )


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            "199002302023021001",
            "Digit ke-1–8 NI PPPK (tanggal lahir): tanggal 30-02-1990 tidak ada.",
        ),
        ("199001012099021001", "Digit ke-9–12 NI PPPK (tahun pengangkatan): 2099 tidak mungkin."),
        ("199001012023020001", "Digit ke-15 NI PPPK (jenis kelamin) harus 1 atau 2, bukan 0."),
    ],
)
def test_it_names_the_wrong_part_of_a_pppk_number(number, expected):
    assert error_of(parse_pppk_number, number) == expected


def test_it_decodes_a_womans_nik_with_day_plus_forty():
    info = parse_nik("6402035403850001")
    assert info.kecamatan_code == "64.02.03"
    assert info.birth_date == date(1985, 3, 14)
    assert info.sex == "P"


@pytest.mark.parametrize(
    ("nik", "expected"),
    [
        ("640203140385000", "NIK harus 16 digit, bukan 15."),
        ("0002031403850001", "Digit ke-1–2 NIK (provinsi) tidak boleh 00."),
        ("6400031403850001", "Digit ke-3–4 NIK (kabupaten/kota) tidak boleh 00."),
        ("6402003403850001", "Digit ke-5–6 NIK (kecamatan) tidak boleh 00."),
        ("6402033503850001", "Digit ke-7–8 NIK (tanggal lahir): 35 bukan 01–31"),
        ("6402031413850001", "Digit ke-7–12 NIK (tanggal lahir): bulan 13 tidak ada."),
        ("6402031403850000", "Digit ke-13–16 NIK (nomor urut) tidak boleh 0000."),
    ],
)
def test_it_names_the_wrong_part_of_a_nik(nik, expected):
    assert error_of(parse_nik, nik).startswith(expected)


def test_nik_and_nip_of_one_person_must_agree():
    check_nik_matches_nip(parse_nik("6402031403850001"), parse_nip(VALID_NIP))
    with pytest.raises(ValidationError, match="Jenis kelamin"):
        check_nik_matches_nip(parse_nik("6402035403850001"), parse_nip(VALID_NIP))
    with pytest.raises(ValidationError, match="Tanggal lahir"):
        check_nik_matches_nip(parse_nik("6402031503850001"), parse_nip(VALID_NIP))


@pytest.mark.parametrize(
    "written", ["081234567890", "6281234567890", "+62 812-3456-7890", "+6281234567890"]
)
def test_phone_numbers_are_stored_as_plus_62(written):
    assert normalize_phone(written) == "+6281234567890"


def test_an_impossible_phone_number_is_refused():
    with pytest.raises(ValidationError, match="tidak"):
        normalize_phone("0812")


# --- dates near today: the cheap "surely past" test must never let a future date through ---


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def test_an_appointment_this_month_is_accepted_and_next_month_is_not():
    from django.utils import timezone

    today = timezone.localdate()
    this_month = f"19800101{today:%Y%m}1002"
    assert parse_nip(this_month).appointment == today.replace(day=1)
    following = _month_after(today)
    with pytest.raises(ValidationError, match="belum terjadi"):
        parse_nip(f"19800101{following:%Y%m}1002")


def test_a_stale_cutoff_only_makes_the_check_slower_never_wrong(monkeypatch):
    from django.utils import timezone

    from apps.personnel import identifiers

    # A cutoff read long ago (say, before a long import started): every date near today is
    # then checked against the exact date in the project's time zone.
    monkeypatch.setattr(identifiers._surely_past, "cutoff", date(2000, 1, 1))
    monkeypatch.setattr(identifiers._surely_past, "until", float("inf"))
    today = timezone.localdate()
    assert parse_nip(f"19800101{today:%Y%m}1002").sex == "L"
    with pytest.raises(ValidationError, match="belum terjadi"):
        parse_nip(f"19800101{_month_after(today):%Y%m}1002")
    with pytest.raises(ValidationError, match="tidak mungkin"):
        parse_pppk_number(f"19900101{today.year + 1}021001")


def test_the_cutoff_is_read_again_once_a_minute(monkeypatch):
    from apps.personnel import identifiers

    clock = {"now": 1000.0}
    monkeypatch.setattr(identifiers.time, "monotonic", lambda: clock["now"])
    surely_past = identifiers._SurelyPast()
    first = surely_past.before()
    surely_past.cutoff = date(2000, 1, 1)  # as if read long ago
    clock["now"] += 59
    assert surely_past.before() == date(2000, 1, 1)
    clock["now"] += 2
    assert surely_past.before() == first
