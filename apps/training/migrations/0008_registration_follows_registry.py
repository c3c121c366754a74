"""A registration's copy of its ASN's agency, kecamatan and active flag (0006) follows the
registry by a trigger on the registry's table, as ``personnel.ActivePlaceCount`` does (personnel
0007): whatever updates the registry — an import's upsert or ``COPY`` batch, the admin, a bulk
``UPDATE``, a shell — the registrations of the ASN whose place changed are updated in the same
transaction. It replaces the calls the import's end and the admin's save made.

PostgreSQL: a statement trigger with transition tables (the ASN of the statement whose place
changed, old against new, then their registrations off the ``civil_servant`` index). SQLite: a
row trigger on the three columns."""

from django.db import migrations

REGISTRY = "personnel_civilservant"
REGISTRATIONS = "training_registration"

POSTGRESQL = [
    f"""
    CREATE FUNCTION training_registration_follow_registry() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {REGISTRATIONS} AS r
        SET asn_agency_id = moved.agency_id, asn_kecamatan_id = moved.kecamatan_id,
            asn_active = moved.is_active
        FROM (
            SELECT n.id, n.agency_id, n.kecamatan_id, n.is_active
            FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE (n.agency_id, n.kecamatan_id, n.is_active)
                IS DISTINCT FROM (o.agency_id, o.kecamatan_id, o.is_active)
        ) AS moved
        WHERE r.civil_servant_id = moved.id;
        RETURN NULL;
    END $$
    """,
    f"""CREATE TRIGGER training_registration_follow_registry AFTER UPDATE ON {REGISTRY}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION training_registration_follow_registry()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER training_registration_follow_registry ON {REGISTRY}",
    "DROP FUNCTION training_registration_follow_registry()",
]
SQLITE = [
    f"""CREATE TRIGGER training_registration_follow_registry
    AFTER UPDATE OF agency_id, kecamatan_id, is_active ON {REGISTRY} FOR EACH ROW
    WHEN OLD.agency_id IS NOT NEW.agency_id OR OLD.kecamatan_id IS NOT NEW.kecamatan_id
        OR OLD.is_active IS NOT NEW.is_active
    BEGIN
        UPDATE {REGISTRATIONS} SET asn_agency_id = NEW.agency_id,
            asn_kecamatan_id = NEW.kecamatan_id, asn_active = NEW.is_active
        WHERE civil_servant_id = NEW.id;
    END"""
]
SQLITE_REVERSE = ["DROP TRIGGER training_registration_follow_registry"]


def create_trigger(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for sql in POSTGRESQL if postgresql else SQLITE:
        schema_editor.execute(sql)


def drop_trigger(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for sql in POSTGRESQL_REVERSE if postgresql else SQLITE_REVERSE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0007_active_place_count"),
        ("training", "0007_registration_coverage_indexes"),
    ]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
