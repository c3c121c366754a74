"""Indonesian personal identifiers (DESIGN §4): decode, validate, and name the wrong digit.

Every error is a ``django.core.exceptions.ValidationError`` whose message says which digits are
wrong and why, in Bahasa Indonesia, e.g. "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan 3."
"""

import csv
import functools
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MALE, FEMALE = "L", "P"
# PP 49/2018 Pasal 16: a PPPK is at least 20 years old when applying. Only the year of the
# appointment is in the number, so the year of birth is compared with it.
PPPK_MINIMUM_AGE = 20

# Parts named in messages; lazy so that a valid number costs no translation lookup (the registry
# import validates a million numbers in one run).
BIRTH_DATE = gettext_lazy("tanggal lahir")
CPNS_APPOINTMENT = gettext_lazy("TMT CPNS")


@dataclass(frozen=True)
class NipInfo:
    """Decoded NIP (Nomor Induk Pegawai) of a PNS."""

    birth_date: date
    appointment: date  # first day of the month of the CPNS appointment (TMT CPNS)
    sex: str
    sequence: int


@dataclass(frozen=True)
class PppkNumberInfo:
    """Decoded NI PPPK (Nomor Induk PPPK)."""

    birth_date: date
    appointment_year: int
    contract_count: int
    sex: str
    sequence: int


@dataclass(frozen=True)
class NikInfo:
    """Decoded NIK (Nomor Induk Kependudukan, KTP)."""

    province: str
    regency: str
    kecamatan: str
    birth_date: date
    sex: str
    sequence: int

    @property
    def kecamatan_code(self) -> str:
        return f"{self.province}.{self.regency}.{self.kecamatan}"


def _digits(value: str, length: int, label: str) -> str:
    cleaned = str(value or "")
    if len(cleaned) == length and cleaned.isascii() and cleaned.isdigit():
        return cleaned
    cleaned = re.sub(r"[\s.\-]", "", cleaned)
    if not cleaned:
        raise ValidationError(_("%(label)s wajib diisi.") % {"label": label}, code="required")
    for position, char in enumerate(cleaned, start=1):
        if not char.isdigit():
            raise ValidationError(
                _("Digit ke-%(pos)d %(label)s harus angka, bukan '%(char)s'.")
                % {"pos": position, "label": label, "char": char},
                code="not_digit",
            )
    if len(cleaned) != length:
        raise ValidationError(
            _("%(label)s harus %(length)d digit, bukan %(found)d.")
            % {"label": label, "length": length, "found": len(cleaned)},
            code="length",
        )
    return cleaned


def _span(start: int, end: int) -> str:
    return f"{start}–{end}"


BIRTH_SPAN, APPOINTMENT_SPAN = _span(1, 8), _span(9, 14)


def _date(year: int, month: int, day: int, *, label: str, span: str, part: str) -> date:
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Digit ke-%(span)s %(label)s (%(part)s): bulan %(month)02d tidak ada.")
            % {"span": span, "label": label, "part": part, "month": month},
            code="month",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            _(
                "Digit ke-%(span)s %(label)s (%(part)s): tanggal %(day)02d-%(month)02d-%(year)04d tidak ada."
            )
            % {
                "span": span,
                "label": label,
                "part": part,
                "day": day,
                "month": month,
                "year": year,
            },
            code="date",
        ) from None


def _sex(digit: str, *, label: str, position: int) -> str:
    if digit not in "12":
        raise ValidationError(
            _("Digit ke-%(pos)d %(label)s (jenis kelamin) harus 1 atau 2, bukan %(digit)s.")
            % {"pos": position, "label": label, "digit": digit},
            code="sex",
        )
    return MALE if digit == "1" else FEMALE


class _SurelyPast:
    """Whatever the time zone, a date before yesterday on this server's clock is in the past.

    Reading the clock costs microseconds (``date.today()`` consults the local time zone), more
    than the rest of a NIP's checks, so the cutoff is read again only once a minute: a cutoff
    read earlier is only ever older than the true one, so the test stays right, merely less
    often decisive in the minute after midnight.
    """

    def __init__(self):
        self.cutoff, self.until = date.min, 0.0

    def before(self) -> date:
        now = time.monotonic()
        if now >= self.until:
            self.cutoff, self.until = date.today() - timedelta(days=1), now + 60
        return self.cutoff


