import csv
import io

import pytest
from openpyxl import load_workbook

from tests.api.conftest import token_client
from tests.factories import CivilServantFactory, agency, kecamatan

LIST = "/api/v1/personnel/civil-servants/"


@pytest.fixture
def registry(reference_data):
    """Three PNS in Loa Janan (one at the school), one PPPK in Tenggarong."""
    return {
        "budi": CivilServantFactory(name="Budi Santoso", golongan="III/b"),
        "siti": CivilServantFactory(name="Siti Rahman", golongan="III/c"),
        "guru": CivilServantFactory(
            name='=HYPERLINK("http://x")', agency=agency("SDN-64.02.03"), golongan="III/a"
        ),
        "pppk": CivilServantFactory(
            pppk=True, name="Rina PPPK", golongan="IX", kecamatan=kecamatan("64.02.06")
        ),
    }


def nips(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["nip"] for row in response.json()["results"]}


def test_it_lists_the_registry_with_agency_and_kecamatan(bkpsdm_officer, registry):
    body = token_client(bkpsdm_officer).get(LIST, {"search": "Budi"}).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["nip"] == registry["budi"].nip
    assert row["agency"] == {"code": "DISDIKBUD", "name": registry["budi"].agency.name}
    assert row["kecamatan"] == {"code": "64.02.03", "name": "Loa Janan"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"employment_type": "PPPK"}, {"pppk"}),
        ({"kecamatan": "64.02.06"}, {"pppk"}),
        ({"agency": "SDN-64.02.03"}, {"guru"}),
        ({"golongan": "III/c"}, {"siti"}),
        ({"search": "rahman"}, {"siti"}),
    ],
)
def test_it_filters_the_registry(params, expected, coordinator, registry):
    response = token_client(coordinator).get(LIST, params)
    assert nips(response) == {registry[key].nip for key in expected}


def test_it_filters_by_nip(investigator, registry):
    response = token_client(investigator).get(LIST, {"nip": registry["siti"].nip})
    assert nips(response) == {registry["siti"].nip}


def test_it_shows_one_civil_servant_by_nip(bkpsdm_officer, registry):
    response = token_client(bkpsdm_officer).get(f"{LIST}{registry['pppk'].nip}/")
    assert response.status_code == 200
    assert response.json()["employment_type"] == "PPPK"
    assert response.json()["golongan"] == "IX"


def test_an_unknown_nip_is_404(bkpsdm_officer, registry):
    assert token_client(bkpsdm_officer).get(f"{LIST}199001012015011999/").status_code == 404


def test_the_csv_export_has_every_row_and_neutralised_cells(bkpsdm_officer, registry):
    response = token_client(bkpsdm_officer).get(LIST, {"format": "csv", "page_size": 1})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="asn-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["NIP / NI PPPK"] for row in rows} == {cs.nip for cs in registry.values()}
    assert '\'=HYPERLINK("http://x")' in {row["Nama"] for row in rows}


def test_the_xlsx_export_takes_the_same_filters(bkpsdm_officer, registry):
    response = token_client(bkpsdm_officer).get(LIST, {"format": "xlsx", "kecamatan": "64.02.03"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("NIP / NI PPPK", "Nama")
    assert {row[0] for row in rows[1:]} == {registry[k].nip for k in ("budi", "siti", "guru")}


def test_the_list_takes_the_same_number_of_queries_for_any_page_size(
    bkpsdm_officer, registry, django_assert_num_queries
):
    client = token_client(bkpsdm_officer)
    # token + user, roles, count, page (agency and kecamatan joined)
    for page_size in (1, 4):
        with django_assert_num_queries(4):
            response = client.get(LIST, {"page_size": page_size})
        assert len(response.json()["results"]) == page_size
