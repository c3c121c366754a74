"""API tokens: several per user with a name, stored as a digest, expiring, revocable, and
revoked when the user's password changes."""

import hashlib
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from apps.core.models import ApiToken
from apps.core.tokens import api_token_create

pytestmark = pytest.mark.django_db

PROBE = "/api/v1/personnel/civil-servants/"
TOKENS = "/api/v1/tokens/"


def client_with(key: str, scheme: str = "Token") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key}")
    return client


def test_the_key_is_shown_once_and_only_its_digest_is_stored(bkpsdm_officer):
    token, key = api_token_create(user=bkpsdm_officer, name="SIMPEG")
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in {str(value) for value in row.values()}
    assert row["digest"] == hashlib.sha512(key.encode()).hexdigest()
    assert key.startswith(row["token_key"])
    assert client_with(key).get(PROBE).status_code == 200


def test_a_user_holds_several_named_tokens_and_sees_only_their_own(bkpsdm_officer, coordinator):
    _a, key = api_token_create(user=bkpsdm_officer, name="SIMPEG")
    api_token_create(user=bkpsdm_officer, name="dasbor")
    api_token_create(user=coordinator, name="milik orang lain")
    listed = client_with(key).get(TOKENS).json()["results"]
    assert sorted(t["name"] for t in listed) == ["SIMPEG", "dasbor"]
    assert "key" not in listed[0]


def test_a_token_made_over_the_api_answers_its_key_once(bkpsdm_officer):
    client = APIClient()
    client.force_login(bkpsdm_officer)
    response = client.post(TOKENS, {"name": "laporan bulanan", "days": 30}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert re.fullmatch(r"ntl_[0-9a-f]{64}", body["key"])
    assert body["expiry"].startswith(f"{(timezone.localdate() + timedelta(days=30)):%Y-%m-%d}")
    assert client_with(body["key"]).get(PROBE).status_code == 200


def test_a_token_without_a_name_or_beyond_the_longest_validity_is_refused(bkpsdm_officer, settings):
    client = APIClient()
    client.force_login(bkpsdm_officer)
    response = client.post(TOKENS, {"name": " ", "days": 9999}, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"name", "days"}
    assert str(settings.NETRAL_API_TOKEN_MAX_DAYS) in fields["days"][0]


def test_an_expired_token_is_refused_and_deleted(bkpsdm_officer):
    token, key = api_token_create(user=bkpsdm_officer, name="SIMPEG", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    response = client_with(key).get(PROBE)
    assert response.status_code == 401
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_a_password_change_revokes_every_token_of_the_user(bkpsdm_officer):
    _first, key = api_token_create(user=bkpsdm_officer, name="SIMPEG")
    _second, other = api_token_create(user=bkpsdm_officer, name="dasbor")
    bkpsdm_officer.set_password("sandi-baru-yang-panjang-987")
    bkpsdm_officer.save()
    response = client_with(key).get(PROBE)
    assert response.status_code == 401
    assert "sandi" in response.json()["error"]["message"]
    assert client_with(other).get(PROBE).status_code == 401
    assert not ApiToken.objects.filter(user=bkpsdm_officer).exists()


def test_the_owner_revokes_a_token_and_it_stops_working_at_once(bkpsdm_officer):
    token, key = api_token_create(user=bkpsdm_officer, name="SIMPEG")
    _other, other_key = api_token_create(user=bkpsdm_officer, name="dasbor")
    client = client_with(other_key)
    assert client.delete(f"{TOKENS}{token.token_key}/").status_code == 204
    assert client_with(key).get(PROBE).status_code == 401
    assert client.get(PROBE).status_code == 200


def test_someone_elses_token_is_not_found_but_an_administrator_revokes_it(
    bkpsdm_officer, coordinator, superuser
):
    token, key = api_token_create(user=bkpsdm_officer, name="SIMPEG")
    _c, coordinator_key = api_token_create(user=coordinator, name="x")
    assert client_with(coordinator_key).delete(f"{TOKENS}{token.token_key}/").status_code == 404
    _s, admin_key = api_token_create(user=superuser, name="admin")
    assert client_with(admin_key).delete(f"{TOKENS}{token.token_key}/").status_code == 204
    assert client_with(key).get(PROBE).status_code == 401


def test_the_bearer_scheme_is_accepted_too(bkpsdm_officer):
    _token, key = api_token_create(user=bkpsdm_officer, name="SIMPEG")
    assert client_with(key, scheme="Bearer").get(PROBE).status_code == 200


def test_an_integrators_token_is_provisioned_listed_and_revoked_from_the_command_line(
    bkpsdm_officer,
):
    out = StringIO()
    call_command(
        "api_token", "create", "bkpsdm", name="SIMPEG", days=7, stdout=out, stderr=StringIO()
    )
    key = out.getvalue().strip()
    assert client_with(key).get(PROBE).status_code == 200
    listing = StringIO()
    call_command("api_token", "list", "bkpsdm", stdout=listing)
    assert "SIMPEG" in listing.getvalue()
    assert key not in listing.getvalue()
    call_command("api_token", "revoke", key[:15], stdout=StringIO())
    assert client_with(key).get(PROBE).status_code == 401
