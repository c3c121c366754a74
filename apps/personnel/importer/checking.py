"""Checking a registry record: :class:`RowChecker` turns a record's cells into the values of a
``CivilServant`` or into the messages that say why the row is rejected, looking agencies and
kecamatan up by name, short name or code."""

import re
from datetime import date, datetime

from django.utils.translation import gettext as _

from apps.personnel.importer.columns import DEFAULTS, HEADER_OF, ROW_OF, _key, _shown
from apps.personnel.models import (
    PNS_GRADE_CODES,
    PPPK_GRADES,
    Agency,
    CivilServant,
    Region,
    civil_servant_errors,
)

NAME_MAX = CivilServant._meta.get_field("name").max_length
POSITION_MAX = CivilServant._meta.get_field("position").max_length


def _find(table: dict, raw):
    """``table``'s entry for a cell: as written (the usual case, and the cheapest) or by key."""
    found = table.get(raw) if isinstance(raw, str) else None
    return found if found is not None else table.get(_key(raw))


class CellError(Exception):
    def __init__(self, message: str):
        self.message = message


def _printable(text: str, column: str) -> str:
    """``text`` unless it holds a control or invisible character (a NUL byte, a zero-width
    space): the database cannot store some of them and nobody can see any of them."""
    if text.isprintable():
        return text
    position = next(i for i, ch in enumerate(text, start=1) if not ch.isprintable())
    raise CellError(
        _(
            "%(column)s berisi karakter kontrol atau tak terlihat (U+%(code)04X) di karakter "
            "ke-%(position)d; hapus karakter itu."
        )
        % {"column": column, "code": ord(text[position - 1]), "position": position}
    )


NIP_SEPARATORS = re.compile(r"[\s.\-]")
DMY = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
SEXES = {
    "L": "L",
    "P": "P",
    "l": "L",
    "laki-laki": "L",
    "laki laki": "L",
    "p": "P",
    "perempuan": "P",
}
EMPLOYMENT_TYPES = {"PNS": "PNS", "PPPK": "PPPK", "pns": "PNS", "pppk": "PPPK"}
POSITION_TYPES = {
    key: value
    for value in CivilServant.PositionType.values
    for key in (value, value.capitalize(), f"jabatan {value}")
}
ROMAN = [code for code, _name in PPPK_GRADES]
GRADES = {
    **{code.upper(): code for code in PNS_GRADE_CODES},
    **{code: code for code in ROMAN},
    **{str(number): code for number, code in enumerate(ROMAN, start=1)},
}
AMBIGUOUS = object()


