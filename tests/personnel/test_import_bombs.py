"""The registry import has the participant import's defences (issue 19, rule 3): a declared
dimension is not read, distinct texts and unpacked size are capped before openpyxl opens the
file, and a CSV field over the csv module's limit is a clear error."""

import io
import time

import pytest

from apps.core.errors import InvalidInput
from apps.personnel import importer
from tests.training import bombs

HEADER = [column.header for column in importer.COLUMNS]


def _open(data: bytes, name="asn.xlsx"):
    return importer.RegistryFile(io.BytesIO(data), name)


def test_a_declared_dimension_is_a_hint_and_never_read(settings):
    data = bombs.declaring([HEADER], "A1:XFD1048576")
    started = time.monotonic()
    source = _open(data)
    assert list(source.records()) == []
    assert time.monotonic() - started < 2
    source.close()


def test_too_many_shared_strings_are_refused_before_opening(settings):
    settings.NETRAL_IMPORT_MAX_SHARED_STRINGS = 500
    with pytest.raises(InvalidInput) as refused:
        _open(bombs.shared_strings(HEADER, 501))
    assert "teks berbeda" in refused.value.message


def test_a_file_that_unpacks_too_large_is_refused(settings):
    settings.NETRAL_IMPORT_MAX_UNPACKED_MB = 0
    with pytest.raises(InvalidInput) as refused:
        _open(bombs.xlsx([HEADER]))
    assert "setelah dibuka" in refused.value.message


def test_a_csv_field_over_the_limit_is_a_clear_error():
    text = ",".join(HEADER) + "\n" + "1" * 131_073 + "\n"
    source = importer.RegistryFile(io.BytesIO(text.encode()), "asn.csv")
    with pytest.raises(InvalidInput) as refused:
        list(source.records())
    assert "lebih dari 131.072 karakter" in refused.value.message
