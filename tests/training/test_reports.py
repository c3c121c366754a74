import io

import pytest
from openpyxl import load_workbook

from apps.core import permissions
from apps.personnel.models import Agency
from apps.training import selectors
from tests.factories import CivilServantFactory, agency, kecamatan
from tests.training.factories import RegistrationFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db

REPORT = "/api/v1/reports/training-coverage/"


@pytest.fixture
def known(reference_data):
    """Education (Loa Janan): A, B, C active, D inactive. Health (Tenggarong): E, F.

    A attended in Loa Janan and again in Tenggarong (counted once); B registered, absent;
    C attended only a cancelled session (not counted); D attended but is inactive (not counted);
    E attended in Tenggarong; F nothing.
    """
    education, health = agency("DISDIKBUD"), agency("DINKES")
    loa_janan, tenggarong = kecamatan("64.02.03"), kecamatan("64.02.06")
    a, b, c = (CivilServantFactory(agency=education, kecamatan=loa_janan) for _ in range(3))
    d = CivilServantFactory(agency=education, kecamatan=loa_janan, is_active=False)
    e, _f = (CivilServantFactory(agency=health, kecamatan=tenggarong) for _ in range(2))
    s1 = SessionFactory(starts_at=wita(2024, 11, 22, 9))
    s2 = SessionFactory(tenggarong=True, starts_at=wita(2024, 11, 20, 9))
    s3 = SessionFactory(cancelled=True, starts_at=wita(2024, 11, 1, 9))
    present = wita(2024, 11, 22, 9, 5)
    RegistrationFactory(session=s1, civil_servant=a, attended_at=present)
    RegistrationFactory(session=s2, civil_servant=a, attended_at=present)
    RegistrationFactory(session=s1, civil_servant=b)
    RegistrationFactory(session=s3, civil_servant=c, attended_at=present)
    RegistrationFactory(session=s1, civil_servant=d, attended_at=present)
    RegistrationFactory(session=s2, civil_servant=e, attended_at=present)


def _figures(rows):
    return {
        r["name"]: (
            r["asn_in_registry"],
            r["asn_registered"],
            r["asn_attended"],
            r["coverage_percent"],
        )
        for r in rows
    }


def test_coverage_per_agency_on_a_known_data_set(known, bkpsdm_officer, django_assert_num_queries):
    permissions.role_names(bkpsdm_officer)
    with django_assert_num_queries(1):
        rows = selectors.training_coverage(bkpsdm_officer, group_by="agency")
    assert _figures(rows) == {
        "Dinas Pendidikan dan Kebudayaan": (3, 2, 1, 33.3),
        "Dinas Kesehatan": (2, 1, 1, 50.0),
    }
    assert selectors.coverage_totals(rows) == {
        "asn_in_registry": 5,
        "asn_registered": 3,
        "asn_attended": 2,
        "coverage_percent": 40.0,
    }


def test_coverage_per_kecamatan_on_a_known_data_set(known, coordinator):
    rows = selectors.training_coverage(coordinator, group_by="kecamatan")
    assert _figures(rows) == {"Loa Janan": (3, 2, 1, 33.3), "Tenggarong": (2, 1, 1, 50.0)}
    assert [r["code"] for r in rows] == ["64.02.03", "64.02.06"]


def test_coverage_counts_only_sessions_in_the_period(known, coordinator):
    rows = selectors.training_coverage(
        coordinator, group_by="kecamatan", starts_after=wita(2024, 11, 21, 0)
    )
    assert _figures(rows) == {"Loa Janan": (3, 2, 1, 33.3), "Tenggarong": (2, 0, 0, 0.0)}


def test_a_clerk_sees_the_coverage_of_their_own_kecamatan_only(known, clerk_loajanan):
    rows = selectors.training_coverage(clerk_loajanan, group_by="kecamatan")
    assert _figures(rows) == {"Loa Janan": (3, 2, 1, 33.3)}


