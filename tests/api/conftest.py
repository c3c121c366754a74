import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def token_client(user=None) -> APIClient:
    """An API client as an integration would use it: ``Authorization: Token <key>``."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anonymous_client(db):
    return APIClient()
