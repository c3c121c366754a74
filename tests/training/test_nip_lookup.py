"""Rule 2 of issue 19: the NIP preview is no registry oracle — it reveals what registering needs,
a user may ask a limited number of times (counted in the shared cache), and every look-up is
logged."""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from apps.training.models import TrainingEvent
from tests.factories import CivilServantFactory, persona

pytestmark = pytest.mark.django_db


def _lookup(client, nip):
    return client.get(reverse("training:nip-lookup"), {"nip": nip})


def test_the_preview_shows_the_name_and_nothing_of_the_agency_or_position(client, clerk_loajanan):
    person = CivilServantFactory(position="Kepala Bidang Anggaran")
    client.force_login(clerk_loajanan)
    body = _lookup(client, person.nip).json()
    assert body == {
        "found": True,
        "nip": person.nip,
        "name": person.name,
        "active": True,
        "note": "ASN aktif",
    }
    page = client.get(
        reverse("training:registration-add", args=[_session().pk]), {"nip": person.nip}
    ).content.decode()
    assert person.name in page
    assert "Kepala Bidang Anggaran" not in page and person.agency.name not in page


def _session():
    from tests.training.factories import SessionFactory

    return SessionFactory()


def test_a_clerk_looking_up_nip_after_nip_is_stopped_at_the_rate(client, clerk_loajanan, settings):
    settings.NETRAL_TRAINING_NIP_LOOKUP_RATE = "5/min"
    people = CivilServantFactory.create_batch(6)
    client.force_login(clerk_loajanan)
    answers = [_lookup(client, p.nip) for p in people]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert "Terlalu banyak pencarian NIP" in answers[-1].json()["message"]
    assert people[-1].name not in answers[-1].content.decode()
    # Another clerk has a count of their own.
    other = persona("camat_clerk", username="camat-lain", kecamatan_code="64.02.03")
    client.force_login(other)
    assert _lookup(client, people[-1].nip).status_code == 200


def test_the_no_script_search_step_is_throttled_too(client, clerk_loajanan, settings):
    settings.NETRAL_TRAINING_NIP_LOOKUP_RATE = "1/min"
    person = CivilServantFactory()
    client.force_login(clerk_loajanan)
    url = reverse("training:registration-add", args=[_session().pk])
    assert person.name in client.get(url, {"nip": person.nip}).content.decode()
    page = client.get(url, {"nip": person.nip}).content.decode()
    assert person.name not in page and "Terlalu banyak pencarian NIP" in page


def test_every_look_up_is_logged_with_who_and_which_nip(client, clerk_loajanan):
    person = CivilServantFactory()
    client.force_login(clerk_loajanan)
    _lookup(client, person.nip)
    _lookup(client, "198501012010011001")
    logged = TrainingEvent.objects.filter(action=TrainingEvent.Action.NIP_LOOKUP).order_by("id")
    assert [(e.actor_id, e.data) for e in logged] == [
        (clerk_loajanan.pk, {"nip": person.nip, "found": True}),
        (clerk_loajanan.pk, {"nip": "198501012010011001", "found": False}),
    ]


@pytest.mark.parametrize(
    ("persona_name", "status"), [("bkpsdm_officer", 403), ("coordinator", 403)]
)
def test_only_clerks_look_up_and_refusals_are_not_logged(request, client, persona_name, status):
    client.force_login(request.getfixturevalue(persona_name))
    assert _lookup(client, CivilServantFactory().nip).status_code == status
    assert not TrainingEvent.objects.exists()


@pytest.mark.redis
def test_the_count_is_kept_in_the_cache_every_process_shares(client, clerk_loajanan, settings):
    settings.NETRAL_TRAINING_NIP_LOOKUP_RATE = "2/min"
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL") or os.environ["CELERY_BROKER_URL"],
            "KEY_PREFIX": "netral-test-nip-lookup",
        }
    }
    people = CivilServantFactory.create_batch(3)
    client.force_login(clerk_loajanan)
    key = f"throttle_training_nip_lookup_{clerk_loajanan.pk}"
    with override_settings(CACHES=shared):
        # Only this test's key: the same Redis database may be Celery's broker (CI).
        caches["default"].delete(key)
        try:
            assert _lookup(client, people[0].nip).status_code == 200
            # A second process (a fresh connection to the same Redis) sees the same count.
            caches["default"].close()
            assert len(caches["default"].get(key)) == 1
            assert _lookup(client, people[1].nip).status_code == 200
            assert _lookup(client, people[2].nip).status_code == 429
        finally:
            caches["default"].delete(key)
