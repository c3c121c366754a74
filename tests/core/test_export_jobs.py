"""Large exports run as jobs: visible progress, the file for the requester only."""

import csv
import io

import pytest
from django.core.files.storage import default_storage
from openpyxl import load_workbook
from rest_framework.test import APIClient

from apps.core import export_jobs
from apps.core.models import ExportJob
from apps.notifications.models import Notification
from tests.factories import CivilServantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.export_views")]
SOURCE = "tests.core.export_views.ServantList"


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def servants(reference_data):
    rows = [CivilServantFactory() for _ in range(4)]
    rows[0].position = '=HYPERLINK("http://jahat.invalid")'
    rows[0].save()
    return rows


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def start(client, query="format=csv", capture=None):
    with capture(execute=True):
        return client.get(f"/api/v1/test-servants/?{query}")


def test_an_export_over_the_limit_becomes_a_job_answered_202(
    bkpsdm_officer, servants, settings, django_capture_on_commit_callbacks
):
    settings.NETRAL_EXPORT_ASYNC_ROWS = 3
    response = start(client_for(bkpsdm_officer), capture=django_capture_on_commit_callbacks)
    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == body["status_url"]
    job = ExportJob.objects.get(pk=body["id"])
    assert (job.requested_by, job.total_rows, job.status) == (bkpsdm_officer, 4, "done")


def test_an_export_under_the_limit_is_streamed_as_before(bkpsdm_officer, servants, settings):
    settings.NETRAL_EXPORT_ASYNC_ROWS = 10
    response = client_for(bkpsdm_officer).get("/api/v1/test-servants/?format=csv")
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


def test_the_job_shows_its_progress_and_then_the_download(
    bkpsdm_officer, servants, settings, django_capture_on_commit_callbacks
):
    settings.NETRAL_EXPORT_ASYNC_ROWS = 3
    client = client_for(bkpsdm_officer)
    with django_capture_on_commit_callbacks(execute=False):
        job_id = client.get("/api/v1/test-servants/?format=csv").json()["id"]
    pending = client.get(f"/api/v1/exports/{job_id}/").json()
    assert (pending["status"], pending["progress"], pending["download_url"]) == (
        "pending",
        0.0,
        None,
    )
    assert client.get(f"/api/v1/exports/{job_id}/download/").status_code == 409
    export_jobs.export_job_run(job_id=job_id)
    done = client.get(f"/api/v1/exports/{job_id}/").json()
    assert (done["status"], done["progress"], done["rows_written"]) == ("done", 100.0, 4)
    assert done["download_url"].endswith(f"/api/v1/exports/{job_id}/download/")


def test_the_file_keeps_the_filters_and_neutralises_formulas(
    bkpsdm_officer, servants, settings, django_capture_on_commit_callbacks
):
    settings.NETRAL_EXPORT_ASYNC_ROWS = 0
    client = client_for(bkpsdm_officer)
    nip = servants[0].nip
    response = start(
        client, f"format=csv&search={servants[0].name}", django_capture_on_commit_callbacks
    )
    download = client.get(f"/api/v1/exports/{response.json()['id']}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="asn-')
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["NIP", "Nama", "Jabatan"]
    assert [nip, servants[0].name, '\'=HYPERLINK("http://jahat.invalid")'] in rows


def test_an_xlsx_job_writes_a_workbook(
    bkpsdm_officer, servants, settings, django_capture_on_commit_callbacks
):
    settings.NETRAL_EXPORT_ASYNC_ROWS = 0
    client = client_for(bkpsdm_officer)
    job_id = start(client, "format=xlsx", django_capture_on_commit_callbacks).json()["id"]
    download = client.get(f"/api/v1/exports/{job_id}/download/")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 5
    assert [c.value for c in sheet[1]] == ["NIP", "Nama", "Jabatan"]


def test_nobody_but_the_requester_sees_or_downloads_the_export(
    bkpsdm_officer, coordinator, superuser, servants, settings, django_capture_on_commit_callbacks
):
    settings.NETRAL_EXPORT_ASYNC_ROWS = 0
    job_id = start(client_for(bkpsdm_officer), capture=django_capture_on_commit_callbacks).json()[
        "id"
    ]
    for other in (coordinator, superuser):
        client = client_for(other)
        assert client.get(f"/api/v1/exports/{job_id}/").status_code == 404
        assert client.get(f"/api/v1/exports/{job_id}/download/").status_code == 404
        assert client.get("/api/v1/exports/").json()["results"] == []
    assert APIClient().get(f"/api/v1/exports/{job_id}/download/").status_code == 401


def test_the_file_is_in_private_storage_and_the_requester_is_notified(
    bkpsdm_officer, servants, settings, django_capture_on_commit_callbacks
):
    settings.NETRAL_EXPORT_ASYNC_ROWS = 0
    job_id = start(client_for(bkpsdm_officer), capture=django_capture_on_commit_callbacks).json()[
        "id"
    ]
    job = ExportJob.objects.get(pk=job_id)
    assert job.file.name.startswith(f"exports/{bkpsdm_officer.pk}/")
    assert default_storage.exists(job.file.name)
    notification = Notification.objects.get(recipient=bkpsdm_officer, kind="job")
    assert notification.link.endswith(f"/api/v1/exports/{job_id}/download/")


def test_running_a_job_twice_writes_it_once(
    bkpsdm_officer, servants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        job = export_jobs.export_job_create(
            source=SOURCE, params={}, export_format="csv", name="asn", actor=bkpsdm_officer
        )
    assert export_jobs.export_job_run(job_id=job.pk) == "done"
    assert export_jobs.export_job_run(job_id=job.pk) == "skipped"
    assert Notification.objects.filter(kind="job").count() == 1


def test_a_job_whose_worker_died_is_taken_over_after_its_lease(
    bkpsdm_officer, servants, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        job = export_jobs.export_job_create(
            source=SOURCE, params={}, export_format="csv", name="asn", actor=bkpsdm_officer
        )
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", lease_until=now + timedelta(minutes=1)
    )
    assert export_jobs.export_job_run(job_id=job.pk, now=now) == "skipped"
    assert export_jobs.export_job_run(job_id=job.pk, now=now + timedelta(minutes=2)) == "done"


def test_a_failing_job_is_recorded_as_failed(
    bkpsdm_officer, servants, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args):
        raise ValueError("kolom rusak")

    monkeypatch.setattr(export_jobs, "view_rows", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = export_jobs.export_job_create(
            source=SOURCE, params={}, export_format="csv", name="asn", actor=bkpsdm_officer
        )
    job.refresh_from_db()
    assert job.status == "failed"
    assert "kolom rusak" in job.error


def test_only_export_views_are_accepted_as_sources(bkpsdm_officer):
    with pytest.raises(TypeError):
        export_jobs.export_job_create(
            source="apps.core.models.ExportJob",
            params={},
            export_format="csv",
            name="x",
            actor=bkpsdm_officer,
        )