class RowChecker:
    """Checks one record against the registry's rules and the reference data.

    ``check(cells)`` returns ``(nip, values, errors)``: the NIP as written without separators
    (for finding duplicates, even in an invalid row), the values in :data:`FIELDS` order (None
    when the row is rejected) and the ``(column, message)`` pairs that reject it.
    """

    def __init__(self, positions: dict[str, int]):
        self.positions = positions
        self.agencies = _lookup(
            (agency_id, (code, name, short_name))
            for agency_id, code, name, short_name in Agency.objects.values_list(
                "id", "code", "name", "short_name"
            )
        )
        self.kecamatan = _lookup(
            (
                region_id,
                (name, f"Kecamatan {name}", f"Kec. {name}", code, code.replace(".", "")),
            )
            for region_id, code, name in Region.objects.filter(
                level=Region.Level.KECAMATAN
            ).values_list("id", "code", "name")
        )
        self.parsers = [
            (field, index, getattr(self, f"_{field}")) for field, index in positions.items()
        ]

    def check(self, cells: list) -> tuple[str, tuple | None, list[tuple[str, str]]]:
        values = dict(DEFAULTS)
        errors = []
        width = len(cells)
        for field, index, parse in self.parsers:
            raw = cells[index] if index < width else None
            try:
                values[field] = parse("" if raw is None else raw)
            except CellError as exc:
                values[field] = None
                errors.append((HEADER_OF[field], exc.message))
        if values["employment_type"] and values["nip"]:
            rules = civil_servant_errors(
                nip=values["nip"],
                employment_type=values["employment_type"],
                birth_date=values["birth_date"],
                sex=values["sex"],
                golongan=values["golongan"],
            )
            for field, messages in rules.items():
                errors.extend((HEADER_OF[field], str(message)) for message in messages)
        nip = values["nip"] or ""
        if errors:
            return nip, None, errors
        return nip, ROW_OF(values), errors

    @staticmethod
    def is_blank(cells: list) -> bool:
        try:
            return not "".join(cells).strip()
        except TypeError:  # a spreadsheet's numbers, dates or empty cells
            return all(cell is None or str(cell).strip() == "" for cell in cells)

    def _nip(self, raw) -> str:
        if isinstance(raw, float):
            raise CellError(
                _(
                    "NIP tersimpan sebagai angka di Excel sehingga digit akhirnya hilang; ubah format kolom NIP menjadi teks."
                )
            )
        text = str(raw).strip().lstrip("'")
        if not text:
            raise CellError(_("NIP wajib diisi."))
        if "e+" in text.casefold():
            raise CellError(
                _(
                    "NIP tertulis dalam notasi ilmiah (%(value)s); ubah format kolom NIP menjadi teks."
                )
                % {"value": _shown(text)}
            )
        return _printable(NIP_SEPARATORS.sub("", text), "NIP")

    def _employment_type(self, raw) -> str:
        found = _find(EMPLOYMENT_TYPES, raw)
        if found is None:
            raise CellError(
                _("Status Kepegawaian harus PNS atau PPPK, bukan '%(value)s'.")
                % {"value": _shown(raw)}
                if str(raw).strip()
                else _("Status Kepegawaian wajib diisi (PNS atau PPPK).")
            )
        return found

    def _name(self, raw) -> str:
        name = _printable(" ".join(str(raw).split()), "Nama")
        if not name:
            raise CellError(_("Nama wajib diisi."))
        if len(name) > NAME_MAX:
            raise CellError(_("Nama lebih dari %(max)d karakter.") % {"max": NAME_MAX})
        return name

    def _sex(self, raw) -> str:
        found = _find(SEXES, raw)
        if found is None:
            raise CellError(
                _("Jenis Kelamin harus L/P atau Laki-laki/Perempuan, bukan '%(value)s'.")
                % {"value": _shown(raw)}
                if str(raw).strip()
                else _("Jenis Kelamin wajib diisi (L atau P).")
            )
        return found

    def _birth_date(self, raw) -> date:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        text = str(raw).strip()
        if not text:
            raise CellError(_("Tanggal Lahir wajib diisi."))
        if match := DMY.fullmatch(text):
            day, month, year = match.group(1, 3, 4)
        elif match := ISO.fullmatch(text):
            year, month, day = match.groups()
        else:
            raise CellError(
                _(
                    "Tanggal Lahir '%(value)s' tidak dikenali; tulis dd-mm-yyyy, dd/mm/yyyy "
                    "atau yyyy-mm-dd."
                )
                % {"value": _shown(text)}
            )
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise CellError(
                _("Tanggal Lahir '%(value)s' tidak ada di kalender.") % {"value": _shown(text)}
            ) from None

    def _golongan(self, raw) -> str:
        text = "".join(str(raw).split()).upper()
        if not text:
            return ""
        found = GRADES.get(text)
        if found is None:
            raise CellError(
                _("Golongan '%(value)s' tidak dikenal; tulis seperti III/a (PNS) atau IX (PPPK).")
                % {"value": _shown(raw)}
            )
        return found

    def _position(self, raw) -> str:
        position = _printable(" ".join(str(raw).split()), "Jabatan")
        if len(position) > POSITION_MAX:
            raise CellError(_("Jabatan lebih dari %(max)d karakter.") % {"max": POSITION_MAX})
        return position

    def _position_type(self, raw) -> str:
        found = _find(POSITION_TYPES, raw)
        if found is None and not str(raw).strip():
            return ""
        if found is None:
            raise CellError(
                _("Jenis Jabatan harus struktural, fungsional atau pelaksana, bukan '%(value)s'.")
                % {"value": _shown(raw)}
            )
        return found

    def _agency_id(self, raw) -> int:
        found = _find(self.agencies, raw)
        if found is None and not str(raw).strip():
            raise CellError(_("Unit Kerja wajib diisi."))
        if found is AMBIGUOUS:
            raise CellError(
                _(
                    "Unit Kerja '%(value)s' cocok dengan lebih dari satu perangkat daerah; tulis kodenya."
                )
                % {"value": _shown(raw)}
            )
        if found is None:
            raise CellError(
                _(
                    "Unit Kerja '%(value)s' tidak dikenal; tulis nama, singkatan atau kode "
                    "perangkat daerah seperti di menu Perangkat daerah."
                )
                % {"value": _shown(raw)}
            )
        return found

    def _kecamatan_id(self, raw) -> int | None:
        found = _find(self.kecamatan, raw)
        if found is None and not str(raw).strip():
            return None
        if found is None or found is AMBIGUOUS:
            raise CellError(
                _(
                    "Kecamatan '%(value)s' tidak dikenal; tulis nama atau kode Kemendagri (64.02.03)."
                )
                % {"value": _shown(raw)}
            )
        return found


def _lookup(entries) -> dict:
    """Name (as written and as :func:`_key`) -> id; a name that two ids answer to is
    :data:`AMBIGUOUS`."""
    table: dict = {}
    for object_id, names in entries:
        for name in names:
            for key in {name, _key(name)} - {""}:
                table[key] = object_id if table.get(key, object_id) == object_id else AMBIGUOUS
    return table
