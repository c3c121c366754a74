"""Documents are stored under a temporary private media root, one per test."""

import io

import pytest
from pypdf import PdfReader


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT
    return settings.MEDIA_ROOT


def pdf_text(data: bytes) -> str:
    """Every page's text, pages joined; whitespace runs made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def stored_pdf(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()
