from django.db import migrations


def grant(apps, schema_editor):
    from apps.core.roles import grant_permissions

    grant_permissions(apps, "personnel")


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
