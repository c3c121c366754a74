from django.db import migrations


def grant(apps, schema_editor):
    from apps.core.roles import grant_permissions

    grant_permissions(apps, "personnel")


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0003_personnel_import"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
