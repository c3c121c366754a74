"""CSV and XLSX exports shared by every list and report.

Headers are in Bahasa Indonesia; every text cell that a spreadsheet would read as a formula
(starting with = + - @, or a tab / carriage return) is neutralised with a leading apostrophe
(DESIGN §5, formula injection). Rows are streamed: memory does not grow with the export.
"""

import csv
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A cell value safe to open in a spreadsheet: formulas become plain text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


def iter_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> Iterable[str]:
    """CSV lines (UTF-8 with BOM so spreadsheet programs detect the encoding)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        yield writer.writerow([neutralise(v) for v in row])


def write_xlsx(
    handle, headers: Sequence[str], rows: Iterable[Sequence], title: str = "Data"
) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([neutralise(h) for h in headers])
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    workbook.save(handle)


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]):
    response = StreamingHttpResponse(iter_csv(headers, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]):
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx(handle, headers, rows)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def export_response(
    export_format: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence]
):
    """``export_format`` is ``csv`` or ``xlsx``."""
    if export_format == "xlsx":
        return xlsx_response(filename, headers, rows)
    return csv_response(filename, headers, rows)
