import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.personnel.models import CivilServant, PersonnelImport
from tests.api.conftest import token_client
from tests.personnel.import_files import MAN, csv_bytes, person, woman, xlsx_bytes

IMPORTS = "/api/v1/personnel/imports/"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(user, content: bytes, name="pegawai.csv", strict=False):
    file = SimpleUploadedFile(name, content)
    return token_client(user).post(IMPORTS, {"file": file, "strict": strict}, format="multipart")


def test_bkpsdm_uploads_a_file_and_gets_202_with_a_status_url(
    bkpsdm_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(bkpsdm_officer, csv_bytes([person(1), woman(1)]))
    assert len(callbacks) == 1  # the import is sent to a worker after the commit
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status_url"].endswith(f"/api/v1/personnel/imports/{body['id']}/")
    assert response["Location"] == body["status_url"]
    status = token_client(bkpsdm_officer).get(body["status_url"]).json()
    assert status["state"] == "done"
    assert (status["created"], status["rejected"], status["progress"]) == (2, 0, 100.0)
    assert CivilServant.objects.filter(nip=MAN.format(1)).exists()


def test_the_status_names_the_rejected_rows(bkpsdm_officer, django_capture_on_commit_callbacks):
    rows = [person(1), person(2, **{"Jenis Kelamin": "X"}), person(3, NIP="123")]
    with django_capture_on_commit_callbacks(execute=True):
        body = upload(bkpsdm_officer, xlsx_bytes(rows), name="pegawai.xlsx").json()
    status = token_client(bkpsdm_officer).get(body["status_url"]).json()
    assert (status["created"], status["rejected"]) == (1, 2)
    assert [e["row_number"] for e in status["row_errors"]] == [3, 4]
    assert all(e["message"] for e in status["row_errors"])


def test_the_errors_list_pages_and_exports(bkpsdm_officer, django_capture_on_commit_callbacks):
    rows = [person(i, NIP=f"bukan-nip-{i}") for i in range(1, 6)]
    with django_capture_on_commit_callbacks(execute=True):
        body = upload(bkpsdm_officer, csv_bytes(rows)).json()
    client = token_client(bkpsdm_officer)
    page = client.get(body["errors_url"], {"page_size": 2}).json()
    assert page["count"] >= 5
    assert len(page["results"]) == 2
    export = client.get(body["errors_url"], {"format": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert lines[0] == ["Baris", "Kolom", "Pesan"]
    assert len(lines) - 1 == page["count"]


def test_strict_mode_saves_nothing_when_a_row_is_invalid(
    bkpsdm_officer, django_capture_on_commit_callbacks
):
    rows = [person(1), person(2, **{"Jenis Kelamin": "X"})]
    with django_capture_on_commit_callbacks(execute=True):
        body = upload(bkpsdm_officer, csv_bytes(rows), strict=True).json()
    status = token_client(bkpsdm_officer).get(body["status_url"]).json()
    assert status["state"] == "failed"
    assert status["failure_message"].startswith("Mode ketat")
    assert not CivilServant.objects.filter(nip=MAN.format(1)).exists()


def test_a_file_that_is_not_csv_or_xlsx_is_400(bkpsdm_officer):
    response = upload(bkpsdm_officer, b"%PDF-1.4", name="pegawai.pdf")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["file"]
    assert not PersonnelImport.objects.exists()


def test_the_upload_answers_before_the_import_runs(bkpsdm_officer):
    body = upload(bkpsdm_officer, csv_bytes([person(1)])).json()
    assert body["state"] == "pending"
    assert body["progress"] is None


@pytest.mark.parametrize("persona", ["coordinator", "investigator", "clerk_loajanan"])
def test_only_bkpsdm_may_import(persona, request):
    response = upload(request.getfixturevalue(persona), csv_bytes([person(1)]))
    assert response.status_code == 403
    assert not PersonnelImport.objects.exists()


def test_an_unknown_import_is_404(bkpsdm_officer):
    assert token_client(bkpsdm_officer).get(f"{IMPORTS}9999/").status_code == 404
