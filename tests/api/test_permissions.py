"""The permission table: every endpoint and action × every role (and anonymous) × the status.

A case outside a user's scope is 404, a visible case the role may not act on is 403, an action
not allowed from the case's state is 409; camat clerks get 403 on every case and personnel
endpoint. Each cell runs on a fresh set of cases (writes change them).
"""

import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.cases.models import Evidence
from apps.core.models import ExportJob
from apps.core.tokens import api_token_create
from apps.documents.services import session_document_issue
from apps.notifications.models import Level, Notification
from apps.personnel.services import personnel_import_create
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory
from tests.factories import CivilServantFactory, UserFactory, persona
from tests.personnel.import_files import csv_bytes, person
from tests.training.factories import RegistrationFactory, SessionFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
ROLES = (
    "anonymous",
    "coordinator",
    "investigator",
    "other_investigator",
    "bkpsdm_officer",
    "clerk_loajanan",
    "superuser",
)


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    url: Any  # world -> str
    expected: dict[str, int]
    body: Any = None  # world -> dict
    format: str = "json"


def expect(anon, coord, inv, other, bkpsdm, clerk, su) -> dict[str, int]:
    return dict(zip(ROLES, (anon, coord, inv, other, bkpsdm, clerk, su), strict=True))


READ_ALL = expect(401, 200, 200, 200, 200, 403, 200)
# Per-user resources (notifications, export jobs): everyone signed in has their own ...
OWN = expect(401, 200, 200, 200, 200, 200, 200)
# ... and nobody sees another user's.
NOT_THEIRS = expect(401, 404, 404, 404, 404, 404, 404)
# Public (apps.public): no sign-in at all.
EVERYONE = expect(200, 200, 200, 200, 200, 200, 200)


def case_url(name, suffix=""):
    return lambda w: f"/api/v1/cases/{w[name].pk}/{suffix}"


def act(action, **fields):
    return lambda w: {"action": action, **fields}


FORWARD = act(
    "forward",
    recipients=["bkn-wasdal"],
    letter_number="001/PP.01.02/K.KT-05/XI/2024",
    letter_date="2024-11-12",
    recommended_sanction="berat",
)
TEMUAN = {
    "kind": "temuan",
    "election": "pilkada-kukar-2024",
    "received_at": "2024-11-09T10:00:00+08:00",
    "known_on": "2024-11-08",
    "chronology": "Temuan pengawasan: ASN memasang baliho calon.",
}
LINK = {
    "kind": "link",
    "url": "https://media-sosial.invalid/p/9",
    "captured_at": "2024-11-09T09:00:00+08:00",
}

