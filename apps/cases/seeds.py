"""Reference data of cases (DESIGN §3): elections, violation forms, sanctions, recipients.

Idempotent: rows are created by code when missing and never overwritten, so an administrator's
edits (a different severity, a renamed recipient) survive every later ``manage.py seed``.
"""

from datetime import date
from importlib import import_module
from importlib.util import find_spec

from django.db import transaction

from apps.cases.models import (
    DayType,
    Election,
    ForwardingRecipient,
    SanctionType,
    Severity,
    ViolationForm,
)

ELECTIONS = [
    {
        "code": "pilkada-kukar-2024",
        "name": "Pemilihan Bupati dan Wakil Bupati Kutai Kartanegara 2024",
        "regime": Election.Regime.PILKADA,
        "election_type_code": "PB",
        "candidates_set_on": date(2024, 9, 22),
        "campaign_starts_on": date(2024, 9, 25),
        "campaign_ends_on": date(2024, 11, 23),
        "voting_on": date(2024, 11, 27),
        "reporting_window_days": 7,
        "reporting_day_type": DayType.CALENDAR,
        "reporting_basis": "UU 10/2016 Pasal 134 ayat (4); Perbawaslu 8/2020 jo. 9/2024",
        "decision_days": 3,
        "decision_day_type": DayType.CALENDAR,
        "decision_clock_anchor": Election.ClockAnchor.RECEIPT,
        "decision_basis": "UU 10/2016 Pasal 134 ayat (5)",
        "extension_days": 2,
        "extension_day_type": DayType.CALENDAR,
        "extension_mode": Election.ExtensionMode.ADDED,
        "extension_basis": "perpanjangan UU 10/2016 Pasal 134 ayat (6)",
        "follow_up_days": 14,
        "follow_up_day_type": DayType.CALENDAR,
        "follow_up_basis": "SKB Netralitas ASN 22 September 2022 (dapat diatur)",
    },
    {
        "code": "pemilu-2024",
        "name": "Pemilihan Umum 2024",
        "regime": Election.Regime.PEMILU,
        "election_type_code": "PL",
        "voting_on": date(2024, 2, 14),
        "reporting_window_days": 7,
        "reporting_day_type": DayType.WORKING,
        "reporting_basis": "UU 7/2017 Pasal 454 ayat (5); Perbawaslu 7/2022",
        "decision_days": 7,
        "decision_day_type": DayType.WORKING,
        "decision_clock_anchor": Election.ClockAnchor.REGISTRATION,
        "decision_basis": "UU 7/2017 Pasal 454 ayat (6); Perbawaslu 7/2022",
        "extension_days": 14,
        "extension_day_type": DayType.WORKING,
        "extension_mode": Election.ExtensionMode.TOTAL,
        "extension_basis": "perpanjangan UU 7/2017 Pasal 454 ayat (7)",
        "follow_up_days": 14,
        "follow_up_day_type": DayType.CALENDAR,
        "follow_up_basis": "SKB Netralitas ASN 22 September 2022 (dapat diatur)",
    },
]

# SKB of five ministries/agencies on ASN neutrality, 22 September 2022.
VIOLATION_FORMS = [
    (
        "alat-peraga",
        "Memasang spanduk/baliho/alat peraga lainnya terkait bakal calon",
        Severity.HEAVY,
        "",
    ),
    (
        "media-sosial",
        "Sosialisasi/kampanye bakal calon di media sosial atau daring",
        Severity.HEAVY,
        "",
    ),
    (
        "reaksi-media-sosial",
        "Memberikan tanda suka, komentar, membagikan, atau mengikuti akun kampanye calon",
        Severity.ETHICS,
        "",
    ),
    (
        "pendekatan-partai",
        "Melakukan pendekatan ke partai politik sebagai bakal calon",
        Severity.MEDIUM,
        "",
    ),
    (
        "hadir-dukungan-aktif",
        "Menghadiri deklarasi/kampanye calon dan memberikan dukungan secara aktif",
        Severity.HEAVY,
        "",
    ),
    (
        "hadir-tanpa-dukungan",
        "Menghadiri deklarasi/kampanye calon tanpa memberikan dukungan secara aktif",
        Severity.ETHICS,
        "",
    ),
    (
        "anggota-partai",
        "Menjadi anggota atau pengurus partai politik",
        Severity.DISMISSAL,
        "Diberhentikan tidak dengan hormat.",
    ),
    (
        "foto-bersama",
        "Berfoto bersama calon atau dengan simbol keberpihakan (tangan, gerakan)",
        Severity.ETHICS,
        "",
    ),
    (
        "pertemuan-ajakan-pemberian",
        "Mengadakan kegiatan yang mengarah pada keberpihakan: pertemuan, ajakan, imbauan, seruan, "
        "atau pemberian barang",
        Severity.HEAVY,
        "",
    ),
    (
        "kampanye-atribut",
        "Ikut kampanye dengan atribut partai atau atribut ASN",
        Severity.MEDIUM,
        "",
    ),
    ("mobilisasi-asn", "Mengerahkan ASN lain untuk ikut kampanye", Severity.HEAVY, ""),
    ("fasilitas-negara", "Menggunakan fasilitas negara untuk kampanye", Severity.HEAVY, ""),
    (
        "keputusan-menguntungkan",
        "Membuat keputusan/tindakan yang menguntungkan atau merugikan calon",
        Severity.HEAVY,
        "Dapat juga merupakan tindak pidana (UU 10/2016 Pasal 71 dan 188): ditangani bersama "
        "kepolisian dan kejaksaan di Sentra Gakkumdu.",
    ),
    (
        "surat-dukungan-ktp",
        "Memberikan surat dukungan disertai fotokopi KTP",
        Severity.MEDIUM,
        "Kategori bawaan dapat disesuaikan.",
    ),
    (
        "mencalonkan-tanpa-mundur",
        "Mencalonkan diri tanpa mengundurkan diri sebagai ASN",
        Severity.DISMISSAL,
        "",
    ),
]

