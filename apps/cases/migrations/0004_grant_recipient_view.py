from django.db import migrations


def grant(apps, schema_editor):
    from apps.core.roles import grant_permissions

    grant_permissions(apps, "cases")


class Migration(migrations.Migration):
    """Investigators and BKPSDM officers see the forwarding recipients of a recommendation."""

    dependencies = [("cases", "0003_extension_mode_and_reason_code")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
