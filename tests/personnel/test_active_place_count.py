"""The registry's active ASN per (agency, kecamatan) — ``ActivePlaceCount``, which the training
coverage report sums instead of counting the registry — equal the registry's own count after
every way the registry is written: created one by one or in bulk, changed in the admin, moved or
deactivated by a queryset update, deleted, imported (the ORM writer on SQLite, the COPY writer
on PostgreSQL), and on PostgreSQL a raw COPY and a TRUNCATE."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Count

from apps.personnel.models import ActivePlaceCount, CivilServant
from apps.personnel.services import personnel_import_create, personnel_import_run
from tests.factories import CivilServantFactory, agency, change_in_admin, kecamatan
from tests.personnel.import_files import MAN, csv_bytes, person

pytestmark = pytest.mark.django_db


def live() -> dict:
    """What the registry holds: active ASN per (agency id, kecamatan id)."""
    rows = CivilServant.objects.filter(is_active=True).values("agency_id", "kecamatan_id")
    return {(r["agency_id"], r["kecamatan_id"]): r["n"] for r in rows.annotate(n=Count("*"))}


def kept() -> dict:
    rows = ActivePlaceCount.objects.values_list("agency_id", "kecamatan_id", "active_asn")
    return {(agency_id, kecamatan_id): n for agency_id, kecamatan_id, n in rows}


def count_at(agency_code: str, kecamatan_code: str | None) -> int:
    place = (agency(agency_code).id, kecamatan(kecamatan_code).id if kecamatan_code else None)
    assert kept() == live()
    return kept().get(place, 0)


def test_asn_created_one_by_one_or_in_bulk_are_counted_at_their_place(reference_data):
    CivilServantFactory(agency=agency("DINKES"), kecamatan=kecamatan("64.02.06"))
    CivilServantFactory(agency=agency("DINKES"), kecamatan=None)
    CivilServantFactory(agency=agency("DINKES"), kecamatan=None, is_active=False)
    made = CivilServantFactory.create_batch(
        3, agency=agency("DINKES"), kecamatan=kecamatan("64.02.06")
    )
    CivilServant.objects.filter(pk__in=[asn.pk for asn in made]).delete()
    for asn in made:
        asn.pk = None
    CivilServant.objects.bulk_create(made)

    assert count_at("DINKES", "64.02.06") == 4
    assert count_at("DINKES", None) == 1


def test_an_asn_moved_in_the_admin_is_counted_at_their_new_place(admin_client):
    asn = CivilServantFactory(agency=agency("DISDIKBUD"), kecamatan=kecamatan("64.02.03"))
    CivilServantFactory(agency=agency("DISDIKBUD"), kecamatan=kecamatan("64.02.03"))

    response = change_in_admin(admin_client, asn, agency=agency("DINKES").pk, kecamatan="")

    assert response.status_code == 302, response.content.decode()[:2000]
    assert count_at("DINKES", None) == 1
    assert count_at("DISDIKBUD", "64.02.03") == 1


def test_an_asn_deactivated_in_the_admin_is_no_longer_counted(admin_client):
    asn = CivilServantFactory(agency=agency("DINKES"), kecamatan=kecamatan("64.02.06"))

    response = change_in_admin(admin_client, asn, is_active=None)  # unticked

    assert response.status_code == 302, response.content.decode()[:2000]
    assert count_at("DINKES", "64.02.06") == 0
    assert not ActivePlaceCount.objects.filter(agency=agency("DINKES")).exists()


def test_a_queryset_update_moves_deactivates_and_reactivates_the_counted(reference_data):
    people = CivilServantFactory.create_batch(
        4, agency=agency("DISDIKBUD"), kecamatan=kecamatan("64.02.03")
    )
    ids = [p.pk for p in people]

    CivilServant.objects.filter(pk__in=ids[:2]).update(kecamatan=None)
    assert count_at("DISDIKBUD", None) == 2
    CivilServant.objects.filter(pk=ids[2]).update(is_active=False, agency=agency("DINKES"))
    assert count_at("DINKES", "64.02.03") == 0
    CivilServant.objects.filter(pk__in=ids).update(is_active=True, kecamatan=kecamatan("64.02.06"))
    assert count_at("DINKES", "64.02.06") == 1
    assert count_at("DISDIKBUD", "64.02.06") == 3
    CivilServant.objects.filter(pk__in=ids).update(name="Tanpa pindah")
    assert count_at("DISDIKBUD", "64.02.06") == 3


def test_deleted_asn_are_no_longer_counted(reference_data):
    people = CivilServantFactory.create_batch(3, agency=agency("DINKES"), kecamatan=None)

    people[0].delete()
    assert count_at("DINKES", None) == 2
    CivilServant.objects.filter(agency=agency("DINKES")).delete()
    assert count_at("DINKES", None) == 0


def test_a_registry_import_keeps_the_counts(settings, tmp_path, reference_data):
    settings.MEDIA_ROOT = tmp_path
    first = [person(1), person(2), person(3)]
    again = [
        person(1, **{"Unit Kerja": "Dinas Kesehatan", "Kecamatan": "Tenggarong"}),
        person(2, **{"Kecamatan": ""}),
        person(3),
        person(4),
    ]
    for rows in (first, again):
        imported = personnel_import_create(
            file=ContentFile(csv_bytes(rows)), filename="pegawai.csv", strict=False, actor=None
        )
        personnel_import_run(import_id=imported.pk)

    assert CivilServant.objects.filter(nip__in=[MAN.format(n) for n in (1, 2, 3, 4)]).count() == 4
    assert count_at("DINKES", "64.02.06") == 1
    assert kept() == live()


@pytest.mark.postgres
def test_a_copy_and_a_truncate_keep_the_counts_on_postgresql(reference_data):
    template = CivilServantFactory(agency=agency("DINKES"), kecamatan=kecamatan("64.02.06"))
    template.delete()
    columns = ["nip", "employment_type", "name", "sex", "birth_date", "golongan", "position"]
    columns += ["position_type", "is_active", "agency_id", "kecamatan_id"]
    columns += ["created_at", "updated_at"]
    with connection.cursor() as cursor:
        copy_sql = f"COPY personnel_civilservant ({', '.join(columns)}) FROM STDIN"
        with cursor.copy(copy_sql) as copy:
            copy.write_row([*(getattr(template, c) for c in columns[:-2]), "now", "now"])
    assert count_at("DINKES", "64.02.06") == 1

    with connection.cursor() as cursor:
        # The test's transaction holds deferred foreign key checks, which TRUNCATE refuses.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE personnel_civilservant CASCADE")
    assert kept() == live() == {}