def test_the_coverage_report_over_the_api_as_json_csv_and_xlsx(known, client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    body = client.get(REPORT + "?group_by=kecamatan").json()
    assert body["group_by"] == "kecamatan"
    assert _figures(body["results"]) == {
        "Loa Janan": (3, 2, 1, 33.3),
        "Tenggarong": (2, 1, 1, 50.0),
    }
    assert body["totals"]["coverage_percent"] == 40.0

    csv_response = client.get(REPORT + "?group_by=agency&format=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    text = b"".join(csv_response.streaming_content).decode()
    assert "Perangkat daerah,ASN di data kepegawaian,ASN terdaftar,ASN hadir,Cakupan (%)" in text
    assert "Dinas Kesehatan,2,1,1,50.0" in text

    xlsx = client.get(REPORT + "?group_by=kecamatan&format=xlsx")
    rows = list(
        load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0] == (
        "Kode",
        "Kecamatan",
        "ASN di data kepegawaian",
        "ASN terdaftar",
        "ASN hadir",
        "Cakupan (%)",
    )
    assert rows[1] == ("64.02.03", "Loa Janan", 3, 2, 1, 33.3)


def test_a_bad_group_or_format_is_a_field_error(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    response = client.get(REPORT + "?group_by=desa&format=pdf")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"group_by", "format"}


def test_the_export_operation_answers_the_same_table_as_a_file(client, bkpsdm_officer):
    """A generated client reads JSON from the report and bytes from its export operation."""
    client.force_login(bkpsdm_officer)
    by_format = client.get(REPORT + "?group_by=agency&format=csv")
    exported = client.get(REPORT + "export/?group_by=agency")
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")
    assert b"".join(exported.streaming_content) == b"".join(by_format.streaming_content)
    xlsx = client.get(REPORT + "export/?group_by=kecamatan&format=xlsx")
    assert xlsx.status_code == 200
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_the_export_operation_does_not_answer_json(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    response = client.get(REPORT + "export/?format=json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["format"]


def test_the_coverage_per_kecamatan_is_one_query_in_the_order_of_the_codes_without_kecamatan_last(
    known, coordinator, django_assert_num_queries
):
    # Placed later than Loa Janan's ASN but with a smaller code: the rows follow the codes, not
    # the order the ASN or the kecamatan were written in.
    CivilServantFactory(agency=agency("DINKES"), kecamatan=kecamatan("64.02.01"))
    nowhere = CivilServantFactory(agency=agency("DINKES"), kecamatan=None)
    RegistrationFactory(
        session=SessionFactory(), civil_servant=nowhere, attended_at=wita(2024, 11, 22, 9, 5)
    )
    permissions.role_names(coordinator)
    with django_assert_num_queries(1):
        rows = selectors.training_coverage(coordinator, group_by="kecamatan")
    assert [(r["code"], r["name"]) for r in rows] == [
        ("64.02.01", kecamatan("64.02.01").name),
        ("64.02.03", "Loa Janan"),
        ("64.02.06", "Tenggarong"),
        ("", "(tanpa kecamatan)"),
    ]
    assert [r["id"] for r in rows] == [
        kecamatan("64.02.01").id,
        kecamatan("64.02.03").id,
        kecamatan("64.02.06").id,
        None,
    ]
    assert _figures(rows)["(tanpa kecamatan)"] == (1, 1, 1, 100.0)


def test_an_agency_without_active_asn_is_not_a_row_even_if_its_former_staff_attended(
    known, coordinator
):
    """Another agency's only ASN left the registry (inactive) after attending: that agency has
    no row, and the others keep their figures."""
    other = Agency.objects.exclude(code__in=["DISDIKBUD", "DINKES"]).order_by("code").first()
    gone = CivilServantFactory(agency=other, is_active=False)
    RegistrationFactory(
        session=SessionFactory(), civil_servant=gone, attended_at=wita(2024, 11, 22, 9, 5)
    )
    rows = selectors.training_coverage(coordinator, group_by="agency")
    assert _figures(rows) == {
        "Dinas Pendidikan dan Kebudayaan": (3, 2, 1, 33.3),
        "Dinas Kesehatan": (2, 1, 1, 50.0),
    }
    assert [r["code"] for r in rows] == sorted(r["code"] for r in rows)
    assert {r["id"]: r["code"] for r in rows} == {
        agency("DISDIKBUD").id: "DISDIKBUD",
        agency("DINKES").id: "DINKES",
    }
