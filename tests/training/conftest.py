import pytest


@pytest.fixture
def roles(reference_data):
    """The role groups and their permissions, re-created after a transactional test's flush
    (migrations create them once; a flush empties every table)."""
    from django.apps import apps

    from apps.core.roles import ROLE_PERMISSIONS, grant_permissions

    for app_label in ROLE_PERMISSIONS:
        grant_permissions(apps, app_label)
