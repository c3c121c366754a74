"""Reading a participant list from a CSV or XLSX file for bulk registration.

Columns are matched by their header, in any order and case (``nip``, ``nama``, ``jenis peserta``,
``instansi``, ``telepon``, ``nik``, ``jabatan``); a CSV may use commas or semicolons (Excel in
Indonesian saves with semicolons). Row numbers are the spreadsheet's, the header being row 1.

A file is read as it streams and judged by what it holds, not by what it declares (issue 19):
every row counts against ``NETRAL_TRAINING_IMPORT_MAX_ROWS``, blank ones too; an XLSX's declared
dimension is ignored, its distinct texts and unpacked size are capped before openpyxl opens it
(``apps.personnel.importer.check_xlsx_archive``); a CSV field over the csv module's 131,072
characters is a clear error; and reading stops after ``NETRAL_TRAINING_IMPORT_SECONDS``.
"""

import csv
import io
import re
import time
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from apps.core.errors import InvalidInput
from apps.personnel.importer import check_xlsx_archive, csv_error_message
from apps.training.models import ParticipantType

MAX_COLUMNS = 30  # seven known columns and room for the office's own; never 16,384

HEADER_ALIASES = {
    "nip": {"nip", "nip/ni pppk", "ni pppk", "nip / ni pppk"},
    "name": {"nama", "nama lengkap", "name"},
    "participant_type": {"jenis", "jenis peserta", "kategori", "participant type"},
    "institution": {"instansi", "unit kerja", "lembaga", "asal", "institution"},
    "phone": {"telepon", "telp", "hp", "no hp", "no. hp", "nomor hp", "nomor telepon", "phone"},
    "nik": {"nik"},
    "position": {"jabatan", "position"},
    "email": {"email", "e-mail", "surel", "alamat email", "alamat e-mail"},
}
TYPE_ALIASES = {
    **{value: value for value in ParticipantType.values},
    **{str(label).casefold(): value for value, label in ParticipantType.choices},
    "kades": ParticipantType.VILLAGE_HEAD,
    "honorer": ParticipantType.HONORARY,
    "non-asn": ParticipantType.HONORARY,
    "tni": ParticipantType.SECURITY,
    "polri": ParticipantType.SECURITY,
    "babinsa": ParticipantType.SECURITY,
    "bhabinkamtibmas": ParticipantType.SECURITY,
}


@dataclass
class Row:
    number: int
    values: dict[str, str] = field(default_factory=dict)
    error: str = ""


def _header_key(text) -> str | None:
    cleaned = " ".join(str(text or "").replace("_", " ").casefold().split())
    for key, aliases in HEADER_ALIASES.items():
        if cleaned in aliases:
            return key
    return None


def participant_type_of(text: str) -> str:
    cleaned = " ".join(str(text or "").replace("_", " ").casefold().split())
    return TYPE_ALIASES.get(cleaned) or TYPE_ALIASES.get(cleaned.replace(" ", "_"), "")


def _cell(key: str, value) -> tuple[str, str]:
    """A cell as text; an error when a spreadsheet stored a NIP or NIK as a number."""
    if value is None:
        return "", ""
    if isinstance(value, bool):
        return str(value), ""
    if isinstance(value, int | float):
        if key in {"nip", "nik"}:
            return "", _(
                "Kolom %(column)s tersimpan sebagai angka sehingga digit terakhirnya hilang; "
                "ubah format kolom menjadi Teks lalu ketik ulang."
            ) % {"column": key.upper()}
        return (str(int(value)) if float(value).is_integer() else str(value)), ""
    return str(value).strip(), ""


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(fields={"file": [message]})


class Budget:
    """The rows and the seconds an import may spend; both are checked on every row read."""

    def __init__(self):
        self.max_rows = settings.NETRAL_TRAINING_IMPORT_MAX_ROWS
        self.deadline = time.monotonic() + settings.NETRAL_TRAINING_IMPORT_SECONDS

    def check(self, rows_read: int) -> None:
        if rows_read > self.max_rows:
            raise _refuse(
                _(
                    "Berkas berisi lebih dari %(max)d baris (baris kosong ikut dihitung); bagi "
                    "berkas menjadi beberapa."
                )
                % {"max": self.max_rows}
            )
        if time.monotonic() > self.deadline:
            raise _refuse(
                _("Berkas terlalu lama dibaca (lebih dari %(s)d detik); bagi menjadi beberapa.")
                % {"s": settings.NETRAL_TRAINING_IMPORT_SECONDS}
            )


def _rows_from_table(table, budget: Budget | None = None) -> list[Row]:
    budget = budget or Budget()
    iterator = iter(table)
    header = next(iterator, None)
    if header is None:
        raise InvalidInput(fields={"file": [_("Berkas kosong.")]})
    keys = [_header_key(h) for h in header]
    if "nip" not in keys and "name" not in keys:
        raise InvalidInput(
            fields={
                "file": [
                    _(
                        "Baris pertama harus berisi judul kolom, paling sedikit NIP atau Nama "
                        "(lihat contoh berkas)."
                    )
                ]
            }
        )
    rows = []
    for number, cells in enumerate(iterator, start=2):
        budget.check(number - 1)
        if all(c in (None, "") or str(c).strip() == "" for c in cells):
            continue
        row = Row(number)
        for key, value in zip(keys, cells, strict=False):
            if key is None:
                continue
            text, error = _cell(key, value)
            row.values[key] = text
            row.error = row.error or error
        rows.append(row)
    return rows


def _csv_table(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        yield from reader
    except csv.Error as exc:
        raise _refuse(csv_error_message(exc, reader.line_num)) from None


def _xlsx_table(data: bytes):
    handle = io.BytesIO(data)
    try:
        check_xlsx_archive(
            handle,
            max_unpacked=settings.NETRAL_TRAINING_IMPORT_MAX_UNPACKED_BYTES,
            max_shared_strings=settings.NETRAL_TRAINING_IMPORT_MAX_SHARED_STRINGS,
        )
    except InvalidInput as error:
        raise _refuse(error.message) from None
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _refuse(_("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel.")) from None
    sheet = workbook.worksheets[0]
    # The declared dimension (A1:XFD50000 in a 1.6 KB file) made openpyxl pad to it: ignored.
    sheet.reset_dimensions()
    try:
        yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    finally:
        workbook.close()


def read_rows(uploaded) -> list[Row]:
    """The participant rows of an uploaded CSV or XLSX file; InvalidInput for a bad file."""
    limit = settings.NETRAL_TRAINING_IMPORT_MAX_BYTES
    if uploaded.size > limit:
        raise _refuse(_("Berkas lebih dari %(mb)d MB.") % {"mb": limit // 2**20})
    data = uploaded.read()
    name = (getattr(uploaded, "name", "") or "").casefold()
    if data[:2] == b"PK" or name.endswith(".xlsx"):
        return _rows_from_table(_xlsx_table(data))
    if name and not re.search(r"\.(csv|txt)$", name):
        raise InvalidInput(fields={"file": [_("Unggah berkas CSV atau XLSX.")]})
    return _rows_from_table(_csv_table(data))
