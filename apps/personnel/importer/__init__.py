"""Reading and checking a personnel registry file (CSV or XLSX) as BKPSDM exports it.

The file is streamed: :class:`RegistryFile` checks the header row and yields the records one by
one, and :class:`RowChecker` turns a record into the values of a ``CivilServant`` or into the
messages that say why the row is rejected. Writing is the services' job (``services.py``).
See docs/import.md for the format.

By what they hold: ``columns`` (the format), ``reading`` (the file), ``bombs`` (the limits that
refuse a spreadsheet bomb) and ``checking`` (a record against the registry's rules).
"""

from apps.personnel.importer.bombs import check_xlsx_archive, csv_error_message
from apps.personnel.importer.checking import RowChecker
from apps.personnel.importer.columns import COLUMNS, EXTENSIONS, FIELDS, HEADER_OF
from apps.personnel.importer.reading import RegistryFile, unsupported_file_message

__all__ = [
    "COLUMNS",
    "EXTENSIONS",
    "FIELDS",
    "HEADER_OF",
    "RegistryFile",
    "RowChecker",
    "check_xlsx_archive",
    "csv_error_message",
    "unsupported_file_message",
]