SANCTION_TYPES = [
    ("teguran-lisan", "Teguran lisan", Severity.LIGHT, "PP 94/2021"),
    ("teguran-tertulis", "Teguran tertulis", Severity.LIGHT, "PP 94/2021"),
    (
        "pernyataan-tidak-puas",
        "Pernyataan tidak puas secara tertulis",
        Severity.LIGHT,
        "PP 94/2021",
    ),
    (
        "potong-tukin-6",
        "Pemotongan tunjangan kinerja 25% selama 6 bulan",
        Severity.MEDIUM,
        "PP 94/2021",
    ),
    (
        "potong-tukin-9",
        "Pemotongan tunjangan kinerja 25% selama 9 bulan",
        Severity.MEDIUM,
        "PP 94/2021",
    ),
    (
        "potong-tukin-12",
        "Pemotongan tunjangan kinerja 25% selama 12 bulan",
        Severity.MEDIUM,
        "PP 94/2021",
    ),
    (
        "penurunan-jabatan",
        "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
        Severity.HEAVY,
        "PP 94/2021",
    ),
    (
        "pembebasan-jabatan",
        "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
        Severity.HEAVY,
        "PP 94/2021",
    ),
    (
        "pemberhentian-hormat",
        "Pemberhentian dengan hormat tidak atas permintaan sendiri",
        Severity.HEAVY,
        "PP 94/2021",
    ),
    ("moral-tertutup", "Sanksi moral: pernyataan secara tertutup", Severity.ETHICS, "PP 42/2004"),
    ("moral-terbuka", "Sanksi moral: pernyataan secara terbuka", Severity.ETHICS, "PP 42/2004"),
    (
        "pppk-disiplin",
        "PPPK: hukuman disiplin sebagaimana PNS",
        Severity.MEDIUM,
        "PP 49/2018",
    ),
    (
        "pppk-pemutusan",
        "PPPK: pemutusan hubungan perjanjian kerja",
        Severity.DISMISSAL,
        "PP 49/2018",
    ),
    (
        "pemberhentian-tidak-hormat",
        "Pemberhentian tidak dengan hormat (anggota/pengurus partai politik)",
        Severity.DISMISSAL,
        "UU 20/2023 tentang ASN",
    ),
    (SanctionType.NONE_CODE, "Tidak dijatuhi sanksi", "", ""),
]

RECIPIENTS = [
    ("bkn-wasdal", "BKN — Deputi Bidang Pengawasan dan Pengendalian", True),
    ("ppk-bupati-kukar", "PPK: Bupati Kutai Kartanegara", False),
    ("bkpsdm-kukar", "BKPSDM Kabupaten Kutai Kartanegara (tembusan)", False),
]


def _create_missing(model, rows: list[dict]) -> int:
    created = 0
    for row in rows:
        code = row.pop("code")
        _obj, was_created = model.objects.get_or_create(code=code, defaults=row)
        row["code"] = code
        created += was_created
    return created


@transaction.atomic
def seed_elections() -> int:
    return _create_missing(Election, [dict(row) for row in ELECTIONS])


@transaction.atomic
def seed_violation_forms() -> int:
    rows = [
        {"code": code, "name": name, "default_severity": severity, "note": note, "position": i}
        for i, (code, name, severity, note) in enumerate(VIOLATION_FORMS, start=1)
    ]
    return _create_missing(ViolationForm, rows)


@transaction.atomic
def seed_sanction_types() -> int:
    rows = [
        {"code": code, "name": name, "category": category, "regulation": regulation, "position": i}
        for i, (code, name, category, regulation) in enumerate(SANCTION_TYPES, start=1)
    ]
    return _create_missing(SanctionType, rows)


@transaction.atomic
def seed_recipients() -> int:
    rows = [
        {"code": code, "name": name, "is_default": default, "position": i}
        for i, (code, name, default) in enumerate(RECIPIENTS, start=1)
    ]
    return _create_missing(ForwardingRecipient, rows)


def seed_reference(log=print) -> None:
    log(f"pemilihan baru: {seed_elections()}")
    log(f"bentuk pelanggaran baru: {seed_violation_forms()}")
    log(f"jenis sanksi baru: {seed_sanction_types()}")
    log(f"penerima rekomendasi baru: {seed_recipients()}")


def seed_demo(log=print) -> None:
    """Demo cases come from ``apps.cases.demo`` (written with the admin) when it exists."""
    if find_spec("apps.cases.demo") is None:
        log("kasus demo: modul apps.cases.demo belum ada, dilewati")
        return
    import_module("apps.cases.demo").seed_demo_cases(log)
