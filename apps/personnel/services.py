"""Writes of the personnel registry: the import of a BKPSDM registry file (impor data ASN).

``personnel_import_create`` stores the file as a pending import; ``personnel_import_run`` runs
it, batch by batch. Each batch is one transaction holding its rows, its row errors and the
import's progress counters, so a run killed at any point leaves whole batches behind and the
next run of the same import carries on after them (a Celery task re-delivered after SIGKILL
simply calls it again).
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Coalesce, Now
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core import permissions
from apps.core.errors import Forbidden, InvalidInput
from apps.personnel import importer
from apps.personnel.models import CivilServant, ImportRowError, PersonnelImport

State = PersonnelImport.State


def may_import(user) -> bool:
    return user.is_authenticated and (user.is_superuser or permissions.is_bkpsdm(user))


def personnel_import_create(*, file, filename: str, strict: bool, actor) -> PersonnelImport:
    """Keep an uploaded registry file (CSV or XLSX) as a pending import of ``actor``.

    ``actor`` is None for the management command. Running it is :func:`personnel_import_run`.
    """
    if actor is not None and not may_import(actor):
        raise Forbidden(_("Hanya petugas BKPSDM yang dapat mengimpor data ASN."))
    name = PurePath(filename).name
    if PurePath(name).suffix.lower() not in importer.EXTENSIONS:
        raise InvalidInput(fields={"file": [importer.unsupported_file_message(name)]})
    size = getattr(file, "size", None)
    limit = settings.NETRAL_IMPORT_MAX_UPLOAD_MB
    if size is not None and size > limit * 1024 * 1024:
        raise InvalidInput(
            fields={"file": [_("Berkas lebih dari %(limit)d MB.") % {"limit": limit}]}
        )
    personnel_import = PersonnelImport(user=actor, original_filename=name[:255], strict=strict)
    personnel_import.file.save(name, file if isinstance(file, File) else File(file), save=False)
    personnel_import.save()
    return personnel_import


def personnel_import_run(*, import_id: int) -> PersonnelImport:
    """Run a pending import, or resume one a killed worker left running; safe to call twice.

    A finished import (done or failed) is left as it is. A file that cannot be read or lacks a
    required column fails the import with one message; invalid rows are reported per row and,
    in strict mode, fail it without writing anything.
    """
    claimed = PersonnelImport.objects.filter(
        pk=import_id, state__in=[State.PENDING, State.RUNNING]
    ).update(state=State.RUNNING, started_at=Coalesce("started_at", Now()))
    personnel_import = PersonnelImport.objects.get(pk=import_id)
    if claimed:
        try:
            _run(personnel_import)
        except InvalidInput as exc:
            _finish(personnel_import, failure=exc.message)
        except Superseded:
            pass
        personnel_import.refresh_from_db()
    return personnel_import


def personnel_import_fail(*, import_id: int, message: str) -> None:
    """Give up on an unfinished import (e.g. after a task's last retry) with ``message``."""
    _finish(PersonnelImport.objects.get(pk=import_id), failure=message)


class Superseded(Exception):
    """Another run of the same import committed a batch first: this run stops."""


@dataclass
class Batch:
    records: int
    rows: list = field(default_factory=list)  # (row_number, nip, values or None), NIP not empty
    errors: list = field(default_factory=list)  # (row_number, column, message)


def duplicate_message(earlier_row: int) -> str:
    return _("NIP ini sudah ada di baris %(row)d berkas yang sama.") % {"row": earlier_row}


def _open(personnel_import: PersonnelImport):
    try:
        return personnel_import.file.open("rb")
    except FileNotFoundError:
        raise InvalidInput(_("Berkas impor tidak ditemukan lagi di penyimpanan.")) from None


def _run(personnel_import: PersonnelImport) -> None:
    with _open(personnel_import) as handle:
        source = importer.RegistryFile(handle, personnel_import.original_filename)
        try:
            writer = writer_for(personnel_import, source.fields)
            writer.prepare()
            if source.rows_hint is not None and personnel_import.rows_total is None:
                # XLSX says how many rows it holds: enough for a progress bar until the end.
                PersonnelImport.objects.filter(pk=personnel_import.pk).update(
                    rows_total=source.rows_hint
                )
            if personnel_import.strict and personnel_import.checked_at is None:
                _process(personnel_import, source, writer, write=False)
                if personnel_import.rejected:
                    _finish(personnel_import, failure=strict_failure(personnel_import.rejected))
                    return
                _start_writing(personnel_import, writer)
            _process(personnel_import, source, writer, write=True)
        finally:
            source.close()
    _finish(personnel_import)


def strict_failure(rejected: int) -> str:
    return _(
        "Mode ketat: %(count)d baris tidak valid, jadi tidak ada data yang disimpan. Perbaiki "
        "baris yang ditolak (unduh daftar kesalahan), lalu unggah ulang berkasnya."
    ) % {"count": rejected}


def _process(personnel_import, source, writer, *, write: bool) -> None:
    """Check batch k+1 in a second thread while batch k is written: checking is pure Python and
    the writing mostly waits for the database, so the two overlap. The thread never touches
    the database; at most two batches are in memory."""
    checker = importer.RowChecker(source.positions)
    records = source.records(skip=personnel_import.rows_done)
    size = settings.NETRAL_IMPORT_BATCH_SIZE
    language = translation.get_language()

    def next_batch() -> Batch | None:
        with translation.override(language):
            chunk = list(islice(records, size))
            return _check(chunk, checker) if chunk else None

    try:
        with ThreadPoolExecutor(max_workers=1) as checking:
            upcoming = checking.submit(next_batch)
            while batch := upcoming.result():
                upcoming = checking.submit(next_batch)
                _commit(personnel_import, batch, writer, write=write)
    finally:
        records.close()  # while the file is still open, even when a batch failed


def _check(chunk: list, checker: importer.RowChecker) -> Batch:
    """Check a chunk of records; a NIP seen earlier in the same chunk is a duplicate here, one
    seen in an earlier batch is found by the writer."""
    batch = Batch(records=len(chunk))
    first_row: dict[str, int] = {}
    for row_number, cells in chunk:
        if checker.is_blank(cells):
            continue
        nip, values, errors = checker.check(cells)
        if nip:
            earlier = first_row.setdefault(nip, row_number)
            if earlier != row_number:
                errors.append((importer.HEADER_OF["nip"], duplicate_message(earlier)))
            else:
                batch.rows.append((row_number, nip, values))
        batch.errors.extend((row_number, column, message) for column, message in errors)
    return batch


def _commit(personnel_import, batch: Batch, writer, *, write: bool) -> None:
    with transaction.atomic():
        current = PersonnelImport.objects.select_for_update().get(pk=personnel_import.pk)
        if current.state != State.RUNNING or current.rows_done != personnel_import.rows_done:
            raise Superseded
        duplicates, created, updated = writer.write(batch.rows, upsert=write)
        for row_number, earlier in duplicates.items():
            batch.errors.append((row_number, importer.HEADER_OF["nip"], duplicate_message(earlier)))
        rejected_rows = {row_number for row_number, _column, _message in batch.errors}
        valid = sum(1 for row, _nip, values in batch.rows if values and row not in duplicates)
        counts = {
            "rows_done": batch.records,
            "created": created,
            "updated": updated,
            "unchanged": valid - created - updated if write else 0,
            "rejected": len(rejected_rows),
        }
        ImportRowError.objects.bulk_create(
            ImportRowError(
                personnel_import_id=personnel_import.pk,
                row_number=row_number,
                column=column,
                message=message[:500],
            )
            for row_number, column, message in sorted(batch.errors, key=lambda e: e[0])
        )
        PersonnelImport.objects.filter(pk=personnel_import.pk).update(
            **{name: F(name) + count for name, count in counts.items()}
        )
    for name, count in counts.items():
        setattr(personnel_import, name, getattr(personnel_import, name) + count)


def _start_writing(personnel_import, writer) -> None:
    """Strict mode: the check found every row valid; the writing pass reads the file again."""
    with transaction.atomic():
        updated = PersonnelImport.objects.filter(
            pk=personnel_import.pk, state=State.RUNNING, rows_done=personnel_import.rows_done
        ).update(rows_total=F("rows_done"), rows_done=0, checked_at=Now())
        if not updated:
            raise Superseded
        writer.forget_seen()
    personnel_import.rows_total, personnel_import.rows_done = personnel_import.rows_done, 0
    personnel_import.checked_at = timezone.now()


def _finish(personnel_import, *, failure: str = "") -> None:
    with transaction.atomic():
        changes = {"finished_at": Now()}
        if failure:
            changes.update(state=State.FAILED, failure_message=failure)
        else:
            changes.update(state=State.DONE, rows_total=F("rows_done"))
        finished = PersonnelImport.objects.filter(
            pk=personnel_import.pk, state__in=[State.PENDING, State.RUNNING]
        ).update(**changes)
        if finished:
            writer_for(personnel_import, ()).drop()


# --- writers: PostgreSQL (COPY and one statement per batch) and any other database (ORM) ---


def writer_for(personnel_import, fields):
    writer = PostgresWriter if connection.vendor == "postgresql" else OrmWriter
    return writer(personnel_import.pk, fields)


class SeenNips:
    """A table per import of every NIP met so far with its first row: it finds a NIP repeated
    in a later batch without keeping the file's NIPs in memory, and it survives a killed run
    because each batch writes to it in its own transaction."""

    nip_type = "text"

    def __init__(self, import_id: int, fields):
        self.table = f"personnel_import_{int(import_id)}_nips"
        self.fields = [f for f in fields if f != "nip"]

    def prepare(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} "
                f"(nip {self.nip_type} PRIMARY KEY, row_number integer NOT NULL)"
            )

    def forget_seen(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")


class OrmWriter(SeenNips):
    """Any database: the seen NIPs with plain SQL, the people with the ORM in bulk."""

    def write(self, rows: list, *, upsert: bool) -> tuple[dict[int, int], int, int]:
        earlier: dict[str, int] = {}
        nips = [nip for _row, nip, _values in rows]
        with connection.cursor() as cursor:
            for start in range(0, len(nips), 500):
                chunk = nips[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT nip, row_number FROM {self.table} WHERE nip IN ({marks})", chunk
                )
                earlier.update(cursor.fetchall())
            cursor.executemany(
                f"INSERT INTO {self.table} (nip, row_number) VALUES (%s, %s)",
                [(nip, row) for row, nip, _values in rows if nip not in earlier],
            )
        duplicates = {row: earlier[nip] for row, nip, _values in rows if nip in earlier}
        if not upsert:
            return duplicates, 0, 0
        valid = [v for row, _nip, v in rows if v is not None and row not in duplicates]
        created, updated = self._upsert([dict(zip(importer.FIELDS, v, strict=True)) for v in valid])
        return duplicates, created, updated

    def _upsert(self, people: list[dict]) -> tuple[int, int]:
        existing = CivilServant.objects.in_bulk([p["nip"] for p in people], field_name="nip")
        new, changed = [], []
        now = timezone.now()
        for data in people:
            person = existing.get(data["nip"])
            if person is None:
                new.append(CivilServant(**data))
            elif any(getattr(person, f) != data[f] for f in self.fields):
                for name in self.fields:
                    setattr(person, name, data[name])
                person.updated_at = now
                changed.append(person)
        CivilServant.objects.bulk_create(new)
        CivilServant.objects.bulk_update(changed, [*self.fields, "updated_at"])
        return len(new), len(changed)


class PostgresWriter(SeenNips):
    """PostgreSQL: COPY the batch into a temporary table, then one statement records its NIPs
    and upserts the valid rows that are not duplicates, counting what it created and updated."""

    # Logged on purpose: an unlogged table measured no cheaper here, and a crash of the server
    # would empty it and let a resumed import miss a duplicate from before the crash.
    nip_type = 'text COLLATE "C"'

    def write(self, rows: list, *, upsert: bool) -> tuple[dict[int, int], int, int]:
        blank = (None,) * (len(importer.FIELDS) - 1)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS personnel_import_batch ("
                "row_number integer, nip text, valid boolean, employment_type text, name text, "
                "sex text, birth_date date, golongan text, position text, position_type text, "
                "agency_id bigint, kecamatan_id bigint) ON COMMIT DELETE ROWS"
            )
            # Empty already after each commit, unless the caller holds an outer transaction.
            cursor.execute("DELETE FROM personnel_import_batch")
            with cursor.copy("COPY personnel_import_batch FROM STDIN") as copy:
                for row_number, nip, values in rows:
                    copy.write_row(
                        (row_number, nip, True, *values[1:])
                        if values is not None
                        else (row_number, nip, False, *blank)
                    )
            cursor.execute(self._sql(upsert))
            created, updated, repeated = cursor.fetchone()
            duplicates = {}
            if repeated:
                cursor.execute(
                    f"SELECT b.row_number, s.row_number FROM personnel_import_batch b "
                    f"JOIN {self.table} s USING (nip) WHERE b.row_number = ANY(%s)",
                    [repeated],
                )
                duplicates = dict(cursor.fetchall())
        return duplicates, created, updated

    def _sql(self, upsert: bool) -> str:
        fresh = f"""
            fresh AS (
                INSERT INTO {self.table} (nip, row_number)
                SELECT nip, row_number FROM personnel_import_batch
                ON CONFLICT (nip) DO NOTHING
                RETURNING row_number
            )"""
        repeated = """(
            SELECT coalesce(array_agg(row_number), '{}') FROM personnel_import_batch
            WHERE row_number NOT IN (SELECT row_number FROM fresh))"""
        if not upsert:
            return f"WITH {fresh} SELECT 0, 0, {repeated}"
        columns = ", ".join(importer.FIELDS)
        values = ", ".join(f"b.{name}" for name in importer.FIELDS)
        assignments = ", ".join(f"{name} = EXCLUDED.{name}" for name in self.fields)
        current = ", ".join(f"cs.{name}" for name in self.fields)
        incoming = ", ".join(f"EXCLUDED.{name}" for name in self.fields)
        return f"""
            WITH {fresh},
            upserted AS (
                INSERT INTO {CivilServant._meta.db_table} AS cs
                    ({columns}, is_active, created_at, updated_at)
                SELECT {values}, true, now(), now()
                FROM personnel_import_batch b JOIN fresh USING (row_number)
                WHERE b.valid
                ON CONFLICT (nip) DO UPDATE SET {assignments}, updated_at = EXCLUDED.updated_at
                WHERE ({current}) IS DISTINCT FROM ({incoming})
                RETURNING xmax = 0 AS created
            )
            SELECT
                (SELECT count(*) FROM upserted WHERE created),
                (SELECT count(*) FROM upserted WHERE NOT created),
                {repeated}
        """
