"""Open statistics: nobody can be singled out, and every table adds up."""

import itertools
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from apps.cases.models import Case
from apps.public.statistics import suppress
from tests.cases.factories import CaseFactory, election

pytestmark = pytest.mark.django_db
URL = "/api/v1/public/statistics/"


def table(*counts):
    return suppress({f"k{i}": (f"k{i}", n) for i, n in enumerate(counts)}, threshold=3)


def visible_numbers(result):
    return [c["count"] for c in result["cells"]] + [result["suppressed"], result["total"]]


def test_a_small_category_is_folded_into_the_suppressed_row():
    result = table(10, 7, 2)
    assert [c["count"] for c in result["cells"]] == [10]
    assert result["suppressed"] == 9  # the 2 would be 2 alone: the 7 joins it
    assert result["total"] == 19


def test_a_whole_table_under_the_threshold_shows_only_that():
    assert table(1, 1) == {"cells": [], "suppressed": None, "total": None}


def test_no_table_ever_shows_a_one_or_a_two_and_every_table_adds_up():
    rng = random.Random(20)
    for _ in range(2000):
        counts = [rng.choice([0, 1, 2, 3, 4, 5, 9, 20]) for _ in range(rng.randint(0, 8))]
        result = table(*counts)
        shown = [n for n in visible_numbers(result) if n is not None]
        assert not {1, 2} & set(shown), (counts, result)
        if result["total"] is not None:
            assert sum(c["count"] for c in result["cells"]) + result["suppressed"] == sum(counts)
            assert result["total"] == sum(counts)


def test_every_small_combination_is_safe():
    for counts in itertools.product(range(0, 5), repeat=4):
        shown = [n for n in visible_numbers(table(*counts)) if n is not None]
        assert not {1, 2} & set(shown), counts


def test_the_api_suppresses_a_kecamatan_with_one_case_and_stays_consistent(settings):
    from apps.personnel.models import Region

    settings.NETRAL_STATISTICS_THRESHOLD = 3
    for _ in range(4):
        CaseFactory()  # Loa Janan
    CaseFactory(kecamatan=Region.objects.get(code="64.02.06"))  # Tenggarong: alone
    body = APIClient().get(URL).json()
    pilkada = next(e for e in body["elections"] if e["code"] == "pilkada-kukar-2024")
    tables = {t["dimension"]: t for t in pilkada["tables"]}
    kecamatan = tables["kecamatan"]
    assert "Tenggarong" not in str(kecamatan)
    assert kecamatan["total"] == Case.objects.count() == 5
    assert sum(c["count"] for c in kecamatan["cells"]) + kecamatan["suppressed"] == 5
    for t in tables.values():
        numbers = [n for n in visible_numbers(t) if n is not None]
        assert not {1, 2} & set(numbers), t


def test_statistics_are_served_from_the_cache_without_a_query():
    CaseFactory()
    client = APIClient()
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
        assert client.get("/statistik/").status_code == 200
        assert client.get("/statistik/statistik.csv").status_code == 200
    assert len(queries) == 0


def test_the_csv_download_holds_the_same_suppressed_tables():
    for _ in range(3):
        CaseFactory()
    response = APIClient().get("/statistik/statistik.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0] == "pemilihan,tabel,kategori,jumlah"
    assert "Loa Janan,3" in text


def test_one_election_is_shown_by_its_code_on_the_page_the_csv_and_the_api():
    """Found walking the statistics page: every election's tables were stacked on one page and
    in one CSV, with no way to choose the election a reader asks about."""
    for _ in range(3):
        CaseFactory(election=election("pilkada-kukar-2024"))
    for _ in range(4):
        CaseFactory(election=election("pemilu-2024"))
    client = APIClient()

    page = client.get("/statistik/", {"election": "pemilu-2024"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="pemilihan-pemilu-2024"' in html
    assert 'id="pemilihan-pilkada-kukar-2024"' not in html
    assert '<option value="pemilu-2024" selected>' in html
    assert 'href="/statistik/statistik.csv?election=pemilu-2024"' in html

    csv = client.get("/statistik/statistik.csv", {"election": "pemilu-2024"})
    rows = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()[1:]
    assert rows and {row.split(",")[0] for row in rows} == {election("pemilu-2024").name}
    assert "Loa Janan,4" in "\n".join(rows)

    answer = client.get(URL, {"election": "pemilu-2024"}).json()
    assert [e["code"] for e in answer["elections"]] == ["pemilu-2024"]
    every = client.get(URL).json()
    assert {e["code"] for e in every["elections"]} == {"pemilu-2024", "pilkada-kukar-2024"}


def test_an_unknown_election_is_named_in_the_answer_not_shown_as_empty():
    CaseFactory()
    client = APIClient()
    message = "Pemilihan dengan kode “pilkada-2099” tidak ada."

    page = client.get("/statistik/", {"election": "pilkada-2099"})
    assert page.status_code == 404
    html = page.content.decode()
    assert message in html and 'aria-invalid="true"' in html
    assert 'id="pemilihan-' not in html

    api = client.get(URL, {"election": "pilkada-2099"})
    assert api.status_code == 404 and message in api.json()["error"]["message"]
    csv = client.get("/statistik/statistik.csv", {"election": "pilkada-2099"})
    assert csv.status_code == 404 and message in csv.content.decode()


def test_one_election_is_served_from_the_cache_too():
    CaseFactory()
    client = APIClient()
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/statistik/", {"election": "pilkada-kukar-2024"}).status_code == 200
        assert client.get(URL, {"election": "pilkada-kukar-2024"}).status_code == 200
    assert len(queries) == 0
