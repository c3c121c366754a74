"""Whatever a file holds, an import ends cleanly: done or failed with a message, every rejected
row with its column and reason, and the counts add up to what is stored (property-based)."""

import pytest
from django.core.files.base import ContentFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from apps.personnel.models import CivilServant, ImportRowError, PersonnelImport
from apps.personnel.services import personnel_import_create, personnel_import_run
from tests.personnel.import_files import HEADERS, csv_bytes, person, xlsx_bytes

pytestmark = pytest.mark.django_db

EXAMPLES = hypothesis_settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
TRICKY = [
    "",
    " ",
    "'",
    "0",
    "1e+17",
    "19850314201001100",
    "198503142010011001",
    "L",
    "p",
    "PPPK",
    "III/a",
    "XVIII",
    "31-02-1985",
    "1985-03-14",
    "14/3/1985",
    "Loa Janan",
    "64.02.03",
    "Disdikbud",
    "\x00",
    "\ufeff",
    "\u200b",
    "=1+1",
    ";",
    ",",
    '"',
    "\r\n",
    "\\",
    "\\N",
]
CELL = st.one_of(st.text(max_size=30), st.sampled_from(TRICKY))
SPREADSHEET_CELL = st.one_of(
    CELL,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.none(),
)
CHANGES = st.lists(st.dictionaries(st.sampled_from(HEADERS), CELL), max_size=5)


@pytest.fixture
def private_media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("imports")


def import_ends_cleanly(content: bytes, *, filename="pegawai.csv", strict=False):
    before = CivilServant.objects.count()
    created = personnel_import_create(
        file=ContentFile(content), filename=filename, strict=strict, actor=None
    )
    result = personnel_import_run(import_id=created.pk)
    assert result.state in (PersonnelImport.State.DONE, PersonnelImport.State.FAILED)
    if result.state == PersonnelImport.State.FAILED:
        assert result.failure_message
    errors = ImportRowError.objects.filter(personnel_import=result)
    assert all(error.message and error.column for error in errors)
    assert errors.values("row_number").distinct().count() == result.rejected
    assert CivilServant.objects.count() == before + result.created
    if strict and result.rejected:
        assert result.created == result.updated == 0


@EXAMPLES
@given(changes=CHANGES, sep=st.sampled_from([",", ";"]), strict=st.booleans())
def test_any_cells_in_a_csv(private_media, changes, sep, strict):
    rows = [person(seq, **change) for seq, change in enumerate(changes, start=1)]
    try:
        content = csv_bytes(rows, sep=sep, encoding="cp1252")
    except UnicodeEncodeError:
        content = csv_bytes(rows, sep=sep)
    import_ends_cleanly(content, strict=strict)


@EXAMPLES
@given(tail=st.binary(max_size=300))
def test_any_bytes_after_a_header_or_as_the_whole_file(private_media, tail):
    header = ",".join(HEADERS).encode() + b"\n"
    import_ends_cleanly(header + tail)
    import_ends_cleanly(tail)
    import_ends_cleanly(tail, filename="pegawai.xlsx")


@EXAMPLES
@given(changes=st.lists(st.dictionaries(st.sampled_from(HEADERS), SPREADSHEET_CELL), max_size=4))
def test_any_values_in_a_spreadsheet(private_media, changes):
    rows = [person(seq, **change) for seq, change in enumerate(changes, start=1)]
    try:
        content = xlsx_bytes(rows)
    except (ValueError, IllegalCharacterError):  # values openpyxl refuses to write
        return
    import_ends_cleanly(content, filename="pegawai.xlsx")
