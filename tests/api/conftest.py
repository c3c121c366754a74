import pytest
from rest_framework.test import APIClient

from apps.core.tokens import api_token_create


def token_client(user=None) -> APIClient:
    """An API client as an integration would use it: ``Authorization: Token <key>``."""
    client = APIClient()
    if user is not None:
        _token, key = api_token_create(user=user, name="tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def anonymous_client(db):
    return APIClient()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, started while MEDIA_URL has a value (as in
    tests/browser/conftest.py: Django's test server parses MEDIA_URL when it starts and the
    settings keep it None)."""
    import os

    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    with override_settings(MEDIA_URL="/_no-public-media/"):
        server = LiveServer(addr)
    yield server
    server.stop()
