from django.db import migrations


def grant(apps, schema_editor):
    from apps.core.roles import grant_permissions

    grant_permissions(apps, "cases")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("personnel", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
