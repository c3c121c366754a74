"""The registry file's columns: their headers, the fields they fill and the order of a checked
row's values, with the way names and cell values are compared and quoted in messages."""

from dataclasses import dataclass
from operator import itemgetter


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


def _key(text) -> str:
    """How names are compared: case, surrounding and repeated spaces do not matter."""
    return " ".join(str(text).split()).casefold()


def _shown(value) -> str:
    """A cell value as quoted in a message: printable and short."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value)).strip()
    return text if len(text) <= 40 else text[:39] + "…"
