"""Defences against spreadsheet bombs: an XLSX whose archive unpacks to too much or holds too
many shared strings is refused before openpyxl opens it, a row is read no wider than
:data:`XLSX_MAX_COLUMNS`, and a CSV field over the csv module's limit gets a clear message."""

import csv
import zipfile

from django.utils.translation import gettext as _

from apps.core.errors import InvalidInput

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
