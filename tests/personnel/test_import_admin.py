"""The import in the admin: the upload page, the import pages, the error CSV and who may see them."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from apps.personnel.models import CivilServant, ImportRowError, PersonnelImport
from apps.personnel.services import personnel_import_create, personnel_import_run
from tests.factories import UserFactory
from tests.personnel.import_files import csv_bytes, person, woman

UPLOAD = reverse("admin:personnel_personnelimport_upload")
CIVIL_SERVANTS = reverse("admin:personnel_civilservant_changelist")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, content: bytes, *, name="pegawai.csv", strict=False):
    data = {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    if strict:
        data["strict"] = "on"
    with TestCase.captureOnCommitCallbacks(execute=True):  # the task is sent on commit
        return client.post(UPLOAD, data)


def test_an_upload_is_sent_to_the_worker_only_once_committed(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    data = {"file": SimpleUploadedFile("pegawai.csv", csv_bytes([person(1)]), "text/csv")}
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        response = client.post(UPLOAD, data)
    assert len(callbacks) == 1
    assert PersonnelImport.objects.get().state == PersonnelImport.State.PENDING
    assert "Impor sedang berjalan" in client.get(response.url).text
    callbacks[0]()
    assert PersonnelImport.objects.get().state == PersonnelImport.State.DONE
    assert CivilServant.objects.count() == 1


def finished_import(actor, rows) -> PersonnelImport:
    created = personnel_import_create(
        file=ContentFile(csv_bytes(rows)), filename="p.csv", strict=False, actor=actor
    )
    return personnel_import_run(import_id=created.pk)


def errors_url(personnel_import) -> str:
    return reverse("admin:personnel_personnelimport_errors", args=[personnel_import.pk])


def test_the_civil_servant_list_links_to_the_upload_page_for_bkpsdm(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    page = client.get(CIVIL_SERVANTS)
    assert page.status_code == 200
    assert "Impor data ASN" in page.text
    assert UPLOAD in page.text


def test_an_investigator_sees_no_import_link_and_cannot_open_the_upload_page(client, investigator):
    client.force_login(investigator)
    assert UPLOAD not in client.get(CIVIL_SERVANTS).text
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, csv_bytes([person(1)])).status_code == 403
    assert not PersonnelImport.objects.exists()


def test_the_upload_page_lists_the_columns(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    page = client.get(UPLOAD)
    assert page.status_code == 200
    for header in ("NIP", "Tanggal Lahir", "Unit Kerja", "Status Kepegawaian"):
        assert f"<code>{header}</code>" in page.text


@pytest.mark.django_db(transaction=True)
def test_an_upload_imports_the_file_and_shows_the_result(client, bkpsdm_officer):
    # Committed requests, as in `make run`: the eager task runs as soon as the upload commits.
    client.force_login(bkpsdm_officer)
    response = upload(client, csv_bytes([person(1), woman(1), person(2, Golongan="XX")]))
    personnel_import = PersonnelImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse(
        "admin:personnel_personnelimport_change", args=[personnel_import.pk]
    )
    assert personnel_import.user == bkpsdm_officer
    assert personnel_import.state == PersonnelImport.State.DONE
    assert CivilServant.objects.count() == 2

    page = client.get(response.url)
    assert "Impor selesai: 2 baru, 0 diubah, 0 tidak berubah, 1 ditolak." in page.text
    assert "Golongan &#x27;XX&#x27; tidak dikenal" in page.text
    assert errors_url(personnel_import) in page.text


def test_a_strict_upload_with_an_invalid_row_saves_nothing_and_says_why(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    response = upload(client, csv_bytes([person(1), person(2, Golongan="XX")]), strict=True)
    page = client.get(response.url)
    assert "Mode ketat: 1 baris tidak valid" in page.text
    assert not CivilServant.objects.exists()


def test_an_upload_of_another_file_type_is_refused_on_the_form(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    response = upload(client, b"%PDF-1.4", name="pegawai.pdf")
    assert response.status_code == 200
    assert "Berkas pegawai.pdf bukan CSV atau XLSX." in response.text
    assert not PersonnelImport.objects.exists()


def test_the_import_pages_are_read_only(client, superuser):
    personnel_import = finished_import(superuser, [person(1)])
    client.force_login(superuser)
    changelist = client.get(reverse("admin:personnel_personnelimport_changelist"))
    assert changelist.status_code == 200
    assert "p.csv" in changelist.text
    assert client.get(reverse("admin:personnel_personnelimport_add")).status_code == 403
    delete = reverse("admin:personnel_personnelimport_delete", args=[personnel_import.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert PersonnelImport.objects.filter(pk=personnel_import.pk).exists()


def test_the_error_csv_lists_every_rejected_row_with_formula_cells_neutralised(
    client, bkpsdm_officer
):
    personnel_import = finished_import(bkpsdm_officer, [person(1, Golongan="XX"), person(2)])
    ImportRowError.objects.create(
        personnel_import=personnel_import, row_number=9, column="Nama", message="=HYPERLINK(1)"
    )
    client.force_login(bkpsdm_officer)
    response = client.get(errors_url(personnel_import))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "Baris,Kolom,Pesan"
    assert lines[1].startswith("2,Golongan,Golongan 'XX' tidak dikenal")
    assert lines[2] == "9,Nama,'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("other_officer", 200), ("superuser", 200), ("investigator", 404)],
)
def test_who_may_download_the_error_csv(client, request, bkpsdm_officer, who, status):
    owner = UserFactory(username="pemilik", is_staff=True)
    personnel_import = finished_import(bkpsdm_officer, [person(1, Golongan="XX")])
    personnel_import.user = owner
    personnel_import.save(update_fields=["user"])
    users = {
        "owner": owner,
        "other_officer": bkpsdm_officer,
        "superuser": request.getfixturevalue("superuser"),
        "investigator": request.getfixturevalue("investigator"),
    }
    client.force_login(users[who])
    assert client.get(errors_url(personnel_import)).status_code == status


def test_the_error_csv_needs_a_login(client, bkpsdm_officer):
    personnel_import = finished_import(bkpsdm_officer, [person(1, Golongan="XX")])
    response = client.get(errors_url(personnel_import))
    assert response.status_code == 302
    assert "login" in response.url
