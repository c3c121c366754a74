"""A registration carries its ASN's agency, kecamatan and active flag as the registry has them
(apps.training.registry_copy): copied when the person is registered, and following the registry
(a trigger on its table, training 0008) whatever moves or deactivates them — an import, the
admin, a bulk update — so the coverage report, which counts the registrations from these copies,
answers as if it read the registry."""

import pytest
from django.core.files.base import ContentFile

from apps.personnel.models import CivilServant
from apps.personnel.services import personnel_import_create, personnel_import_run
from apps.training import selectors, services
from apps.training.models import Registration
from tests.factories import CivilServantFactory, agency, change_in_admin, kecamatan
from tests.personnel.import_files import MAN, csv_bytes, person
from tests.training.factories import RegistrationFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db


def place(registration: Registration) -> tuple:
    registration.refresh_from_db()
    return registration.asn_agency_id, registration.asn_kecamatan_id, registration.asn_active


def coverage(user, group_by="agency") -> dict:
    rows = selectors.training_coverage(user, group_by=group_by)
    return {r["code"]: (r["asn_in_registry"], r["asn_registered"], r["asn_attended"]) for r in rows}


def test_registering_an_asn_copies_their_place_from_the_registry(clerk_loajanan):
    asn = CivilServantFactory(agency=agency("DINKES"), kecamatan=kecamatan("64.02.06"))

    registration, _ = services.registration_add(
        session=SessionFactory(), actor=clerk_loajanan, nip=asn.nip
    )

    assert place(registration) == (agency("DINKES").id, kecamatan("64.02.06").id, True)


def test_a_participant_outside_the_registry_has_no_place(clerk_loajanan):
    registration, _ = services.registration_add(
        session=SessionFactory(),
        actor=clerk_loajanan,
        name="Hasanuddin",
        participant_type="kepala_desa",
        institution="Desa Batuah",
        phone="081234567890",
    )

    assert place(registration) == (None, None, False)


def test_an_asn_moved_in_the_admin_takes_their_registrations_along(admin_client, coordinator):
    asn = CivilServantFactory(agency=agency("DISDIKBUD"), kecamatan=kecamatan("64.02.03"))
    registration = RegistrationFactory(civil_servant=asn, attended_at=wita(2024, 11, 22, 9, 5))
    health = agency("DINKES")

    response = change_in_admin(admin_client, asn, agency=health.pk, kecamatan="")

    assert response.status_code == 302, response.content.decode()[:2000]
    assert place(registration) == (health.id, None, True)
    assert coverage(coordinator)["DINKES"][1:] == (1, 1)
    assert "DISDIKBUD" not in coverage(coordinator)


def test_an_asn_no_longer_active_in_the_registry_is_no_longer_counted(coordinator):
    asn = CivilServantFactory(agency=agency("DISDIKBUD"))
    registration = RegistrationFactory(civil_servant=asn, attended_at=wita(2024, 11, 22, 9, 5))

    CivilServant.objects.filter(pk=asn.pk).update(is_active=False)  # no Python code runs

    assert place(registration)[2] is False
    assert "DISDIKBUD" not in coverage(coordinator)


def test_a_registry_import_moving_an_asn_takes_their_registrations_along(
    settings, tmp_path, coordinator
):
    settings.MEDIA_ROOT = tmp_path
    imported = personnel_import_create(
        file=ContentFile(csv_bytes([person(1), person(2)])),
        filename="pegawai.csv",
        strict=False,
        actor=None,
    )
    personnel_import_run(import_id=imported.pk)
    moved, stayed = (CivilServant.objects.get(nip=MAN.format(n)) for n in (1, 2))
    registrations = [RegistrationFactory(civil_servant=asn) for asn in (moved, stayed)]

    again = personnel_import_create(
        file=ContentFile(
            csv_bytes(
                [
                    person(1, **{"Unit Kerja": "Dinas Kesehatan", "Kecamatan": "Tenggarong"}),
                    person(2),
                ]
            )
        ),
        filename="pegawai.csv",
        strict=False,
        actor=None,
    )
    personnel_import_run(import_id=again.pk)

    assert place(registrations[0]) == (agency("DINKES").id, kecamatan("64.02.06").id, True)
    assert place(registrations[1]) == (agency("DISDIKBUD").id, kecamatan("64.02.03").id, True)
    assert coverage(coordinator, "kecamatan")["64.02.06"][1] == 1


def test_a_bulk_update_of_the_registry_moves_the_registrations_of_the_asn_it_moved_only():
    moved, stayed = CivilServantFactory(), CivilServantFactory()
    sessions = [SessionFactory(), SessionFactory(tenggarong=True)]
    mine = [RegistrationFactory(civil_servant=moved, session=s) for s in sessions]
    theirs = RegistrationFactory(civil_servant=stayed)
    before = place(theirs)

    CivilServant.objects.filter(pk=moved.pk).update(
        agency=agency("DINKES"), kecamatan=kecamatan("64.02.06")
    )
    CivilServant.objects.update(name="Nama Baru")  # no place changes: nothing follows

    assert [place(r) for r in mine] == [(agency("DINKES").id, kecamatan("64.02.06").id, True)] * 2
    assert place(theirs) == before
