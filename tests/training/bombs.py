"""Spreadsheet bombs built in the tests (issue 19): small files that declare or hold far more
than a participant list or a registry file should."""

import io
import re
import zipfile

from openpyxl import Workbook


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _rewrite(data: bytes, changes: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = changes.pop(item.filename, None)
            target.writestr(item.filename, body if body is not None else source.read(item))
        for name, body in changes.items():
            target.writestr(name, body)
    return out.getvalue()


def declaring(rows: list[list], dimension: str) -> bytes:
    """A real small sheet whose declared dimension claims far more (e.g. A1:XFD50000)."""
    data = xlsx(rows)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    if b"<dimension" in sheet:
        sheet = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), sheet)
    else:
        sheet = sheet.replace(b"<sheetData", f'<dimension ref="{dimension}"/><sheetData'.encode())
    return _rewrite(data, {"xl/worksheets/sheet1.xml": sheet})


def blank_rows(header: list[str], count: int) -> bytes:
    """A header, then ``count`` rows that exist in the file and hold nothing."""
    data = xlsx([header])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    empty = b"".join(b'<row r="%d"/>' % n for n in range(2, count + 2))
    sheet = sheet.replace(b"</sheetData>", empty + b"</sheetData>")
    sheet = re.sub(rb"<dimension[^>]*/>", b"", sheet)
    return _rewrite(data, {"xl/worksheets/sheet1.xml": sheet})


def shared_strings(header: list[str], count: int) -> bytes:
    """A workbook whose shared-strings part holds ``count`` entries (declaring only one)."""
    data = xlsx([header])
    body = b"".join(b"<si><t>%d</t></si>" % n for n in range(count))
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="1" uniqueCount="1">' + body + b"</sst>"
    )
    return _rewrite(data, {"xl/sharedStrings.xml": strings})
