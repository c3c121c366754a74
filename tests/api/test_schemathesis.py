"""Property-based run of every operation in /api/schema/ (schemathesis), authenticated.

Every response must be a documented status code with a documented content type and a body that
matches the schema, and none may be a 5xx. Path ids are pointed at real objects most of the time
so that the detail and write operations are exercised beyond 404.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import token_client
from tests.cases.api.conftest import PDF
from tests.cases.factories import CaseFactory
from tests.factories import CivilServantFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def objects(reference_data, investigator, settings, tmp_path):
    from django.core.files.base import ContentFile

    from apps.cases.models import Evidence

    settings.MEDIA_ROOT = tmp_path / "private"
    cases = [
        CaseFactory(status=status, assigned_to=[investigator])
        for status in ("received", "registered", "review", "forwarded", "closed")
    ]
    evidence = Evidence.objects.create(
        case=cases[3],
        kind=Evidence.Kind.DOCUMENT,
        file=ContentFile(PDF, name="surat.pdf"),
        original_name="surat.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    return {
        "pk": [c.pk for c in cases],
        "evidence_id": [evidence.pk],
        "nip": [CivilServantFactory().nip],
    }


# Loaded when the module is collected: generating the schema touches no database. (The lazy
# ``schemathesis.pytest.from_fixture`` loader does not run under pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calls go through the WSGI handler, which closes the connection after each request; on
    PostgreSQL that would close the test's own transaction. Django's test client does the same."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def point_at_real_objects(case, objects):
    """Two generated ids in three become the id of a real object (chosen by the generated one)."""
    for name, real in objects.items():
        value = case.path_parameters.get(name) if case.path_parameters else None
        if value is None:
            continue
        seed = value if isinstance(value, int) else len(str(value))
        if seed % 3:
            case.path_parameters[name] = real[seed % len(real)]


def call_and_check(case, user, objects):
    authorization = token_client(user)._credentials["HTTP_AUTHORIZATION"]
    point_at_real_objects(case, objects)
    response = case.call(headers={"Authorization": authorization})
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=CHECKS)


SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@schema.parametrize()
@SETTINGS
def test_every_operation_answers_a_coordinator_as_documented(case, coordinator, objects):
    call_and_check(case, coordinator, objects)


@schema.parametrize()
@SETTINGS
def test_every_operation_answers_bkpsdm_as_documented(case, bkpsdm_officer, objects):
    call_and_check(case, bkpsdm_officer, objects)
