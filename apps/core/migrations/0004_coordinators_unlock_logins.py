from django.db import migrations


def grant(apps, schema_editor):
    from apps.core.roles import grant_permissions

    grant_permissions(apps, "axes")


class Migration(migrations.Migration):
    """Coordinators see failed logins and lift a lockout (django-axes' AccessAttempt)."""

    dependencies = [
        ("core", "0003_api_tokens"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
