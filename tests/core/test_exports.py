import io
from datetime import date

from openpyxl import load_workbook

from apps.core.exports import iter_csv, neutralise, write_xlsx


def test_formula_cells_are_neutralised():
    assert [neutralise(v) for v in ["=SUM(A1)", "+62812", "-1", "@cmd", "biasa"]] == [
        "'=SUM(A1)",
        "'+62812",
        "'-1",
        "'@cmd",
        "biasa",
    ]


def test_numbers_and_dates_stay_typed():
    assert neutralise(-1) == -1
    assert neutralise(date(2024, 11, 22)) == "2024-11-22"
    assert neutralise(None) == ""


def test_csv_has_a_bom_and_neutralised_cells():
    text = "".join(iter_csv(["Nama", "Catatan"], [["Budi", "=HYPERLINK(1)"]]))
    assert text.startswith("\ufeffNama,Catatan")
    assert "'=HYPERLINK(1)" in text


def test_xlsx_round_trips_with_neutralised_cells():
    handle = io.BytesIO()
    write_xlsx(handle, ["Nama"], [["@SUM(1)"], ["Siti"]])
    handle.seek(0)
    rows = list(load_workbook(handle).active.iter_rows(values_only=True))
    assert rows == [("Nama",), ("'@SUM(1)",), ("Siti",)]
