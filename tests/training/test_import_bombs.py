"""Rule 3 of issue 19: a participant list is judged by what it holds, not what it declares, and
a file that holds too much is a clear 400 — quickly, and before it is in memory."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.errors import InvalidInput
from apps.training import services
from tests.training import bombs
from tests.training.factories import SessionFactory

pytestmark = pytest.mark.django_db

HEADER = ["nama", "jenis peserta", "telepon"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(data: bytes, name="peserta.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX)


def _import(clerk, data: bytes, name="peserta.xlsx"):
    return services.registrations_import(
        session=SessionFactory(), actor=clerk, file=_upload(data, name)
    )


def test_a_declared_dimension_of_fifty_thousand_rows_is_ignored(clerk_loajanan):
    data = bombs.declaring([HEADER, ["Hasanuddin", "kepala desa", "081255001122"]], "A1:XFD50000")
    assert len(data) < 8000
    started = time.monotonic()
    report = _import(clerk_loajanan, data)
    assert time.monotonic() - started < 2  # it took 22 s (and minutes for a full sheet)
    assert [o.status for o in report.outcomes] == ["created"]


def test_blank_rows_count_against_the_limit(clerk_loajanan, settings):
    settings.NETRAL_TRAINING_IMPORT_MAX_ROWS = 5000
    started = time.monotonic()
    with pytest.raises(InvalidInput) as refused:
        _import(clerk_loajanan, bombs.blank_rows(HEADER, 50_000))
    assert "lebih dari 5000 baris" in refused.value.fields["file"][0]
    assert time.monotonic() - started < 5


def test_too_many_shared_strings_are_refused_before_the_workbook_is_opened(
    clerk_loajanan, settings
):
    settings.NETRAL_TRAINING_IMPORT_MAX_SHARED_STRINGS = 1000
    with pytest.raises(InvalidInput) as refused:
        _import(clerk_loajanan, bombs.shared_strings(HEADER, 1001))
    assert "lebih dari 1.000 teks berbeda" in refused.value.fields["file"][0]
    report = _import(clerk_loajanan, bombs.shared_strings(HEADER, 999))
    assert report.outcomes == []


def test_a_file_that_unpacks_too_large_is_refused(clerk_loajanan, settings):
    settings.NETRAL_TRAINING_IMPORT_MAX_UNPACKED_BYTES = 20_000
    with pytest.raises(InvalidInput) as refused:
        _import(clerk_loajanan, bombs.shared_strings(HEADER, 5000))  # ~100 KB unpacked
    assert "setelah dibuka" in refused.value.fields["file"][0]


def test_reading_stops_at_the_time_budget(clerk_loajanan, settings):
    settings.NETRAL_TRAINING_IMPORT_SECONDS = 0
    rows = [HEADER] + [[f"Peserta {i}", "honorer", f"0812000{i:05d}"] for i in range(50)]
    with pytest.raises(InvalidInput) as refused:
        _import(clerk_loajanan, bombs.xlsx(rows))
    assert "terlalu lama dibaca" in refused.value.fields["file"][0]


def test_a_csv_field_over_131072_characters_is_a_clear_400(
    client, clerk_loajanan, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    text = "nama,jenis,telepon\n" + "A" * 131_073 + ",kades,081255001122\n"
    client.force_login(clerk_loajanan)
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = client.post(
            reverse("training:registration-import", args=[session.pk]),
            {"file": SimpleUploadedFile("peserta.csv", text.encode())},
        )
    response = client.get(uploaded.url)
    assert response.status_code == 400
    assert "lebih dari 131.072 karakter" in response.content.decode()
    assert not session.registrations.exists()


def test_the_import_runs_in_the_worker_with_its_progress(
    client, clerk_loajanan, settings, django_capture_on_commit_callbacks
):
    from apps.training.models import ParticipantImport
    from apps.training.participant_imports import PROGRESS_EVERY

    session = SessionFactory()
    rows = [HEADER] + [[f"Peserta {i}", "honorer", f"08120{i:07d}"] for i in range(45)]
    client.force_login(clerk_loajanan)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        uploaded = client.post(
            reverse("training:registration-import", args=[session.pk]),
            {"file": _upload(bombs.xlsx(rows))},
        )
    job = ParticipantImport.objects.get()
    assert job.status == "pending" and not session.registrations.exists()  # nothing in the request
    waiting = client.get(uploaded.url)
    assert 'http-equiv="refresh"' in waiting.content.decode()
    with CaptureQueriesContext(connection) as worker:
        for callback in queued:
            callback()
    progress = [q["sql"] for q in worker.captured_queries if '"rows_done" =' in q["sql"]]
    assert len(progress) == 45 // PROGRESS_EVERY + 1  # as it went, and the final count
    job.refresh_from_db()
    assert (job.status, job.rows_done) == ("done", 45)
    assert session.registrations.count() == 45
    page = client.get(uploaded.url).content.decode()
    assert 'http-equiv="refresh"' not in page and "45" in page
