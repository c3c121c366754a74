"""Letter numbers without gaps, under concurrency too; a broken template stores nothing."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from apps.core.errors import Conflict
from apps.documents import numbering
from apps.documents.models import DocumentCounter, IssuedDocument
from apps.documents.services import session_document_issue
from tests.cases.test_numbering import run_concurrently
from tests.training.factories import RegistrationFactory, SessionFactory


def test_the_default_template_gives_type_office_month_and_year():
    from datetime import date

    number = numbering.render(
        numbering.DEFAULT_TEMPLATE,
        seq=7,
        document_type="forwarding_letter",
        office_code="64.02",
        on=date(2024, 11, 25),
    )
    assert number == "007/REK/64.02/XI/2024"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{seq}/{type_code}/{year}", "Templat nomor surat wajib memuat {office_code}."),
        ("{seq}/{type_code}/{office_code}/{year}/{kota}", "memuat {kota} yang tidak dikenal"),
        ("{seq:xyz}/{type_code}/{office_code}/{year}", "Templat nomor surat tidak valid"),
    ],
)
def test_an_invalid_number_template_is_explained(template, message):
    errors = numbering.template_errors(template)
    assert errors and message in errors[0]


def test_an_invalid_number_template_fails_the_system_check(settings):
    settings.NETRAL_DOCUMENT_NUMBER_TEMPLATE = "{nomor}"
    with pytest.raises(SystemCheckError, match=r"documents\.E001"):
        call_command("check")


@pytest.mark.django_db
def test_a_template_that_does_not_compile_is_named_and_nothing_is_stored(
    settings, tmp_path, reference_data, clerk_loajanan
):
    folder = tmp_path / "templates"
    folder.mkdir()
    for source in settings.NETRAL_DOCUMENT_TEMPLATE_DIR.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "attendance_list.typ").write_text(
        '#import "_common.typ": *\n#show: letter\n#data.tidak_ada\n', encoding="utf-8"
    )
    settings.NETRAL_DOCUMENT_TEMPLATE_DIR = folder
    session = SessionFactory()
    RegistrationFactory(session=session)

    with pytest.raises(Conflict) as error:
        session_document_issue(
            session_id=session.pk, document_type="attendance_list", actor=clerk_loajanan
        )

    assert "attendance_list.typ" in error.value.message
    assert "tidak_ada" in error.value.message
    assert not IssuedDocument.objects.exists()
    assert not DocumentCounter.objects.filter(last_sequence__gt=0).exists()
    assert not list(settings.MEDIA_ROOT.rglob("*.pdf"))


@pytest.mark.django_db
def test_numbers_run_per_type_and_kecamatan(reference_data, clerk_loajanan, clerk_tenggarong):
    here, there = SessionFactory(), SessionFactory(tenggarong=True)
    for session in (here, there):
        RegistrationFactory(session=session)

    def issue(session, clerk, document_type="attendance_list"):
        return session_document_issue(
            session_id=session.pk, document_type=document_type, actor=clerk
        ).number.split("/")[:3]

    assert issue(here, clerk_loajanan) == ["001", "DH", "64.02.03"]
    assert issue(here, clerk_loajanan, "pledge_forms") == ["001", "PI", "64.02.03"]
    assert issue(there, clerk_tenggarong) == ["001", "DH", "64.02.06"]
    other = SessionFactory()
    RegistrationFactory(session=other)
    assert issue(other, clerk_loajanan) == ["002", "DH", "64.02.03"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_gap_free_numbers_and_versions(reference_data):
    from tests.factories import persona

    clerk = persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    sessions = [SessionFactory() for _ in range(6)]
    for session in sessions:
        RegistrationFactory(session=session)
    calls = [
        lambda pk=session.pk: session_document_issue(
            session_id=pk, document_type="attendance_list", actor=clerk
        )
        for session in sessions
        for _ in range(2)  # each session's list twice at once: versions 1 and 2
    ]
    results = run_concurrently(calls)
    assert all(isinstance(r, IssuedDocument) for r in results), results
    sequences = sorted({r.number_sequence for r in results})
    assert sequences == list(range(1, 7))
    for session in sessions:
        versions = IssuedDocument.objects.filter(session=session).values_list("version", flat=True)
        assert sorted(versions) == [1, 2]
    assert DocumentCounter.objects.get().last_sequence == 6