ROWS = [
    Row("case list", "get", lambda w: "/api/v1/cases/", READ_ALL),
    Row("case list csv", "get", lambda w: "/api/v1/cases/?format=csv", READ_ALL),
    Row("case list xlsx", "get", lambda w: "/api/v1/cases/?format=xlsx", READ_ALL),
    Row("case export", "get", lambda w: "/api/v1/cases/export/", READ_ALL),
    Row(
        "case intake",
        "post",
        lambda w: "/api/v1/cases/",
        expect(401, 201, 201, 201, 403, 403, 201),
        lambda w: TEMUAN,
    ),
    Row("detail received", "get", case_url("received"), expect(401, 200, 200, 404, 404, 403, 200)),
    Row(
        "detail forwarded", "get", case_url("forwarded"), expect(401, 200, 200, 404, 200, 403, 200)
    ),
    Row(
        "register",
        "post",
        case_url("received", "transitions/"),
        expect(401, 200, 200, 404, 404, 403, 200),
        act("register"),
    ),
    Row(
        "reject",
        "post",
        case_url("received", "transitions/"),
        expect(401, 200, 200, 404, 404, 403, 200),
        act("reject", reason="Bukan pelanggaran pemilihan.", reason_code="not_election"),
    ),
    Row(
        "begin_clarification",
        "post",
        case_url("registered", "transitions/"),
        expect(401, 200, 200, 404, 404, 403, 200),
        act("begin_clarification"),
    ),
    Row(
        "begin_review",
        "post",
        case_url("clarification", "transitions/"),
        expect(401, 200, 200, 404, 404, 403, 200),
        act("begin_review"),
    ),
    Row(
        "begin_review from received is 409",
        "post",
        case_url("received", "transitions/"),
        expect(401, 409, 409, 404, 404, 403, 409),
        act("begin_review"),
    ),
    Row(
        "extend",
        "post",
        case_url("registered", "transitions/"),
        expect(401, 200, 200, 404, 404, 403, 200),
        act("extend", reason="Perlu keterangan tambahan."),
    ),
    Row(
        "dismiss",
        "post",
        case_url("review", "transitions/"),
        expect(401, 200, 403, 404, 404, 403, 200),
        act("dismiss", reason="Tidak terbukti.", reason_code="not_proven"),
    ),
    Row(
        "forward",
        "post",
        case_url("review", "transitions/"),
        expect(401, 200, 403, 404, 404, 403, 200),
        FORWARD,
    ),
    Row(
        "close",
        "post",
        case_url("followed_up", "transitions/"),
        expect(401, 200, 403, 404, 200, 403, 200),
        act("close"),  # the investigator is assigned, but closing is not theirs
    ),
    Row(
        "close a closed case is 409",
        "post",
        case_url("closed", "transitions/"),
        expect(401, 409, 404, 404, 409, 403, 409),
        act("close"),
    ),
    Row(
        "evidence while open",
        "post",
        case_url("received", "evidence/"),
        expect(401, 201, 201, 404, 404, 403, 201),
        lambda w: LINK,
        "multipart",
    ),
    Row(
        "evidence after forwarding",
        "post",
        case_url("forwarded", "evidence/"),
        expect(401, 409, 409, 404, 403, 403, 409),
        lambda w: LINK,
        "multipart",
    ),
    Row(
        "evidence download",
        "get",
        lambda w: f"/api/v1/cases/{w['forwarded'].pk}/evidence/{w['file'].pk}/download/",
        # A PDF may carry its author in its metadata: outside Bawaslu it is withheld (403).
        expect(401, 200, 200, 404, 403, 403, 403),
    ),
    Row(
        "evidence withdraw while open",
        "post",
        lambda w: (
            f"/api/v1/cases/{w['received'].pk}/evidence/"
            f"{w['received'].evidence.first().pk}/withdraw/"
        ),
        expect(401, 200, 200, 404, 404, 403, 200),
        lambda w: {"reason": "Salah unggah."},
    ),
    Row(
        "evidence withdraw after forwarding",
        "post",
        lambda w: (
            f"/api/v1/cases/{w['forwarded'].pk}/evidence/"
            f"{w['forwarded'].evidence.first().pk}/withdraw/"
        ),
        expect(401, 409, 409, 404, 403, 403, 409),
        lambda w: {"reason": "Salah unggah."},
    ),
    Row(
        "bkn recommendation",
        "post",
        case_url("forwarded", "bkn-recommendation/"),
        expect(401, 200, 403, 404, 200, 403, 200),
        lambda w: {"letter_number": "R-1/D.IV/2024", "letter_date": "2024-11-15"},
    ),
    Row(
        "objection",
        "post",
        case_url("followed_up", "objections/"),
        expect(401, 201, 403, 404, 201, 403, 201),
        lambda w: {
            "sanction": w["followed_up"].respondents.get().sanctions.get().pk,
            "kind": "keberatan",
            "filed_on": "2024-11-21",
        },
    ),
    Row(
        "block request",
        "post",
        lambda w: (
            f"/api/v1/cases/{w['forwarded'].pk}/respondents/"
            f"{w['forwarded'].respondents.get().pk}/block/"
        ),
        expect(401, 201, 403, 404, 403, 403, 201),
        lambda w: {"request_letter": "B-1/PM.00/2024", "requested_on": "2024-12-01"},
    ),
    Row(
        "gakkumdu",
        "post",
        case_url("review", "gakkumdu/"),
        expect(401, 201, 403, 404, 404, 403, 201),
        lambda w: {"referred_on": "2024-11-15", "article": "UU 10/2016 Pasal 188"},
    ),
    Row(
        "follow-up",
        "post",
        case_url("forwarded", "follow-ups/"),
        expect(401, 201, 403, 404, 201, 403, 201),
        lambda w: {
            "respondent": w["forwarded"].respondents.get().pk,
            "sanction_type": "none",
            "reason": "PPK tidak menjatuhkan sanksi.",
        },
    ),
    Row(
        "follow-up before forwarding is 409",
        "post",
        case_url("review", "follow-ups/"),
        expect(401, 409, 403, 404, 404, 403, 409),
        lambda w: {
            "respondent": w["review"].respondents.get().pk,
            "sanction_type": "none",
            "reason": "x",
        },
    ),
    Row("civil servant list", "get", lambda w: "/api/v1/personnel/civil-servants/", READ_ALL),
    Row(
        "civil servant list csv",
        "get",
        lambda w: "/api/v1/personnel/civil-servants/?format=csv",
        READ_ALL,
    ),
    Row(
        "civil servant export xlsx",
        "get",
        lambda w: "/api/v1/personnel/civil-servants/export/?format=xlsx",
        READ_ALL,
    ),
    Row(
        "civil servant detail",
        "get",
        lambda w: f"/api/v1/personnel/civil-servants/{w['servant'].nip}/",
        READ_ALL,
    ),
    Row(
        "import upload",
        "post",
        lambda w: "/api/v1/personnel/imports/",
        expect(401, 403, 403, 403, 202, 403, 202),
        lambda w: {"file": SimpleUploadedFile("pegawai.csv", csv_bytes([person(1)]))},
        "multipart",
    ),
    Row(
        "import status",
        "get",
        lambda w: f"/api/v1/personnel/imports/{w['import'].pk}/",
        expect(401, 403, 403, 403, 200, 403, 200),
    ),
    Row(
        "import row errors",
        "get",
        lambda w: f"/api/v1/personnel/imports/{w['import'].pk}/errors/",
        expect(401, 403, 403, 403, 200, 403, 200),
    ),
    Row(
        "import row errors export",
        "get",
        lambda w: f"/api/v1/personnel/imports/{w['import'].pk}/errors/export/",
        expect(401, 403, 403, 403, 200, 403, 200),
    ),
    Row("case report", "get", lambda w: "/api/v1/reports/cases/?group_by=status", READ_ALL),
    Row(
        "case report xlsx",
        "get",
        lambda w: "/api/v1/reports/cases/?group_by=agency&format=xlsx",
        READ_ALL,
    ),
    Row(
        "case report export",
        "get",
        lambda w: "/api/v1/reports/cases/export/?group_by=kind",
        READ_ALL,
    ),
    Row("deadline report", "get", lambda w: "/api/v1/reports/deadlines/", READ_ALL),
    Row(
        "deadline report export xlsx",
        "get",
        lambda w: "/api/v1/reports/deadlines/export/?format=xlsx",
        READ_ALL,
    ),
    Row("notifications", "get", lambda w: "/api/v1/notifications/", OWN),
    Row(
        "notifications read-all",
        "post",
        lambda w: "/api/v1/notifications/read-all/",
        OWN,
        lambda w: {},
    ),
    Row(
        "someone else's notification",
        "get",
        lambda w: f"/api/v1/notifications/{w['notification'].pk}/",
        NOT_THEIRS,
    ),
    Row(
        "read someone else's notification",
        "post",
        lambda w: f"/api/v1/notifications/{w['notification'].pk}/read/",
        NOT_THEIRS,
        lambda w: {},
    ),
    Row("export jobs", "get", lambda w: "/api/v1/exports/", OWN),
    Row(
        "someone else's export job",
        "get",
        lambda w: f"/api/v1/exports/{w['export'].pk}/",
        NOT_THEIRS,
    ),
    Row(
        "someone else's export download",
        "get",
        lambda w: f"/api/v1/exports/{w['export'].pk}/download/",
        NOT_THEIRS,
    ),
    Row("api tokens", "get", lambda w: "/api/v1/tokens/", OWN),
    Row(
        "make an api token",
        "post",
        lambda w: "/api/v1/tokens/",
        expect(401, 201, 201, 201, 201, 201, 201),
        lambda w: {"name": "integrasi", "days": 7},
    ),
    Row(
        "revoke someone else's api token",
        "delete",
        lambda w: f"/api/v1/tokens/{w['token'].token_key}/",
        expect(401, 404, 404, 404, 404, 404, 204),
    ),
    Row("schema", "get", lambda w: "/api/schema/", expect(*[200] * 7)),
    Row("docs", "get", lambda w: "/api/docs/", expect(*[200] * 7)),
    Row(
        "session documents",
        "get",
        lambda w: f"/api/v1/training/sessions/{w['session'].pk}/documents/",
        expect(401, 200, 200, 200, 200, 200, 200),
    ),
    Row(
        "issue a session document",
        "post",
        lambda w: f"/api/v1/training/sessions/{w['session'].pk}/documents/",
        expect(401, 403, 403, 403, 403, 201, 201),
        lambda w: {"type": "attendance_list"},
    ),
    Row(
        "document pdf",
        "get",
        lambda w: f"/api/v1/documents/{w['session_document'].pk}/pdf/",
        expect(401, 200, 200, 200, 200, 200, 200),
    ),
    Row(
        "case documents",
        "get",
        case_url("forwarded", "documents/"),
        expect(401, 200, 200, 404, 200, 403, 200),
    ),
    Row(
        "issue the forwarding letter",
        "post",
        case_url("forwarded", "documents/"),
        expect(401, 201, 403, 404, 403, 403, 201),
        lambda w: {"type": "forwarding_letter"},
    ),
    # Reference data (apps.public): every signed-in role; the public endpoints: everyone.
    *(
        Row(f"reference {name}", "get", lambda w, name=name: f"/api/v1/reference/{name}/", OWN)
        for name in (
            "elections",
            "violation-forms",
            "sanction-types",
            "recipients",
            "regions",
            "agencies",
        )
    ),
    Row("public statistics", "get", lambda w: "/api/v1/public/statistics/", EVERYONE),
    Row("public notices", "get", lambda w: "/api/v1/public/notices/", EVERYONE),
    Row(
        "public track, unknown code",
        "post",
        lambda w: "/api/v1/public/track/",
        expect(404, 404, 404, 404, 404, 404, 404),
        lambda w: {"code": "PERMTEST", "pin": "000000"},
    ),
]


