"""Reading a participant list from a CSV or XLSX file for bulk registration.

Columns are matched by their header, in any order and case (``nip``, ``nama``, ``jenis peserta``,
``instansi``, ``telepon``, ``nik``, ``jabatan``); a CSV may use commas or semicolons (Excel in
Indonesian saves with semicolons). Row numbers are the spreadsheet's, the header being row 1.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from apps.core.errors import InvalidInput
from apps.training.models import ParticipantType

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000

HEADER_ALIASES = {
    "nip": {"nip", "nip/ni pppk", "ni pppk", "nip / ni pppk"},
    "name": {"nama", "nama lengkap", "name"},
    "participant_type": {"jenis", "jenis peserta", "kategori", "participant type"},
    "institution": {"instansi", "unit kerja", "lembaga", "asal", "institution"},
    "phone": {"telepon", "telp", "hp", "no hp", "no. hp", "nomor hp", "nomor telepon", "phone"},
    "nik": {"nik"},
    "position": {"jabatan", "position"},
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


def _rows_from_table(table) -> list[Row]:
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
        if all(c in (None, "") or str(c).strip() == "" for c in cells):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise InvalidInput(
                fields={
                    "file": [
                        _("Paling banyak %(max)d peserta per berkas; bagi berkas menjadi beberapa.")
                        % {"max": MAX_IMPORT_ROWS}
                    ]
                }
            )
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
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_table(data: bytes):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InvalidInput(
            fields={"file": [_("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel.")]}
        ) from None
    sheet = workbook.worksheets[0]
    return sheet.iter_rows(values_only=True)


def read_rows(uploaded) -> list[Row]:
    """The participant rows of an uploaded CSV or XLSX file; InvalidInput for a bad file."""
    if uploaded.size > MAX_IMPORT_BYTES:
        raise InvalidInput(fields={"file": [_("Berkas lebih dari 5 MB.")]})
    data = uploaded.read()
    name = (getattr(uploaded, "name", "") or "").casefold()
    if data[:2] == b"PK" or name.endswith(".xlsx"):
        return _rows_from_table(_xlsx_table(data))
    if name and not re.search(r"\.(csv|txt)$", name):
        raise InvalidInput(fields={"file": [_("Unggah berkas CSV atau XLSX.")]})
    return _rows_from_table(_csv_table(data))
