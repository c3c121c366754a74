import csv
import io

import pytest
from openpyxl import load_workbook

from apps.cases.models import Case, FollowUp, Sanction, SanctionType
from tests.api.conftest import token_client

REPORT = "/api/v1/reports/cases/"
DEADLINES = "/api/v1/reports/deadlines/"


def report(user, **params):
    response = token_client(user).get(REPORT, params)
    assert response.status_code == 200, response.content
    body = response.json()
    return body["total"], {g["key"]: (g["label"], g["count"]) for g in body["groups"]}


def test_by_status(coordinator, cases):
    total, groups = report(coordinator, group_by="status")
    assert total == 5
    assert groups == {
        "received": ("Diterima", 1),
        "review": ("Kajian", 1),
        "forwarded": ("Diteruskan", 1),
        "closed": ("Selesai", 1),
        "dismissed": ("Dihentikan", 1),
    }


def test_by_kind(coordinator, cases):
    assert report(coordinator, group_by="kind") == (
        5,
        {"laporan": ("Laporan", 4), "temuan": ("Temuan", 1)},
    )


def test_by_violation_form_counts_a_case_under_each_of_its_forms(coordinator, cases):
    total, groups = report(coordinator, group_by="violation_form")
    assert total == 5
    assert groups["media-sosial"][1] == 2
    assert groups["fasilitas-negara"][1] == 1
    assert groups[None] == ("Tanpa bentuk pelanggaran", 1)
    assert sum(count for _label, count in groups.values()) == 6


def test_by_severity(coordinator, cases):
    _total, groups = report(coordinator, group_by="severity")
    assert groups["berat"] == ("Disiplin berat", 2)
    assert groups["etik"][1] == 1
    assert groups["pemberhentian"][1] == 1


def test_by_agency_of_the_respondents(coordinator, cases):
    total, groups = report(coordinator, group_by="agency")
    assert total == 5
    assert groups["DISDIKBUD"] == ("Dinas Pendidikan dan Kebudayaan", 4)
    assert groups[None] == ("Unit kerja tidak diketahui", 1)  # the case without respondents


def test_by_kecamatan(coordinator, cases):
    _total, groups = report(coordinator, group_by="kecamatan")
    assert groups == {"64.02.03": ("Loa Janan", 4), "64.02.06": ("Tenggarong", 1)}


def test_by_month_of_receipt_in_wita(coordinator, cases):
    _total, groups = report(coordinator, group_by="month")
    assert groups == {"2024-10": ("Oktober 2024", 1), "2024-11": ("November 2024", 4)}


def test_by_sanction_type_counts_the_sanctions_in_force(bkpsdm_officer, cases):
    """The final sanctions: one annulled on objection is not counted, its replacement is."""
    closed = cases["closed"].respondents.get()
    FollowUp.objects.create(
        respondent=cases["forwarded"].respondents.get(),
        outcome=FollowUp.Outcome.NOT_SANCTIONED,
        reason="Tidak terbukti.",
        recorded_by=bkpsdm_officer,
    )
    old = closed.sanctions.get()
    new = Sanction.objects.create(
        respondent=closed,
        sanction_type=SanctionType.objects.get(code="moral-tertutup"),
        decree_number="800/2/BKPSDM/2024",
        decree_date=old.decree_date,
        recorded_by=bkpsdm_officer,
    )
    Sanction.objects.filter(pk=old.pk).update(state=Sanction.State.CHANGED, replaced_by=new)
    total, groups = report(bkpsdm_officer, group_by="sanction_type")
    assert total == 2
    assert groups == {
        "moral-tertutup": ("Sanksi moral: pernyataan secara tertutup", 1),
        None: ("Tanpa sanksi yang berlaku", 1),
    }


def test_a_report_takes_the_case_list_filters(coordinator, cases):
    total, groups = report(coordinator, group_by="status", violation_form="media-sosial")
    assert total == 2
    assert set(groups) == {"received", "forwarded"}
    total, _groups = report(coordinator, group_by="kind", overdue="true", kecamatan="64.02.03")
    assert total == 2


def test_a_report_covers_only_the_users_cases(investigator, bkpsdm_officer, cases):
    assert report(investigator, group_by="status")[0] == 2
    assert set(report(bkpsdm_officer, group_by="status")[1]) == {"forwarded", "closed"}


def test_group_by_is_required_and_checked(coordinator, cases):
    client = token_client(coordinator)
    for params in ({}, {"group_by": "warna"}):
        response = client.get(REPORT, params)
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == ["group_by"]


def test_an_empty_report(other_investigator, cases):
    assert report(other_investigator, group_by="status") == (0, {})


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_report_exports_with_indonesian_headers_and_the_total(fmt, coordinator, cases):
    response = token_client(coordinator).get(REPORT, {"group_by": "kecamatan", "format": fmt})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        rows = [
            list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
        ]
    assert rows[0] == ["Kode", "Kecamatan", "Jumlah kasus"]
    assert [str(c) for c in rows[1]] == ["64.02.03", "Loa Janan", "4"]
    assert [str(c) for c in rows[-1]][1:] == ["Jumlah kasus (tanpa duplikat)", "5"]


def test_the_deadline_report_counts_on_time_late_and_open(coordinator, cases):
    late = cases["closed"]
    Case.objects.filter(pk=late.pk).update(closed_at=late.follow_up_due_at.replace(year=2025))
    response = token_client(coordinator).get(DEADLINES)
    assert response.status_code == 200
    stages = {s["stage"]: s for s in response.json()["stages"]}
    assert stages["reporting"] | {"label": ""} == {
        "stage": "reporting",
        "label": "",
        "total": 5,
        "on_time": 5,
        "late": 0,
        "open": 0,
        "overdue": 0,
    }
    decision = stages["decision"]
    assert (decision["total"], decision["on_time"], decision["open"]) == (5, 3, 2)
    assert decision["overdue"] == 2  # 2024 cases still undecided in the test clock's present
    follow = stages["follow_up"]
    assert (follow["total"], follow["on_time"], follow["late"], follow["open"]) == (2, 0, 1, 1)


def test_the_deadline_report_exports(coordinator, cases):
    response = token_client(coordinator).get(DEADLINES, {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == [
        "Tahap",
        "Jumlah kasus",
        "Tepat waktu",
        "Terlambat",
        "Masih berjalan",
        "Masih berjalan, lewat batas",
    ]
    assert [r[0] for r in rows] == [
        "Batas waktu pelaporan",
        "Batas waktu keputusan",
        "Batas tindak lanjut PPK",
    ]
