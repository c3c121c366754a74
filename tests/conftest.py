"""Shared fixtures: reference data, one persona per role, and markers for real services."""

import os
import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.core import clock
from tests.cases.factories import wita
from tests.factories import UserFactory, persona

USING_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

SKIPS = {
    "postgres": (not USING_POSTGRES, "needs PostgreSQL: set DATABASE_URL (CI does)"),
    "redis": (not REDIS_URL, "needs Redis: set REDIS_URL or CELERY_BROKER_URL (CI does)"),
    "browser": (
        not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM),
        f"needs Chromium at {CHROMIUM} (apt-get install chromium; CI does)",
    ),
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for marker, (skip, reason) in SKIPS.items():
            if skip and item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


def _seed_reference() -> None:
    """Reference data and the role groups; a transactional test's flush removes both."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from apps.core.roles import ROLE_PERMISSIONS, grant_permissions
    from apps.personnel.models import Region

    if not Group.objects.exists():
        for app_label in ROLE_PERMISSIONS:
            grant_permissions(apps, app_label)
    if not Region.objects.exists():
        call_command("seed", verbosity=0, stdout=StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _seed_reference()


@pytest.fixture
def reference_data(db):
    """Regions, agencies and every app's reference data (re-seeded after a flushing test)."""
    _seed_reference()


@pytest.fixture
def coordinator(reference_data):
    return persona("bawaslu_coordinator", username="koordinator")


@pytest.fixture
def investigator(reference_data):
    return persona("bawaslu_investigator", username="investigator")


@pytest.fixture
def other_investigator(reference_data):
    return persona("bawaslu_investigator", username="investigator-lain")


@pytest.fixture
def bkpsdm_officer(reference_data):
    return persona("bkpsdm_officer", username="bkpsdm")


@pytest.fixture
def clerk_loajanan(reference_data):
    return persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")


@pytest.fixture
def clerk_tenggarong(reference_data):
    return persona("camat_clerk", username="camat-tenggarong", kecamatan_code="64.02.06")


@pytest.fixture
def superuser(reference_data):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def day_after_receipt():
    """Sunday 10 November 2024, 10:00 WITA: the day after ``CaseFactory``'s default receipt, so
    its Pilkada decision deadline (Tuesday 12 November, 23:59) has not passed yet."""
    with clock.travel_to(wita(2024, 11, 10, 10, 0)):
        yield
