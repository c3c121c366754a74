"""The login lockout is keyed on the real client behind the HTTPS proxy, never on the proxy's
address or on a header the client wrote itself; a coordinator lifts a lockout."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
PASSWORD = "sandi-rahasia-123"


@pytest.fixture
def behind_one_proxy(settings):
    settings.NETRAL_PROXY_COUNT = 1
    settings.NETRAL_TRUSTED_PROXIES = [f"{PROXY}/32"]


def login(client, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        reverse("login"), {"username": "koordinator", "password": password}, **headers
    )


def fail_until_locked(client, settings, **where):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "salah", **where)


def test_a_client_behind_the_proxy_locks_only_itself_out(
    client, coordinator, settings, behind_one_proxy
):
    fail_until_locked(client, settings, forwarded="198.51.100.7")
    assert login(client, PASSWORD, forwarded="198.51.100.7").status_code == 429
    assert login(client, PASSWORD, forwarded="203.0.113.20").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_a_spoofed_header_cannot_dodge_the_lockout_nor_lock_someone_else(
    client, coordinator, settings, behind_one_proxy
):
    # The attacker writes an address of their choice; the proxy appends the one it saw.
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "salah", forwarded=f"203.0.113.20, 198.51.100.{n}, 198.51.100.7")
    assert login(client, PASSWORD, forwarded="1.2.3.4, 198.51.100.7").status_code == 429
    assert login(client, PASSWORD, forwarded="203.0.113.20").status_code == 302


def test_a_header_from_a_peer_that_is_not_the_trusted_proxy_is_ignored(
    client, coordinator, settings, behind_one_proxy
):
    # Someone reaching the app around the proxy, pretending to forward for a victim.
    fail_until_locked(client, settings, remote="192.0.2.66", forwarded="203.0.113.20")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}
    assert login(client, PASSWORD, forwarded="203.0.113.20").status_code == 302


def test_without_a_proxy_configured_the_header_is_never_read(client, coordinator, settings):
    settings.NETRAL_PROXY_COUNT = 0
    fail_until_locked(client, settings, remote="192.0.2.66", forwarded="203.0.113.20")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}


def test_with_two_proxies_the_client_is_the_second_entry_from_the_right(
    client, coordinator, settings
):
    settings.NETRAL_PROXY_COUNT = 2
    settings.NETRAL_TRUSTED_PROXIES = []
    login(client, "salah", forwarded="6.6.6.6, 198.51.100.7, 10.0.0.1")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


def test_a_coordinator_lifts_a_lockout_in_the_admin(
    client, coordinator, investigator, settings, behind_one_proxy
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "investigator", "password": "salah"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    admin = client.__class__()
    admin.force_login(coordinator)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert admin.get(changelist).status_code == 200
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = admin.post(changelist, {"action": "unlock", "_selected_action": attempts})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    relogin = client.post(
        reverse("login"),
        {"username": "investigator", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert relogin.status_code == 302


def test_an_investigator_may_not_lift_a_lockout(client, investigator):
    client.force_login(investigator)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_a_camat_clerk_at_the_admin_login_is_pointed_to_the_clerks_login(client, clerk_loajanan):
    response = client.post(
        reverse("admin:login"), {"username": "camat-loajanan", "password": PASSWORD}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("login")}"' in html
    assert "petugas kecamatan" in html
    assert "_auth_user_id" not in client.session
