"""Who changed the data the case rules and the registry are read from: an edit in the admin
leaves one entry (django-auditlog, read in the admin as *Perubahan data referensi*) with the
actor and each field's old and new value."""

import pytest
from django.contrib.contenttypes.models import ContentType

from apps.core.models import ReferenceChange
from apps.personnel.models import Agency, CivilServant
from tests.factories import CivilServantFactory, agency, change_in_admin, kecamatan

pytestmark = pytest.mark.django_db


def updates_of(model, pk) -> list[ReferenceChange]:
    content_type = ContentType.objects.get_for_model(model)
    entries = ReferenceChange.objects.filter(
        content_type=content_type, object_pk=str(pk), action=ReferenceChange.Action.UPDATE
    )
    return list(entries)


def test_an_agency_renamed_in_the_admin_leaves_its_old_and_new_name(admin_client, admin_user):
    dinkes = agency("DINKES")
    old_name = dinkes.name
    form = {
        "code": dinkes.code,
        "name": "Dinas Kesehatan Kabupaten Kutai Kartanegara",
        "short_name": dinkes.short_name,
        "kind": dinkes.kind,
        "parent": dinkes.parent_id or "",
        "kecamatan": dinkes.kecamatan_id or "",
        "is_active": "on",
    }
    response = admin_client.post(f"/admin/personnel/agency/{dinkes.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]

    (entry,) = updates_of(Agency, dinkes.pk)
    assert entry.actor == admin_user
    assert entry.changes_dict["name"] == [old_name, "Dinas Kesehatan Kabupaten Kutai Kartanegara"]


def test_an_asn_moved_in_the_admin_leaves_their_old_and_new_place(admin_client, admin_user):
    """Found in review: the registry's edits in the admin left no trace of who moved an ASN to
    another agency, although the move changes which sessions' lists count them."""
    asn = CivilServantFactory(agency=agency("DISDIKBUD"), kecamatan=kecamatan("64.02.03"))

    response = change_in_admin(admin_client, asn, agency=agency("DINKES").pk, kecamatan="")
    assert response.status_code == 302, response.content.decode()[:2000]

    (entry,) = updates_of(CivilServant, asn.pk)
    assert entry.actor == admin_user
    changes = entry.changes_dict
    assert set(changes) == {"agency", "kecamatan"}  # not the bookkeeping of updated_at
    assert changes["agency"] == [agency("DISDIKBUD").pk, agency("DINKES").pk]
    # Read in the admin by the fields' and the agencies' names, not their ids.
    page = admin_client.get(f"/admin/core/referencechange/{entry.pk}/change/").content.decode()
    assert f"unit kerja: {agency('DISDIKBUD').name} → {agency('DINKES').name}" in page
