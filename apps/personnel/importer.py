"""Reading and checking a personnel registry file (CSV or XLSX) as BKPSDM exports it.

The file is streamed: :class:`RegistryFile` checks the header row and yields the records one by
one, and :class:`RowChecker` turns a record into the values of a ``CivilServant`` or into the
messages that say why the row is rejected. Writing is the services' job (``services.py``).
See docs/import.md for the format.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from pathlib import PurePath

from django.utils.translation import gettext as _

from apps.core.errors import InvalidInput
from apps.personnel.models import (
    PNS_GRADE_CODES,
    PPPK_GRADES,
    Agency,
    CivilServant,
    Region,
    civil_servant_errors,
)


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool


COLUMNS = (
    Column("NIP", "nip", True),
    Column("Nama", "name", True),
    Column("Jenis Kelamin", "sex", True),
    Column("Tanggal Lahir", "birth_date", True),
    Column("Golongan", "golongan", False),
    Column("Jabatan", "position", False),
    Column("Jenis Jabatan", "position_type", False),
    Column("Unit Kerja", "agency_id", True),
    Column("Kecamatan", "kecamatan_id", False),
    Column("Status Kepegawaian", "employment_type", True),
)
HEADER_OF = {column.field: column.header for column in COLUMNS}
# The order of a checked row's values; also the order of the staging table's columns.
FIELDS = (
    "nip",
    "employment_type",
    "name",
    "sex",
    "birth_date",
    "golongan",
    "position",
    "position_type",
    "agency_id",
    "kecamatan_id",
)
ROW_OF = itemgetter(*FIELDS)
# What a new person gets for an optional column the file does not have.
DEFAULTS = {"golongan": "", "position": "", "position_type": "", "kecamatan_id": None}
EXTENSIONS = (".csv", ".xlsx")
NAME_MAX = CivilServant._meta.get_field("name").max_length
POSITION_MAX = CivilServant._meta.get_field("position").max_length


def _key(text) -> str:
    """How names are compared: case, surrounding and repeated spaces do not matter."""
    return " ".join(str(text).split()).casefold()


def _shown(value) -> str:
    """A cell value as quoted in a message: printable and short."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value)).strip()
    return text if len(text) <= 40 else text[:39] + "…"


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


# --- reading ---