class World(dict):
    """The cases a cell needs, each made on first use (a cell touches one or two)."""

    def __init__(self, investigator):
        super().__init__()
        mine = {"assigned_to": [investigator]}
        self.builders = {
            "received": lambda: CaseFactory(status="received", **mine),
            "registered": lambda: CaseFactory(status="registered", **mine),
            "clarification": lambda: CaseFactory(status="clarification", **mine),
            "review": lambda: CaseFactory(status="review", **mine),
            "forwarded": lambda: CaseFactory(status="forwarded", **mine),
            "followed_up": lambda: CaseFactory(status="forwarded", followed_up=True, **mine),
            "closed": lambda: CaseFactory(status="closed"),
            "servant": CivilServantFactory,
            "file": self.evidence_file,
            "import": lambda: personnel_import_create(
                file=ContentFile(csv_bytes([person(1)])),
                filename="pegawai.csv",
                strict=False,
                actor=None,
            ),
            "notification": lambda: Notification.objects.create(
                recipient=UserFactory(username="orang-lain"),
                kind=Notification.Kind.JOB,
                level=Level.INFO,
                title="Ekspor siap",
                body="Milik pengguna lain.",
            ),
            "session": self.session,
            "session_document": lambda: session_document_issue(
                session_id=self["session"].pk,
                document_type="attendance_list",
                actor=persona("camat_clerk", username="camat-dokumen", kecamatan_code="64.02.03"),
            ),
            "token": lambda: api_token_create(
                user=UserFactory(username="orang-lain"), name="milik orang lain"
            )[0],
            "export": lambda: ExportJob.objects.create(
                requested_by=UserFactory(username="orang-lain"),
                source="apps.cases.api.views.CaseListView",
                name="kasus",
                export_format="csv",
            ),
        }

    def __missing__(self, name):
        self[name] = self.builders[name]()
        return self[name]

    def session(self):
        session = SessionFactory()  # in Loa Janan, the clerk persona's kecamatan
        RegistrationFactory(session=session)
        return session

    def evidence_file(self):
        case = self["forwarded"]
        return Evidence.objects.create(
            case=case,
            kind=Evidence.Kind.DOCUMENT,
            file=ContentFile(PDF, name="surat.pdf"),
            original_name="surat.pdf",
            content_type="application/pdf",
            size=len(PDF),
            sha256=hashlib.sha256(PDF).hexdigest(),
        )


