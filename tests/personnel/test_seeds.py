from io import StringIO

import pytest
from django.core.management import call_command

from apps.personnel.models import Agency, CivilServant, Region
from apps.personnel.seeds import seed_agencies, seed_regions

pytestmark = pytest.mark.django_db


def test_reference_seed_has_kukar_regions(reference_data):
    assert Region.objects.filter(level="kecamatan").count() == 20
    assert Region.objects.filter(level="village").count() == 237
    assert sum(r.is_kelurahan for r in Region.objects.filter(level="village")) == 44
    loa_janan = Region.objects.get(code="64.02.03")
    assert loa_janan.name == "Loa Janan"
    assert loa_janan.parent.code == "64.02"
    assert loa_janan.parent.parent.name == "Kalimantan Timur"


def test_reference_seed_has_agencies_as_a_tree(reference_data):
    assert Agency.objects.get(code="BKPSDM").kind == "badan"
    assert Agency.objects.filter(kind="kecamatan").count() == 20
    assert Agency.objects.get(code="PKM-64.02.03").parent.code == "DINKES"


def test_a_second_seed_run_changes_nothing(reference_data):
    assert (seed_regions(), seed_agencies()) == (0, 0)


def test_demo_seed_is_idempotent(reference_data, settings, tmp_path):
    settings.NETRAL_DEMO_PASSWORD = "demo-sandi-uji"
    call_command("seed", demo=True, stdout=StringIO())
    counts = CivilServant.objects.count(), Region.objects.count(), Agency.objects.count()
    assert counts[0] >= 3000
    call_command("seed", demo=True, stdout=StringIO())
    assert (CivilServant.objects.count(), Region.objects.count(), Agency.objects.count()) == counts


def test_every_demo_civil_servant_passes_validation(reference_data, settings):
    settings.NETRAL_DEMO_PASSWORD = "demo-sandi-uji"
    call_command("seed", demo=True, stdout=StringIO())
    for person in CivilServant.objects.all()[:500]:
        person.full_clean()