_surely_past = _SurelyPast()


def _not_future(value: date, *, label: str, span: str, part: str) -> None:
    # The cheap test spares the time-zone lookup for almost every number.
    if value < _surely_past.before():
        return
    if value > timezone.localdate():
        raise ValidationError(
            _("Digit ke-%(span)s %(label)s (%(part)s): %(value)s belum terjadi.")
            % {"span": span, "label": label, "part": part, "value": value.strftime("%m-%Y")},
            code="future",
        )


def add_years(value: date, years: int) -> date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def parse_nip(value: str) -> NipInfo:
    """Decode an 18-digit NIP: birth date, CPNS appointment (year, month), sex, sequence."""
    nip = _digits(value, 18, "NIP")
    birth = _date(
        int(nip[0:4]),
        int(nip[4:6]),
        int(nip[6:8]),
        label="NIP",
        span=BIRTH_SPAN,
        part=BIRTH_DATE,
    )
    _not_future(birth, label="NIP", span=BIRTH_SPAN, part=BIRTH_DATE)
    appointment = _date(
        int(nip[8:12]),
        int(nip[12:14]),
        1,
        label="NIP",
        span=APPOINTMENT_SPAN,
        part=CPNS_APPOINTMENT,
    )
    _not_future(appointment, label="NIP", span=APPOINTMENT_SPAN, part=CPNS_APPOINTMENT)
    eighteenth = add_years(birth, 18)
    if (appointment.year, appointment.month) < (eighteenth.year, eighteenth.month):
        raise ValidationError(
            _(
                "Digit ke-9–14 NIP (TMT CPNS) %(appointment)s sebelum usia 18 tahun (lahir %(birth)s)."
            )
            % {"appointment": appointment.strftime("%m-%Y"), "birth": birth.strftime("%d-%m-%Y")},
            code="too_young",
        )
    sex = _sex(nip[14], label="NIP", position=15)
    return NipInfo(birth_date=birth, appointment=appointment, sex=sex, sequence=int(nip[15:18]))


def parse_pppk_number(value: str) -> PppkNumberInfo:
    """Decode an 18-digit NI PPPK: birth date, appointment year, contract count, sex, sequence."""
    number = _digits(value, 18, "NI PPPK")
    birth = _date(
        int(number[0:4]),
        int(number[4:6]),
        int(number[6:8]),
        label="NI PPPK",
        span=BIRTH_SPAN,
        part=BIRTH_DATE,
    )
    _not_future(birth, label="NI PPPK", span=BIRTH_SPAN, part=BIRTH_DATE)
    year = int(number[8:12])
    # A year before yesterday's on this server's clock is never in the future, whatever the
    # time zone.
    if year < birth.year or (
        year >= _surely_past.before().year and year > timezone.localdate().year
    ):
        raise ValidationError(
            _("Digit ke-9–12 NI PPPK (tahun pengangkatan): %(year)d tidak mungkin.")
            % {"year": year},
            code="year",
        )
    if year - birth.year < PPPK_MINIMUM_AGE:
        raise ValidationError(
            _(
                "Digit ke-9–12 NI PPPK (tahun pengangkatan): %(year)d, saat berusia %(age)d "
                "tahun; PPPK paling rendah berusia %(min)d tahun (PP 49/2018 Pasal 16)."
            )
            % {"year": year, "age": year - birth.year, "min": PPPK_MINIMUM_AGE},
            code="age",
        )
    sex = _sex(number[14], label="NI PPPK", position=15)
    return PppkNumberInfo(
        birth_date=birth,
        appointment_year=year,
        contract_count=int(number[12:14]),
        sex=sex,
        sequence=int(number[15:18]),
    )


