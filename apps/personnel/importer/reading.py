"""Reading a registry file: :class:`RegistryFile` checks the header row and streams the records
of a CSV (its encoding and delimiter detected) or of an XLSX's first sheet."""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePath

from django.utils.translation import gettext as _

from apps.core.errors import InvalidInput
from apps.personnel.importer.bombs import XLSX_MAX_COLUMNS, check_xlsx_archive, csv_error_message
from apps.personnel.importer.columns import COLUMNS, EXTENSIONS, FIELDS, _key, _shown


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
