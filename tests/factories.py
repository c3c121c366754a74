"""factory-boy factories shared by the whole suite. App-specific ones live beside their tests."""

import random

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from apps.core.models import Office, Profile
from apps.personnel.models import Agency, CivilServant, Region
from apps.personnel.seeds import synthetic_row

ROLE_OFFICE = {
    "bawaslu_coordinator": Office.BAWASLU,
    "bawaslu_investigator": Office.BAWASLU,
    "bkpsdm_officer": Office.BKPSDM,
    "camat_clerk": Office.CAMAT,
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@netral.invalid")

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or "sandi-rahasia-123")
        if create:
            user.save(update_fields=["password"])


def persona(role: str, *, username: str, kecamatan_code: str | None = None):
    """A user in ``role`` with a profile; camat clerks serve ``kecamatan_code``."""
    user = UserFactory(username=username, is_staff=role != "camat_clerk")
    user.groups.add(Group.objects.get(name=role))
    kecamatan = Region.objects.get(code=kecamatan_code) if kecamatan_code else None
    Profile.objects.update_or_create(
        user=user, defaults={"office": ROLE_OFFICE[role], "kecamatan": kecamatan}
    )
    return user


def kecamatan(code: str = "64.02.03") -> Region:
    return Region.objects.get(code=code)


def agency(code: str = "DISDIKBUD") -> Agency:
    return Agency.objects.get(code=code)


_rng = random.Random(1)
_sequences: dict[str, int] = {}


class CivilServantFactory(factory.django.DjangoModelFactory):
    """A synthetic ASN with a valid NIP; pass ``agency``/``kecamatan`` to place them."""

    class Meta:
        model = CivilServant

    class Params:
        pppk = factory.Trait(employment_type="PPPK")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        row = synthetic_row(_rng, [(agency().id, None)], [kecamatan().id], _sequences)
        wants_pppk = kwargs.get("employment_type") == "PPPK"
        while (row["employment_type"] == "PPPK") != wants_pppk:
            row = synthetic_row(_rng, [(agency().id, None)], [kecamatan().id], _sequences)
        row.pop("agency_id"), row.pop("kecamatan_id")
        row.setdefault("agency", agency())
        row.setdefault("kecamatan", kecamatan())
        row.update(kwargs)
        return super()._create(model_class, *args, **row)


def change_in_admin(admin_client, asn: CivilServant, **changes):
    """Post the admin's change form of ``asn`` with its current values and ``changes`` (form
    values: an agency's or kecamatan's pk or "", ``is_active`` "on" or absent; active when not
    given)."""
    form = {
        **{f: getattr(asn, f) for f in ("nip", "employment_type", "name", "sex", "golongan")},
        **{f: getattr(asn, f) for f in ("position", "position_type")},
        "birth_date": asn.birth_date.isoformat(),
        "agency": asn.agency_id,
        "kecamatan": asn.kecamatan_id or "",
        "is_active": "on",
        **changes,
    }
    form = {key: value for key, value in form.items() if value is not None}
    return admin_client.post(f"/admin/personnel/civilservant/{asn.pk}/change/", form)