@functools.cache
def nik_regions() -> frozenset[str]:
    """Province codes of Kepmendagri, and the regencies of Kalimantan Timur (old codes included:
    a NIK keeps the code of its first issue), from seeds/nik_regions.csv."""
    path = Path(settings.BASE_DIR) / "seeds" / "nik_regions.csv"
    with path.open(encoding="utf-8") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


def _check_nik_region(nik: str) -> None:
    """The province must exist; the regency is checked where the list has the province's
    regencies (Kalimantan Timur)."""
    province, regency = nik[0:2], f"{nik[0:2]}.{nik[2:4]}"
    known = nik_regions()
    if province not in known:
        raise ValidationError(
            _("Digit ke-1–2 NIK (provinsi): %(code)s bukan kode provinsi Kemendagri.")
            % {"code": province},
            code="region",
        )
    listed = any(code.startswith(f"{province}.") for code in known)
    if listed and regency not in known:
        raise ValidationError(
            _("Digit ke-3–4 NIK (kabupaten/kota): %(code)s bukan kode kabupaten/kota Kemendagri.")
            % {"code": regency},
            code="region",
        )


def parse_nik(value: str) -> NikInfo:
    """Decode a 16-digit NIK: region of first issue, birth date (day +40 for women), sequence."""
    nik = _digits(value, 16, "NIK")
    for start, part in ((0, _("provinsi")), (2, _("kabupaten/kota")), (4, _("kecamatan"))):
        if nik[start : start + 2] == "00":
            raise ValidationError(
                _("Digit ke-%(span)s NIK (%(part)s) tidak boleh 00.")
                % {"span": _span(start + 1, start + 2), "part": part},
                code="region",
            )
    _check_nik_region(nik)
    day = int(nik[6:8])
    sex = FEMALE if day > 40 else MALE
    day = day - 40 if day > 40 else day
    if not 1 <= day <= 31:
        raise ValidationError(
            _(
                "Digit ke-7–8 NIK (tanggal lahir): %(value)s bukan 01–31 (laki-laki) atau 41–71 (perempuan)."
            )
            % {"value": nik[6:8]},
            code="day",
        )
    month, year2 = int(nik[8:10]), int(nik[10:12])
    today = timezone.localdate()
    year = 2000 + year2 if 2000 + year2 <= today.year else 1900 + year2
    birth = _date(year, month, day, label="NIK", span=_span(7, 12), part=BIRTH_DATE)
    if birth > today:
        birth = _date(year - 100, month, day, label="NIK", span=_span(7, 12), part=BIRTH_DATE)
    if nik[12:16] == "0000":
        raise ValidationError(
            _("Digit ke-13–16 NIK (nomor urut) tidak boleh 0000."), code="sequence"
        )
    return NikInfo(nik[0:2], nik[2:4], nik[4:6], birth, sex, int(nik[12:16]))


def check_nik_matches_nip(nik: NikInfo, nip: NipInfo | PppkNumberInfo) -> None:
    """A person with both numbers: birth date and sex must agree."""
    if nik.sex != nip.sex:
        raise ValidationError(
            _("Jenis kelamin pada NIK tidak sama dengan NIP."), code="sex_mismatch"
        )
    if (nik.birth_date.month, nik.birth_date.day, nik.birth_date.year % 100) != (
        nip.birth_date.month,
        nip.birth_date.day,
        nip.birth_date.year % 100,
    ):
        raise ValidationError(
            _("Tanggal lahir pada NIK tidak sama dengan NIP."), code="birth_mismatch"
        )


def normalize_phone(value: str) -> str:
    """Any way people write an Indonesian number (08…, 628…, +62 8…) → E.164 ``+62…``."""
    raw = str(value or "").strip()
    if not raw:
        return ""
    try:
        parsed = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("Nomor telepon '%(value)s' tidak dikenali.") % {"value": raw}, code="phone"
        ) from None
    if not phonenumbers.is_possible_number(parsed):
        raise ValidationError(
            _("Nomor telepon '%(value)s' tidak lengkap atau terlalu panjang.") % {"value": raw},
            code="phone",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