class RegistryFile:
    """An open registry file: the header checked on opening, then the records, streamed.

    Raises :class:`InvalidInput` with one message when the file cannot be read or a required
    column is missing, before any row is read.
    """

    def __init__(self, handle, filename: str):
        self.handle = handle
        suffix = PurePath(filename).suffix.lower()
        if suffix not in EXTENSIONS:
            raise InvalidInput(unsupported_file_message(filename))
        self.is_xlsx = suffix == ".xlsx"
        self.workbook = None
        self.rows_hint: int | None = None
        if self.is_xlsx:
            self._open_xlsx()
        else:
            self._open_csv()
        header = next(self._raw_records(), None)
        if header is None:
            raise InvalidInput(_("Berkas kosong: baris pertama harus berisi judul kolom."))
        self.positions = positions_of(header)
        self.fields = tuple(f for f in FIELDS if f in self.positions)

    def close(self) -> None:
        if self.workbook is not None:
            self.workbook.close()

    def records(self, *, skip: int = 0) -> Iterator[tuple[int, list]]:
        """``(row_number, cells)`` of every record after the header, the first ``skip`` left
        out. Row numbers are a spreadsheet's: the header is row 1."""
        raw = self._raw_records()
        next(raw, None)
        for row_number, cells in enumerate(raw, start=2):
            if row_number - 2 >= skip:
                yield row_number, cells

    def _open_xlsx(self) -> None:
        from django.conf import settings
        from openpyxl import load_workbook

        check_xlsx_archive(
            self.handle,
            max_unpacked=settings.NETRAL_IMPORT_MAX_UNPACKED_MB * 2**20,
            max_shared_strings=settings.NETRAL_IMPORT_MAX_SHARED_STRINGS,
        )
        try:
            self.workbook = load_workbook(self.handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            raise InvalidInput(
                _("Berkas tidak dapat dibaca sebagai XLSX. Simpan ulang dari Excel sebagai .xlsx.")
            ) from None
        self.sheet = self.workbook.worksheets[0]
        if self.sheet.max_row:
            # What the file declares: a hint for the progress bar, never what is read.
            self.rows_hint = max(self.sheet.max_row - 1, 0)
        # A declared dimension of A1:XFD1048576 made openpyxl pad every row to 16,384 cells
        # and the sheet to a million rows: read the rows the file holds, as wide as the columns.
        self.sheet.reset_dimensions()

    def _open_csv(self) -> None:
        self.encoding = detect_encoding(self.handle)
        self.handle.seek(0)
        first = self.handle.read(64 * 1024).decode(self.encoding, errors="replace")
        first_line = first.splitlines()[0] if first else ""
        self.delimiter = ";" if first_line.count(";") > first_line.count(",") else ","

    def _raw_records(self) -> Iterator[list]:
        if self.is_xlsx:
            for values in self.sheet.iter_rows(max_col=XLSX_MAX_COLUMNS, values_only=True):
                yield list(values)
            return
        self.handle.seek(0)
        text = io.TextIOWrapper(self.handle, encoding=self.encoding, errors="replace", newline="")
        reader = csv.reader(text, delimiter=self.delimiter)
        try:
            yield from reader
        except csv.Error as exc:
            raise InvalidInput(csv_error_message(exc, reader.line_num)) from None
        finally:
            text.detach()  # the file belongs to the caller: closing the wrapper must not close it


# --- spreadsheet bombs ---

XLSX_MAX_COLUMNS = 64  # the registry has 11 columns; a row of 16,384 cells is not a record


def csv_error_message(exc: csv.Error, line: int) -> str:
    """A clear message for what the csv module refuses (in English), a field over its limit
    (131,072 characters) above all."""
    if "field larger than field limit" in str(exc):
        return _(
            "Baris %(line)d berisi sel lebih dari %(limit)s karakter; berkas ini bukan daftar "
            "yang wajar. Periksa berkasnya."
        ) % {"line": line, "limit": f"{csv.field_size_limit():,}".replace(",", ".")}
    return _("Berkas CSV rusak di baris %(line)d; simpan ulang sebagai CSV.") % {"line": line}


def check_xlsx_archive(handle, *, max_unpacked: int, max_shared_strings: int) -> None:
    """Refuse an XLSX bomb before openpyxl opens it; InvalidInput naming the limit.

    openpyxl reads every shared string into memory when it opens a workbook (a 405 KB file
    holding 10 million took 1 GB and 73 s), so they are counted here first, while streaming,
    whatever count the file declares. The members' unpacked sizes are what ``zipfile`` will
    read at most (it stops at the declared size), so their sum bounds the work.
    """
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InvalidInput(
            _("Berkas tidak dapat dibaca sebagai XLSX. Simpan ulang dari Excel sebagai .xlsx.")
        ) from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked:
        raise InvalidInput(
            _(
                "Isi berkas XLSX ini %(size)d MB setelah dibuka (paling banyak %(limit)d MB); "
                "bagi menjadi beberapa berkas."
            )
            % {"size": unpacked // 2**20, "limit": max_unpacked // 2**20}
        )
    shared = [m.filename for m in members if m.filename.lower().endswith("sharedstrings.xml")]
    for name in shared:
        _count_shared_strings(archive, name, max_shared_strings)
    handle.seek(0)


def _count_shared_strings(archive: zipfile.ZipFile, name: str, limit: int) -> None:
    from xml.etree.ElementTree import ParseError, iterparse

    count = 0
    try:
        with archive.open(name) as stream:
            events = iterparse(stream, events=("start", "end"))
            _event, root = next(events)
            for event, element in events:
                if event == "end" and element.tag.rpartition("}")[2] == "si":
                    count += 1
                    if count > limit:
                        raise InvalidInput(
                            _(
                                "Berkas XLSX ini berisi lebih dari %(limit)s teks berbeda; "
                                "bagi menjadi beberapa berkas."
                            )
                            % {"limit": f"{limit:,}".replace(",", ".")}
                        )
                    root.clear()  # keep no parsed string in memory
    except (ParseError, zipfile.BadZipFile, OSError, StopIteration):
        raise InvalidInput(
            _("Berkas tidak dapat dibaca sebagai XLSX. Simpan ulang dari Excel sebagai .xlsx.")
        ) from None


def unsupported_file_message(filename: str) -> str:
    return _("Berkas %(name)s bukan CSV atau XLSX.") % {"name": _shown(PurePath(filename).name)}


def detect_encoding(handle) -> str:
    """UTF-8 (with or without BOM) when every byte decodes as UTF-8, else Windows-1252.

    Reads the whole file once in chunks: a file whose first megabytes are plain ASCII may still
    hold a Windows-1252 name far down.
    """
    handle.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def positions_of(header: list) -> dict[str, int]:
    """Field -> index of its column. Unknown columns are ignored; a missing required column or
    a column given twice is one error for the whole file."""
    by_key = {_key(column.header): column for column in COLUMNS}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = by_key.get(_key(str(cell or "").lstrip("\ufeff")))
        if column is None:
            continue
        if column.field in positions:
            raise InvalidInput(
                _("Kolom %(column)s ada lebih dari sekali di baris judul.")
                % {"column": column.header}
            )
        positions[column.field] = index
    missing = [c.header for c in COLUMNS if c.required and c.field not in positions]
    if missing:
        raise InvalidInput(
            _(
                "Kolom wajib tidak ditemukan: %(missing)s. Baris pertama berkas harus berisi "
                "judul kolom: %(expected)s."
            )
            % {"missing": ", ".join(missing), "expected": ", ".join(c.header for c in COLUMNS)}
        )
    return positions


# --- checking ---

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