@pytest.fixture
def world(reference_data, investigator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return World(investigator)


CELLS = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.parametrize(("row", "role"), CELLS, ids=[f"{row.name}/{role}" for row, role in CELLS])
def test_permission_table(row, role, world, request):
    if row.name == "extend":  # asked while the decision deadline still runs
        request.getfixturevalue("day_after_receipt")
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = token_client(user)
    url = row.url(world)
    if row.method == "get":
        response = client.get(url)
    elif row.method == "delete":
        response = client.delete(url)
    else:
        response = client.post(url, row.body(world), format=row.format)
    assert response.status_code == row.expected[role], getattr(response, "content", b"")[:500]
    if response.status_code >= 400:
        assert response.json()["error"]["status"] == response.status_code


def test_the_table_covers_every_api_operation():
    from django.urls import URLPattern, URLResolver, get_resolver

    def patterns(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from patterns(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    api = {p for p in patterns(get_resolver()) if p.startswith("api/v1/")}
    covered = {
        "api/v1/cases/",
        "api/v1/cases/export/",
        "api/v1/cases/<int:pk>/",
        "api/v1/cases/<int:pk>/transitions/",
        "api/v1/cases/<int:pk>/evidence/",
        "api/v1/cases/<int:pk>/evidence/<int:evidence_id>/download/",
        "api/v1/cases/<int:pk>/evidence/<int:evidence_id>/withdraw/",
        "api/v1/cases/<int:pk>/follow-ups/",
        "api/v1/cases/<int:pk>/bkn-recommendation/",
        "api/v1/cases/<int:pk>/objections/",
        "api/v1/cases/<int:pk>/objections/<int:objection_id>/decision/",
        "api/v1/cases/<int:pk>/respondents/<int:respondent_id>/block/",
        "api/v1/cases/<int:pk>/respondents/<int:respondent_id>/block/update/",
        "api/v1/cases/<int:pk>/gakkumdu/",
        "api/v1/cases/<int:pk>/gakkumdu/progress/",
        "api/v1/personnel/civil-servants/",
        "api/v1/personnel/civil-servants/export/",
        "api/v1/personnel/civil-servants/<str:nip>/",
        "api/v1/reports/cases/",
        "api/v1/reports/cases/export/",
        "api/v1/reports/deadlines/",
        "api/v1/reports/deadlines/export/",
        "api/v1/personnel/imports/",
        "api/v1/personnel/imports/<int:pk>/",
        "api/v1/personnel/imports/<int:pk>/errors/",
        "api/v1/personnel/imports/<int:pk>/errors/export/",
        "^notifications/$",
        "^notifications/read-all/$",
        "^notifications/(?P<pk>[^/.]+)/$",
        "^notifications/(?P<pk>[^/.]+)/read/$",
        "^exports/$",
        "^exports/(?P<pk>[^/.]+)/$",
        "^exports/(?P<pk>[^/.]+)/download/$",
        "documents/<int:pk>/pdf/",
        "cases/<int:case_id>/documents/",
        "^tokens/$",
        "^tokens/(?P<token_key>[^/.]+)/$",
        *(f"reference/{name}/" for name in ("elections", "violation-forms", "sanction-types")),
        *(f"reference/{name}/" for name in ("recipients", "regions", "agencies")),
        "public/track/",
        "public/notices/",
        "public/statistics/",
    }
    covered = {c if c.startswith("api/") else "api/v1/" + c for c in covered}
    assert api - covered <= {p for p in api if "training" in p}
