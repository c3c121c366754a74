"""The registry table's indexes: each one is paid for by every row of an import (issue 2)."""

import pytest
from django.db import connection

from apps.personnel.models import CivilServant

pytestmark = pytest.mark.django_db


def index_columns() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, CivilServant._meta.db_table)
    return {
        name: info["columns"]
        for name, info in constraints.items()
        if info["index"] or info["unique"] or info["primary_key"]
    }


def test_the_registry_is_indexed_on_id_nip_name_agency_and_kecamatan_only():
    columns = sorted(tuple(c) for c in index_columns().values())
    assert columns == [
        ("agency_id",),
        ("agency_id", "kecamatan_id"),  # the active ASN only: the training coverage report
        ("id",),
        ("kecamatan_id",),
        ("name",),
        ("nip",),
    ]


@pytest.mark.postgres
def test_no_varchar_pattern_ops_copy_is_kept_on_postgresql():
    assert not [name for name in index_columns() if name.endswith("_like")]


def test_a_nip_is_still_unique():
    from django.db import IntegrityError, transaction

    from tests.factories import CivilServantFactory

    person = CivilServantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CivilServant.objects.create(
            nip=person.nip,
            employment_type=person.employment_type,
            name="Orang Lain",
            sex=person.sex,
            birth_date=person.birth_date,
            agency=person.agency,
        )


@pytest.mark.postgres
def test_the_coverage_index_holds_the_active_asn_only():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'civilservant_active_place_idx'"
        )
        (definition,) = cursor.fetchone()
    assert definition.endswith("(agency_id, kecamatan_id) WHERE is_active")
