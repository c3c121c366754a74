import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_demo_account_logs_in_with_the_demo_password(client, settings):
    from apps.core.seeds import DEMO_ACCOUNTS, ensure_demo_account

    ensure_demo_account(DEMO_ACCOUNTS[1], "sandi-demo-uji")
    response = client.post(
        reverse("admin:login"), {"username": "demo-koordinator", "password": "sandi-demo-uji"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_repeated_failed_logins_lock_the_account_with_a_clear_message(
    client, coordinator, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "koordinator", "password": "salah"})
    response = client.post(
        reverse("login"), {"username": "koordinator", "password": "sandi-rahasia-123"}
    )
    assert response.status_code == 429
    assert "dikunci" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_login_before_the_limit_works(client, coordinator):
    client.post(reverse("login"), {"username": "koordinator", "password": "salah"})
    response = client.post(
        reverse("login"), {"username": "koordinator", "password": "sandi-rahasia-123"}
    )
    assert response.status_code == 302


def test_the_admin_speaks_bahasa_indonesia_whatever_the_browser_asks(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="id"' in response.content.decode()
    assert "Administrasi" in response.content.decode()
