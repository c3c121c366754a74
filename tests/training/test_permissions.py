"""Who may do what on the training pages and API: one row per (method, url, persona)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CivilServantFactory, UserFactory
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1
PERSONAS = ["anonymous", "clerk_loajanan", "clerk_tenggarong", "bkpsdm_officer", "coordinator"]


@pytest.fixture
def world(reference_data):
    session = SessionFactory()  # Loa Janan
    registration = RegistrationFactory(session=session)
    return {"session": session, "registration": registration, "nip": CivilServantFactory().nip}


def _client(request, client, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


# url name, whether it takes the session id, expected status per persona (order of PERSONAS)
PAGES = [
    ("session-list", False, [302, 200, 200, 200, 200]),
    ("session-create", False, [302, 200, 200, 403, 403]),
    ("session-detail", True, [302, 200, 404, 200, 200]),
    ("session-update", True, [302, 200, 404, 403, 403]),
    ("registration-add", True, [302, 200, 404, 403, 403]),
    ("registration-import", True, [302, 200, 404, 403, 403]),
    ("attendance-sheet", True, [302, 200, 404, 200, 200]),
    ("attendance-export", True, [302, 200, 404, 200, 200]),
    ("kiosk", True, [302, 200, 404, 403, 403]),
    ("kiosk-links", True, [302, 200, 404, 403, 403]),
    ("invitations", True, [302, 200, 404, 403, 403]),
    ("session-pledges", True, [302, 200, 404, 200, 200]),
    ("pledge-list", False, [302, 200, 200, 200, 200]),
    ("nip-lookup", False, [302, 200, 200, 403, 403]),
]


@pytest.mark.parametrize(
    ("name", "with_pk", "persona", "expected"),
    [
        (name, with_pk, persona, codes[i])
        for name, with_pk, codes in PAGES
        for i, persona in enumerate(PERSONAS)
    ],
)
def test_page_permissions(request, client, world, name, with_pk, persona, expected):
    url = reverse(f"training:{name}", kwargs={"pk": world["session"].pk} if with_pk else {})
    response = _client(request, client, persona).get(url)
    assert response.status_code == expected, (name, persona)


PAGE_POSTS = [
    ("kiosk", lambda w: {"value": w["registration"].code}, [302, 200, 404, 403, 403]),
    (
        "attendance-paper",
        lambda w: {"registration": w["registration"].pk},
        [302, 302, 404, 403, 403],
    ),
    ("registration-add", lambda w: {"kind": "asn", "asn-nip": w["nip"]}, [302, 302, 404, 403, 403]),
    ("session-pledges", lambda w: {"nip": w["registration"].nip}, [302, 302, 404, 403, 403]),
]


@pytest.mark.parametrize(
    ("name", "payload", "persona", "expected"),
    [
        (name, payload, persona, codes[i])
        for name, payload, codes in PAGE_POSTS
        for i, persona in enumerate(PERSONAS)
    ],
)
def test_page_post_permissions(request, client, world, name, payload, persona, expected):
    url = reverse(f"training:{name}", kwargs={"pk": world["session"].pk})
    response = _client(request, client, persona).post(url, payload(world))
    assert response.status_code == expected, (name, persona)
    changed = (
        world["session"].registrations.filter(attended_at__isnull=False).exists()
        or (world["session"].registrations.count() > 1)
        or world["session"].pledges.exists()
    )
    assert changed == (persona == "clerk_loajanan")


def _api(name, world):
    session = world["session"].pk
    return {
        "sessions": "/api/v1/training/sessions/",
        "session": f"/api/v1/training/sessions/{session}/",
        "registrations": f"/api/v1/training/sessions/{session}/registrations/",
        "check-in": f"/api/v1/training/sessions/{session}/check-in/",
        "pledges": "/api/v1/training/pledges/",
        "coverage": "/api/v1/reports/training-coverage/",
        "coverage export": "/api/v1/reports/training-coverage/export/?format=xlsx",
    }[name]


NEW_SESSION = {
    "title": "Sosialisasi",
    "starts_at": f"{NEXT_YEAR}-11-25T09:00:00+08:00",
    "ends_at": f"{NEXT_YEAR}-11-25T12:00:00+08:00",
    "venue": "Aula",
}

API = [
    ("get", "sessions", None, [401, 200, 200, 200, 200]),
    ("post", "sessions", lambda w: NEW_SESSION, [401, 201, 201, 403, 403]),
    ("get", "session", None, [401, 200, 404, 200, 200]),
    ("patch", "session", lambda w: {"title": "Diubah"}, [401, 200, 404, 403, 403]),
    ("put", "session", lambda w: NEW_SESSION, [401, 200, 404, 403, 403]),
    ("delete", "session", None, [401, 405, 405, 405, 405]),
    ("get", "registrations", None, [401, 200, 404, 200, 200]),
    ("post", "registrations", lambda w: {"nip": w["nip"]}, [401, 201, 404, 403, 403]),
    ("post", "check-in", lambda w: {"code": w["registration"].code}, [401, 200, 404, 403, 403]),
    ("get", "pledges", None, [401, 200, 200, 200, 200]),
    (
        "post",
        "pledges",
        lambda w: {"nip": w["nip"], "signed_on": timezone.localdate().isoformat()},
        # the ASN serves in Loa Janan: Tenggarong's clerk may not record their pledge
        [401, 201, 403, 201, 403],
    ),
    ("get", "coverage", None, [401, 200, 200, 200, 200]),
    ("get", "coverage export", None, [401, 200, 200, 200, 200]),
]


@pytest.mark.parametrize(
    ("method", "name", "payload", "persona", "expected"),
    [
        (method, name, payload, persona, codes[i])
        for method, name, payload, codes in API
        for i, persona in enumerate(PERSONAS)
    ],
)
def test_api_permissions(request, client, world, method, name, payload, persona, expected):
    client = _client(request, client, persona)
    data = payload(world) if payload else None
    response = getattr(client, method)(_api(name, world), data, content_type="application/json")
    assert response.status_code == expected, (method, name, persona, response.content[:300])
    if expected >= 400 and expected != 405:
        assert response.json()["error"]["status"] == expected


def test_a_user_without_a_role_sees_no_session(client, world):
    client.force_login(UserFactory(username="tanpa-peran"))
    assert client.get("/api/v1/training/sessions/").json()["count"] == 0
    assert client.get(_api("session", world)).status_code == 404
    assert (
        client.get(reverse("training:session-detail", args=[world["session"].pk])).status_code
        == 404
    )
    assert client.get("/api/v1/reports/training-coverage/").status_code == 403


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("coordinator", 200), ("bkpsdm_officer", 200), ("clerk_loajanan", 302)],
)
def test_the_admin_shows_sessions_read_only(request, client, world, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    listing = client.get(reverse("admin:training_session_changelist"))
    assert listing.status_code == expected
    if expected == 200:
        assert world["session"].title in listing.content.decode()
        detail = client.get(reverse("admin:training_session_change", args=[world["session"].pk]))
        assert detail.status_code == 200
        assert 'name="_save"' not in detail.content.decode()
        assert client.get(reverse("admin:training_session_add")).status_code == 403


def test_the_roles_hold_the_training_model_permissions(
    clerk_loajanan, bkpsdm_officer, investigator
):
    assert clerk_loajanan.has_perms(
        ["training.add_session", "training.change_registration", "training.add_integritypledge"]
    )
    assert bkpsdm_officer.has_perm("training.add_integritypledge")
    assert not bkpsdm_officer.has_perm("training.add_session")
    assert investigator.has_perm("training.view_session")
    assert not investigator.has_perm("training.change_session")
