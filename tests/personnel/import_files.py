"""Registry files as BKPSDM would export them, for the import tests."""

import csv
import io

from openpyxl import Workbook

HEADERS = [
    "NIP",
    "Nama",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Golongan",
    "Jabatan",
    "Jenis Jabatan",
    "Unit Kerja",
    "Kecamatan",
    "Status Kepegawaian",
]
# Born 14-03-1985, CPNS 01-2010, male (digit 15 = 1); the last three digits are the sequence.
MAN = "198503142010011{:03d}"
# Born 02-07-1990, CPNS 03-2015, female.
WOMAN = "199007022015032{:03d}"
PPPK_WOMAN = "199105052023012{:03d}"  # NI PPPK: born 05-05-1991, appointed 2023, contract 01


def person(seq: int = 1, **overrides) -> dict:
    row = {
        "NIP": MAN.format(seq),
        "Nama": f"Budi Santoso {seq}, S.Pd.",
        "Jenis Kelamin": "L",
        "Tanggal Lahir": "14-03-1985",
        "Golongan": "III/a",
        "Jabatan": "Guru Ahli Pertama",
        "Jenis Jabatan": "Fungsional",
        "Unit Kerja": "Dinas Pendidikan dan Kebudayaan",
        "Kecamatan": "Loa Janan",
        "Status Kepegawaian": "PNS",
    }
    row.update(overrides)
    return row


def woman(seq: int = 1, **overrides) -> dict:
    return person(
        seq,
        **{
            "NIP": WOMAN.format(seq),
            "Nama": f"Siti Rahmawati {seq}",
            "Jenis Kelamin": "P",
            "Tanggal Lahir": "02-07-1990",
            **overrides,
        },
    )


def csv_bytes(rows, *, sep=",", encoding="utf-8", headers=HEADERS) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=sep)
    writer.writerow(headers)
    writer.writerows([row.get(h, "") for h in headers] for row in rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    handle = io.BytesIO()
    workbook.save(handle)
    return handle.getvalue()
