import pytest

from apps.cases.models import ViolationForm
from tests.cases.factories import CaseFactory, wita
from tests.factories import CivilServantFactory, agency, kecamatan


def with_forms(case, *codes):
    case.violation_forms.set(ViolationForm.objects.filter(code__in=codes))
    return case


@pytest.fixture
def cases(reference_data, investigator):
    """Five cases across states, places, forms and agencies; the investigator has two of them."""
    guru = CivilServantFactory(name="Guru Terlapor", agency=agency("SDN-64.02.03"))
    return {
        "received": with_forms(
            CaseFactory(status="received", assigned_to=[investigator]), "media-sosial"
        ),
        "review": with_forms(
            CaseFactory(
                status="review",
                received_at=wita(2024, 10, 20, 9, 0),
                known_on=wita(2024, 10, 18, 9, 0).date(),
                incident_on=wita(2024, 10, 17, 9, 0).date(),
                assigned_to=[investigator],
            ),
            "foto-bersama",
        ),
        "forwarded": with_forms(
            CaseFactory(status="forwarded", kecamatan=kecamatan("64.02.06")),
            "media-sosial",
            "fasilitas-negara",
        ),
        "closed": with_forms(CaseFactory(status="closed", kind="temuan"), "anggota-partai"),
        "dismissed": CaseFactory(status="dismissed", respondents=0),
        "guru": guru,
    }


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT
