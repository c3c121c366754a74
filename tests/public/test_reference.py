"""Integrators discover the codes they must send, with the rules behind them."""

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def test_an_integrator_reads_every_reference_list(bkpsdm_officer):
    client = token_client(bkpsdm_officer)
    for name in ("elections", "violation-forms", "sanction-types", "recipients", "agencies"):
        response = client.get(f"/api/v1/reference/{name}/")
        assert response.status_code == 200, name
        assert response.json() and all("code" in row for row in response.json()), name


def test_an_election_carries_its_deadline_rules_with_their_basis(coordinator):
    rows = token_client(coordinator).get("/api/v1/reference/elections/").json()
    pilkada = next(row for row in rows if row["code"] == "pilkada-kukar-2024")
    assert pilkada["regime"] == "pilkada"
    assert pilkada["rules"]["decision"]["days"] == 3
    assert "134" in pilkada["rules"]["decision"]["basis"]
    assert pilkada["rules"]["initial_review"]["days"] is None


def test_a_sanction_type_says_its_category_kind_and_who_it_applies_to(coordinator):
    rows = token_client(coordinator).get("/api/v1/reference/sanction-types/").json()
    written = next(row for row in rows if row["code"] == "teguran-tertulis")
    assert written["category"] == "ringan"
    assert written["kind"] == "discipline"
    assert written["applies_to"] in {"asn", "pns", "pppk"}


def test_regions_by_level(coordinator):
    client = token_client(coordinator)
    kecamatan = client.get("/api/v1/reference/regions/", {"level": "kecamatan"}).json()
    desa = client.get("/api/v1/reference/regions/", {"level": "desa"}).json()
    assert len(kecamatan) == 20
    assert {"code": "64.02.03", "name": "Loa Janan"}.items() <= next(
        r for r in kecamatan if r["code"] == "64.02.03"
    ).items()
    assert len(desa) == 237 and all(r["parent"].count(".") == 2 for r in desa)
    wrong = client.get("/api/v1/reference/regions/", {"level": "provinsi"})
    assert wrong.status_code == 400
    assert "level" in wrong.json()["error"]["fields"]


def test_an_unchanged_list_answers_304_to_its_etag(coordinator):
    client = token_client(coordinator)
    first = client.get("/api/v1/reference/violation-forms/")
    etag = first["ETag"]
    again = client.get("/api/v1/reference/violation-forms/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    stale = client.get("/api/v1/reference/violation-forms/", HTTP_IF_NONE_MATCH='"old"')
    assert stale.status_code == 200


def test_a_changed_list_gets_a_new_etag(coordinator):
    from apps.cases.models import ViolationForm

    client = token_client(coordinator)
    etag = client.get("/api/v1/reference/violation-forms/")["ETag"]
    ViolationForm.objects.filter(pk=ViolationForm.objects.first().pk).update(is_active=False)
    changed = client.get("/api/v1/reference/violation-forms/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_reference_data_needs_a_signed_in_user():
    response = APIClient().get("/api/v1/reference/elections/")
    assert response.status_code == 401
