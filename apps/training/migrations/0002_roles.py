from django.db import migrations


def grant(apps, schema_editor):
    from apps.core.roles import grant_permissions

    grant_permissions(apps, "training")


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_sessions_registrations_pledges"),
        ("personnel", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
