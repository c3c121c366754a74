"""The personnel import on a real worker: counts, and a SIGKILL in the middle of it."""

import csv
import io
import random
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.personnel.models import Agency, CivilServant, ImportRowError, PersonnelImport, Region
from apps.personnel.seeds import synthetic_row
from tests.api.conftest import token_client
from tests.services.conftest import VISIBILITY_TIMEOUT, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]
BATCH = 100  # NETRAL_IMPORT_BATCH_SIZE of the test worker
IMPORTS = "/api/v1/personnel/imports/"
HEADERS = [
    "NIP",
    "Nama",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Golongan",
    "Jabatan",
    "Jenis Jabatan",
    "Unit Kerja",
    "Kecamatan",
    "Status Kepegawaian",
]


def registry_csv(valid: int, *, invalid: int = 0, duplicates: int = 0) -> bytes:
    """A BKPSDM registry file: ``valid`` good rows, then rows with a bad date and repeated NIPs."""
    agencies = list(Agency.objects.order_by("code").values_list("id", "code", "kecamatan_id"))
    kecamatan = dict(Region.objects.filter(level="kecamatan").values_list("id", "name"))
    rng, sequences = random.Random(6402), {}
    pairs = [(agency_id, kec) for agency_id, _code, kec in agencies]
    code_of = {agency_id: code for agency_id, code, _kec in agencies}
    rows = []
    for _ in range(valid):
        row = synthetic_row(rng, pairs, list(kecamatan), sequences)
        rows.append(
            [
                row["nip"],
                row["name"],
                row["sex"],
                row["birth_date"].strftime("%d-%m-%Y"),
                row["golongan"],
                row["position"],
                row["position_type"].capitalize(),
                code_of[row["agency_id"]],
                kecamatan[row["kecamatan_id"]],
                row["employment_type"],
            ]
        )
    bad = [[*row[:3], "31-02-1990", *row[4:]] for row in rows[:invalid]]
    for row in bad:
        row[0] = "1990023" + row[0][7:]  # a NIP born on 31 Feb is rejected too
    repeated = [list(row) for row in rows[invalid : invalid + duplicates]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(rows + bad + repeated)
    return out.getvalue().encode("utf-8")


def submit(content: bytes, actor) -> PersonnelImport:
    """POST the file to the API as BKPSDM does: 202, and the worker gets the task on commit."""
    file = SimpleUploadedFile("registry.csv", content, content_type="text/csv")
    response = token_client(actor).post(IMPORTS, {"file": file}, format="multipart")
    assert response.status_code == 202, response.content
    return PersonnelImport.objects.get(pk=response.json()["id"])


def api_status(personnel_import: PersonnelImport, actor) -> dict:
    return token_client(actor).get(f"{IMPORTS}{personnel_import.pk}/").json()


def finished(personnel_import: PersonnelImport):
    personnel_import.refresh_from_db()
    return personnel_import if personnel_import.is_finished else None


def test_an_import_submitted_over_the_api_completes_in_the_worker_with_the_right_counts(
    worker, bkpsdm_officer
):
    content = registry_csv(1000, invalid=3, duplicates=2)
    worker.start()
    personnel_import = submit(content, bkpsdm_officer)
    done = wait_for(lambda: finished(personnel_import), timeout=120, what="the import to finish")
    assert done.state == PersonnelImport.State.DONE, done.failure_message
    status = api_status(done, bkpsdm_officer)
    counts = {k: status[k] for k in ("state", "rows_total", "created", "updated", "rejected")}
    assert counts == {
        "state": "done",
        "rows_total": 1005,
        "created": 1000,
        "updated": 0,
        "rejected": 5,
    }
    assert status["progress"] == 100.0
    assert CivilServant.objects.count() == 1000
    rejected_rows = ImportRowError.objects.filter(personnel_import=done).values("row_number")
    assert rejected_rows.distinct().count() == 5


def test_a_worker_killed_mid_import_leaves_whole_batches_and_the_restarted_one_completes(
    worker, bkpsdm_officer
):
    valid, invalid = 8000, 7
    content = registry_csv(valid, invalid=invalid)
    worker.start()
    personnel_import = submit(content, bkpsdm_officer)

    def some_batches_committed():
        personnel_import.refresh_from_db()
        return personnel_import.rows_done >= 3 * BATCH

    wait_for(some_batches_committed, timeout=120, what="three batches", interval=0.02)
    worker.kill()

    personnel_import.refresh_from_db()
    assert personnel_import.state == PersonnelImport.State.RUNNING
    assert 0 < personnel_import.rows_done < valid + invalid, (
        "the kill came too late to prove anything"
    )
    # Whole batches only: every committed record is counted, every counted row is in the table.
    assert personnel_import.rows_done % BATCH == 0
    assert CivilServant.objects.count() == personnel_import.created == personnel_import.rows_done

    time.sleep(VISIBILITY_TIMEOUT + 1)  # Redis gives the unacknowledged message back after this
    worker.start()
    done = wait_for(lambda: finished(personnel_import), timeout=180, what="the resumed import")
    assert done.state == PersonnelImport.State.DONE, done.failure_message
    assert (done.rows_total, done.created, done.rejected) == (valid + invalid, valid, invalid)
    assert CivilServant.objects.count() == valid
    assert (
        ImportRowError.objects.filter(personnel_import=done).values("row_number").distinct().count()
        == invalid
    )


def test_a_pool_process_killed_mid_import_is_replaced_and_the_import_resumes_at_once(
    worker, bkpsdm_officer
):
    valid = 8000
    worker.start()
    personnel_import = submit(registry_csv(valid), bkpsdm_officer)

    def some_batches_committed():
        personnel_import.refresh_from_db()
        return personnel_import.rows_done >= 3 * BATCH

    wait_for(some_batches_committed, timeout=120, what="three batches", interval=0.02)
    worker.kill_pool_process()
    killed_at = personnel_import.rows_done
    # reject_on_worker_lost: the main process hands the message back, a new pool process resumes.
    done = wait_for(lambda: finished(personnel_import), timeout=180, what="the resumed import")
    assert done.state == PersonnelImport.State.DONE, done.failure_message
    assert 0 < killed_at < valid
    assert (done.rows_total, done.created, done.rejected) == (valid, valid, 0)
    assert CivilServant.objects.count() == valid
    assert "WorkerLostError" in worker.log()
