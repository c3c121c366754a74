"""Tracking codes (issue 20): every existing case gets one. Their PINs stay empty: nobody could
be shown them, so a case logged before this migration is tracked once its receipt is issued
(which prints a fresh PIN)."""

import secrets

from django.db import migrations, models

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def give_codes(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    taken = set(Case.objects.exclude(tracking_code=None).values_list("tracking_code", flat=True))
    for case in Case.objects.filter(tracking_code=None).only("pk").iterator():
        code = ""
        while not code or code in taken:
            code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        taken.add(code)
        Case.objects.filter(pk=case.pk).update(tracking_code=code)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0010_respondent_nik"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="tracking_code",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=12,
                null=True,
                unique=True,
                verbose_name="kode pelacakan",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="tracking_pin",
            # A database default too: rows written with COPY (bench/api.py) leave it out.
            field=models.CharField(
                blank=True,
                db_default="",
                editable=False,
                max_length=128,
                verbose_name="PIN pelacakan (hash)",
            ),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
    ]
