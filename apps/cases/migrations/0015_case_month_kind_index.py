# The index of the reports per month received (WITA) and kind (apps.cases.models.case).
# Written by hand: the migration writer cannot serialise the ZoneInfo of TruncMonth.

from zoneinfo import ZoneInfo

import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_respondent_case_agency_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                django.db.models.functions.datetime.TruncMonth(
                    "received_at", tzinfo=ZoneInfo("Asia/Makassar")
                ),
                models.F("kind"),
                include=["received_at"],
                name="case_month_kind_idx",
            ),
        ),
    ]
