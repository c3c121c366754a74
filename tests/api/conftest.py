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
