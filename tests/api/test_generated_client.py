"""An integrator's first day: a client generated from the served schema works, first time.

The client is generated once for the module (openapi-python-client, pinned in the dev
dependencies) from ``/api/schema/`` of the running test server; then it drives that server as
BKPSDM's integration and a Bawaslu coordinator would. Every response of the run is validated
against the schema by openapi-core (OpenAPI 3.1, JSON Schema 2020-12: nulls included).
"""

import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
import zipfile
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from apps.cases.models import Case
from apps.core.tokens import api_token_create
from tests.cases.factories import CaseFactory

PACKAGE = "netral_client"
BIN = Path(sys.executable).parent
GENERATOR = shutil.which("openapi-python-client", path=str(BIN)) or shutil.which(
    "openapi-python-client"
)


# --- the generated client ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(live_server, tmp_path_factory, django_db_blocker):
    if GENERATOR is None:
        pytest.skip("openapi-python-client is missing: `make install` installs the dev pins")
    root = tmp_path_factory.mktemp("generated")
    with django_db_blocker.unblock():  # the server's request cycle opens a connection
        answer = httpx.get(f"{live_server.url}/api/schema/", params={"format": "json"})
    assert answer.status_code == 200, answer.text[:3000]
    schema = answer.json()
    (root / "schema.json").write_text(json.dumps(schema))
    # The generator formats its output with ruff (a dev dependency too): found beside Python.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [GENERATOR, "generate", "--path", str(root / "schema.json")]
    command += ["--output-path", str(root / PACKAGE), "--meta", "none"]
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    sys.path.insert(0, str(root))
    yield {"schema": schema, "run": run, "package": root / PACKAGE}
    sys.path.remove(str(root))
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


def module(name: str):
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_the_generator_gives_no_warning(generated):
    run = generated["run"]
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    for word in ("warning", "unable", "error", "skipping"):
        assert word not in output.lower(), output


def test_every_generated_module_imports(generated):
    package = importlib.import_module(PACKAGE)
    names = [m.name for m in pkgutil.walk_packages(package.__path__, f"{PACKAGE}.")]
    failures = {}
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # every failure, not the first only
            failures[name] = repr(error)
    assert failures == {}
    operations = [n for n in names if n.startswith(f"{PACKAGE}.api.v1.")]
    assert len(operations) >= 50


# --- every response checked against the schema ------------------------------------------------


class CheckedRequest:
    """An httpx request as openapi-core reads one."""

    def __init__(self, request: httpx.Request):
        url = urlsplit(str(request.url))
        self.host_url = f"{url.scheme}://{url.netloc}"
        self.path = url.path
        self.method = request.method.lower()
        self.body = request.content or None
        self.content_type = request.headers.get("Content-Type", "")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qs(url.query)),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict(),
        )


class CheckedResponse:
    def __init__(self, response: httpx.Response):
        self.data = response.content
        self.status_code = response.status_code
        self.content_type = response.headers.get("Content-Type", "")
        self.headers = Headers(dict(response.headers))


def csv_text(body: bytes, **parameters) -> str:
    assert body.startswith("\ufeff".encode()), "CSV without its BOM"
    return body.decode("utf-8-sig")


def xlsx_octets(body: bytes, **parameters) -> str:
    """A file's octets as the string a ``format: binary`` schema describes, once the file is
    checked to be what its media type says (openapi-core hands other media types over as bytes,
    which a JSON Schema ``string`` refuses)."""
    with zipfile.ZipFile(BytesIO(body)) as archive:
        assert "[Content_Types].xml" in archive.namelist()
    return body.decode("latin-1")


@pytest.fixture
def checked(generated):
    """Every response the client receives, validated against the schema when it arrives."""
    files = {
        "text/csv": csv_text,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": xlsx_octets,
    }
    spec = OpenAPI.from_dict(
        generated["schema"], config=Config(extra_media_type_deserializers=files)
    )
    seen = []

    def validate(response: httpx.Response):
        response.read()
        spec.validate_response(CheckedRequest(response.request), CheckedResponse(response))
        seen.append((response.request.method, response.url.path, response.status_code))

    return {"hooks": {"response": [validate]}, "seen": seen}


@pytest.fixture
def client_for(live_server, checked):
    client_module = module("client")

    def client_for(user):
        _token, key = api_token_create(user=user, name="generated client")
        # The generated client's default: ``Authorization: Bearer <key>``.
        return client_module.AuthenticatedClient(
            base_url=live_server.url,
            token=key,
            raise_on_unexpected_status=True,
            httpx_args={"event_hooks": checked["hooks"]},
        )

    return client_for


@pytest.fixture
def cases(transactional_db, reference_data, investigator):
    received = CaseFactory(status="received")
    registered = CaseFactory(status="registered", assigned_to=[investigator])
    forwarded = CaseFactory(status="forwarded")
    closed = CaseFactory(status="closed", followed_up=True)
    return {
        "received": received,
        "registered": registered,
        "forwarded": forwarded,
        "closed": closed,
    }


