import pytest
from django.core.cache import cache

from apps.cases import tracking
from tests.cases.factories import CaseFactory

PIN = "482915"


@pytest.fixture(autouse=True)
def fresh_counters():
    """Throttle counters and the statistics' cache start empty in every test."""
    cache.clear()
    yield
    cache.clear()


def tracked_case(pin: str = PIN, **kwargs):
    """A case as intake leaves it: a tracking code, and the PIN given to its reporter."""
    case = CaseFactory(**kwargs)
    case.tracking_code = tracking.unique_code(type(case))
    case.tracking_pin = tracking.hash_pin(pin)
    case.save(update_fields=["tracking_code", "tracking_pin"])
    return case
