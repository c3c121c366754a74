"""Reference data (regions, agencies) and synthetic demo civil servants. Idempotent."""

import csv
import random
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from apps.personnel.models import PNS_GRADES, PPPK_GRADES, Agency, CivilServant, Region

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"
PROVINCE = ("64", "Kalimantan Timur")
REGENCY = ("64.02", "Kutai Kartanegara")


def read_csv(name: str) -> list[dict[str, str]]:
    with open(SEEDS_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def seed_regions() -> int:
    """Province, regency, 20 kecamatan and 237 villages (Kepmendagri 300.2.2-2138/2025)."""
    existing = set(Region.objects.values_list("code", flat=True))
    by_code = {r.code: r for r in Region.objects.all()}
    created = 0
    rows = [dict(code=PROVINCE[0], name=PROVINCE[1]), dict(code=REGENCY[0], name=REGENCY[1])]
    rows += read_csv("regions.csv")
    for row in rows:
        code = row["code"].strip()
        if code in existing:
            continue
        depth = code.count(".")
        level = [
            Region.Level.PROVINCE,
            Region.Level.REGENCY,
            Region.Level.KECAMATAN,
            Region.Level.VILLAGE,
        ][depth]
        parent = by_code.get(code.rsplit(".", 1)[0]) if depth else None
        by_code[code] = Region.objects.create(
            code=code, name=row["name"].strip(), level=level, parent=parent
        )
        created += 1
    return created


@transaction.atomic
def seed_agencies() -> int:
    """The OPD of Kukar, every kecamatan office, and a puskesmas and a school unit per kecamatan."""
    existing = set(Agency.objects.values_list("code", flat=True))
    created = 0

    def add(code, name, short_name, kind, parent_code="", kecamatan=None):
        nonlocal created
        if code in existing:
            return
        parent = Agency.objects.get(code=parent_code) if parent_code else None
        Agency.objects.create(
            code=code,
            name=name,
            short_name=short_name,
            kind=kind,
            parent=parent,
            kecamatan=kecamatan,
        )
        existing.add(code)
        created += 1

    for row in read_csv("agencies.csv"):
        add(row["code"], row["name"], row["short_name"], row["kind"], row["parent_code"])
    for kec in Region.objects.filter(level=Region.Level.KECAMATAN):
        add(
            f"KEC-{kec.code}",
            f"Kecamatan {kec.name}",
            f"Kec. {kec.name}",
            Agency.Kind.KECAMATAN,
            kecamatan=kec,
        )
        add(
            f"PKM-{kec.code}",
            f"UPT Puskesmas {kec.name}",
            f"Puskesmas {kec.name}",
            Agency.Kind.UNIT,
            "DINKES",
            kec,
        )
        add(
            f"SDN-{kec.code}",
            f"SD Negeri 001 {kec.name}",
            f"SDN 001 {kec.name}",
            Agency.Kind.UNIT,
            "DISDIKBUD",
            kec,
        )
    return created


def seed_reference(log=print) -> None:
    log(f"wilayah baru: {seed_regions()}")
    log(f"perangkat daerah baru: {seed_agencies()}")


# --- demo data: synthetic people, never real ones ---

FIRST_NAMES_M = [
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Irwan",
    "Joko",
    "Rahmat",
    "Rudi",
    "Syamsul",
    "Taufik",
    "Wahyu",
    "Yusuf",
    "Zainal",
    "Arif",
    "Bambang",
    "Hasan",
    "Iwan",
    "Muhammad",
]
FIRST_NAMES_F = [
    "Ani",
    "Dewi",
    "Eka",
    "Fitri",
    "Indah",
    "Lestari",
    "Maya",
    "Nur",
    "Putri",
    "Rina",
    "Sari",
    "Siti",
    "Wulan",
    "Yuni",
    "Ratna",
    "Herlina",
    "Nurul",
    "Aisyah",
    "Mega",
    "Rosdiana",
]
LAST_NAMES = [
    "Pratama",
    "Saputra",
    "Hidayat",
    "Santoso",
    "Wijaya",
    "Rahman",
    "Kurniawan",
    "Setiawan",
    "Hakim",
    "Nugroho",
    "Lestari",
    "Handayani",
    "Syahrani",
    "Maulana",
    "Ramadhan",
    "Permata",
    "Aditya",
    "Firdaus",
    "Kusuma",
    "Anwar",
]
FRONT_TITLES = ["", "", "", "", "Dr. ", "Ir. ", "drg. ", "dr. "]
BACK_TITLES = [
    "",
    "",
    ", S.Pd.",
    ", S.E.",
    ", S.Sos.",
    ", S.Kom.",
    ", S.Kep.",
    ", S.H.",
    ", M.Si.",
    ", S.T.",
    ", A.Md.",
    ", S.Pd., M.Pd.",
]
POSITIONS = [
    ("Kepala Bidang", "struktural"),
    ("Kepala Seksi", "struktural"),
    ("Kepala Subbagian Umum", "struktural"),
    ("Guru Ahli Pertama", "fungsional"),
    ("Guru Ahli Muda", "fungsional"),
    ("Perawat Terampil", "fungsional"),
    ("Bidan Ahli Pertama", "fungsional"),
    ("Analis Kebijakan Ahli Muda", "fungsional"),
    ("Pranata Komputer Ahli Pertama", "fungsional"),
    ("Pengadministrasi Umum", "pelaksana"),
    ("Pengelola Keuangan", "pelaksana"),
    ("Pengemudi", "pelaksana"),
    ("Staf Pelaksana", "pelaksana"),
]
DEMO_SEED = 6402


def synthetic_civil_servants(count: int, *, seed: int = DEMO_SEED):
    """Yield ``count`` deterministic synthetic civil servants as dicts (valid NIP / NI PPPK)."""
    rng = random.Random(seed)
    agencies = list(Agency.objects.order_by("code").values_list("id", "kecamatan_id"))
    kecamatan_ids = list(
        Region.objects.filter(level=Region.Level.KECAMATAN)
        .order_by("code")
        .values_list("id", flat=True)
    )
    sequences: dict[str, int] = {}
    for _ in range(count):
        yield synthetic_row(rng, agencies, kecamatan_ids, sequences)


def synthetic_row(rng, agencies, kecamatan_ids, sequences) -> dict:
    female = rng.random() < 0.5
    birth = date(rng.randint(1966, 1999), rng.randint(1, 12), rng.randint(1, 28))
    pppk = rng.random() < 0.2
    if pppk:
        year = rng.randint(max(birth.year + 19, 2019), 2024)
        prefix = f"{birth:%Y%m%d}{year}{rng.randint(1, 3):02d}{2 if female else 1}"
        grade = rng.choice(PPPK_GRADES)[0]
    else:
        year = rng.randint(birth.year + 19, min(birth.year + 35, 2023))
        prefix = f"{birth:%Y%m%d}{year}{rng.randint(1, 12):02d}{2 if female else 1}"
        grade = rng.choice(PNS_GRADES[4:])[0]
    sequences[prefix] = sequences.get(prefix, 0) + 1
    first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    name = f"{rng.choice(FRONT_TITLES)}{first} {rng.choice(LAST_NAMES)}{rng.choice(BACK_TITLES)}"
    agency_id, agency_kecamatan = rng.choice(agencies)
    position, position_type = rng.choice(POSITIONS)
    return {
        "nip": f"{prefix}{sequences[prefix]:03d}",
        "employment_type": "PPPK" if pppk else "PNS",
        "name": name,
        "sex": "P" if female else "L",
        "birth_date": birth,
        "golongan": grade,
        "position": position,
        "position_type": position_type,
        "agency_id": agency_id,
        "kecamatan_id": agency_kecamatan or rng.choice(kecamatan_ids),
    }


DEMO_CIVIL_SERVANTS = 3000


@transaction.atomic
def seed_demo(log=print) -> None:
    rows = synthetic_civil_servants(DEMO_CIVIL_SERVANTS)
    existing = set(CivilServant.objects.values_list("nip", flat=True))
    new = [CivilServant(**row) for row in rows if row["nip"] not in existing]
    CivilServant.objects.bulk_create(new, batch_size=1000)
    log(f"ASN demo baru: {len(new)}")