def pull_since(api, client, since) -> list:
    """An incremental pull: everything updated since ``since``, following the pages."""
    items, page = [], 1
    while True:
        answer = api.v1_cases_list.sync(
            client=client,
            updated_after=since,
            ordering=api.V1CasesListOrdering.UPDATED_AT,
            page=page,
            page_size=2,
        )
        items += answer.results
        if not answer.next_:
            return items
        page += 1


def test_an_integrator_drives_the_api_with_the_generated_client(
    client_for, checked, cases, coordinator, bkpsdm_officer, investigator
):
    api = _Api()
    bkpsdm, bawaslu = client_for(bkpsdm_officer), client_for(coordinator)

    # BKPSDM pulls what changed: forwarded and closed cases, page by page.
    start = min(c.updated_at for c in Case.objects.all()) - timedelta(seconds=1)
    pulled = pull_since(api, bkpsdm, start)
    assert {c.id for c in pulled} == {cases["forwarded"].pk, cases["closed"].pk}
    assert [c.updated_at for c in pulled] == sorted(c.updated_at for c in pulled)
    # The next pull starts at the largest updated_at received: the bound is inclusive.
    again = pull_since(api, bkpsdm, max(c.updated_at for c in pulled))
    assert pulled[-1].id in {c.id for c in again}

    detail = api.v1_cases_retrieve.sync(id=cases["forwarded"].pk, client=bkpsdm)
    assert detail.status == api.CaseStatusEnum.FORWARDED
    assert detail.respondents

    report = api.v1_reports_cases_retrieve.sync(
        client=bawaslu,
        group_by=api.CaseReportGroupingEnum.STATUS,
        status=[api.CaseStatusEnum.FORWARDED, api.CaseStatusEnum.CLOSED],
    )
    assert report.total == 2
    assert {g.key: g.count for g in report.groups} == {"forwarded": 1, "closed": 1}

    csv = api.v1_cases_export_retrieve.sync(client=bkpsdm, format_=api.ExportFormatEnum.CSV)
    xlsx = api.v1_cases_export_retrieve.sync(client=bkpsdm, format_=api.ExportFormatEnum.XLSX)
    csv_bytes, xlsx_bytes = csv.payload.read(), xlsx.payload.read()
    assert csv_bytes.startswith("\ufeff".encode()) and b"Nomor register" in csv_bytes
    assert csv_bytes.count(b"\n") == 3  # the header and the two cases BKPSDM sees
    assert xlsx_bytes.startswith(b"PK\x03\x04")

    moved = api.v1_cases_transitions_create.sync(
        id=cases["registered"].pk,
        client=bawaslu,
        body=api.BeginClarificationTransitionRequest(
            action=api.BeginClarificationTransitionActionEnum.BEGIN_CLARIFICATION
        ),
    )
    assert moved.status == api.CaseStatusEnum.CLARIFICATION

    respondent = cases["forwarded"].respondents.first()
    follow_up = api.v1_cases_follow_ups_create.sync_detailed(
        id=cases["forwarded"].pk,
        client=bkpsdm,
        body=api.FollowUpInputRequest(
            respondent=respondent.pk,
            outcome=api.DecisionOutcomeEnum.NOT_SANCTIONED,
            reason="PPK menilai tidak terbukti (sintetis).",
        ),
    )
    assert follow_up.status_code == 201
    assert follow_up.parsed.outcome == api.DecisionOutcomeEnum.NOT_SANCTIONED

    # A case outside an investigator's assignment does not exist for them: the one error shape.
    refused = api.v1_cases_follow_ups_create.sync_detailed(
        id=cases["forwarded"].pk,
        client=client_for(investigator),
        body=api.FollowUpInputRequest(respondent=respondent.pk),
    )
    assert refused.status_code == 404
    assert refused.parsed.error.code == "not_found"

    # Nine responses, each validated against the schema as it arrived.
    assert [status for _method, _path, status in checked["seen"]] == [200] * 7 + [201, 404]


class _Api:
    """The generated operations and models an integration uses, by their generated names."""

    OPERATIONS = (
        "v1_cases_list",
        "v1_cases_retrieve",
        "v1_reports_cases_retrieve",
        "v1_cases_export_retrieve",
        "v1_cases_transitions_create",
        "v1_cases_follow_ups_create",
    )
    MODELS = (
        "V1CasesListOrdering",
        "CaseStatusEnum",
        "CaseReportGroupingEnum",
        "ExportFormatEnum",
        "BeginClarificationTransitionRequest",
        "BeginClarificationTransitionActionEnum",
        "FollowUpInputRequest",
        "DecisionOutcomeEnum",
    )

    def __init__(self):
        for name in self.OPERATIONS:
            setattr(self, name, module(f"api.v1.{name}"))
        models = module("models")
        for name in self.MODELS:
            setattr(self, name, getattr(models, name))
