from io import StringIO

import pytest
from django.core.management import call_command

from apps.training.models import IntegrityPledge, Registration, Session

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_loa_janan_session_of_22_november_2024(reference_data, settings):
    settings.NETRAL_DEMO_PASSWORD = "demo-sandi-uji"
    call_command("seed", demo=True, stdout=StringIO())
    session = Session.objects.get(kecamatan__code="64.02.03")
    assert session.starts_at.isoformat() == "2024-11-22T01:00:00+00:00"  # Friday 09:00 WITA
    assert session.starts_at.weekday() == 4
    assert {s.institution.split()[0] for s in session.speakers.all()} == {"BKPSDM", "Bawaslu"}
    registrations = session.registrations.all()
    assert 45 <= registrations.count() <= 55
    types = set(registrations.values_list("participant_type", flat=True))
    assert {"asn", "kepala_desa", "tokoh_agama", "tni_polri"} <= types
    units = set(
        registrations.exclude(civil_servant=None).values_list(
            "civil_servant__agency__code", flat=True
        )
    )
    assert {"KEC-64.02.03", "SDN-64.02.03", "PKM-64.02.03"} <= units
    village_heads = registrations.filter(participant_type="kepala_desa").values_list(
        "institution", flat=True
    )
    assert "Desa Batuah" in village_heads
    present = registrations.filter(attended_at__isnull=False).count()
    assert present > registrations.count() * 0.8
    assert (
        Session.objects.exclude(kecamatan__code="64.02.03").values("kecamatan").distinct().count()
        >= 2
    )
    assert IntegrityPledge.objects.filter(session=session).exists()

    counts = Session.objects.count(), Registration.objects.count(), IntegrityPledge.objects.count()
    call_command("seed", demo=True, stdout=StringIO())
    assert (
        Session.objects.count(),
        Registration.objects.count(),
        IntegrityPledge.objects.count(),
    ) == counts
