"""Examples of the main case operations for the schema (/api/docs/, generated clients' docs).

Every name, NIK, NIP, number and letter here is synthetic. ``tests/api/test_schema.py`` checks
that each example is valid against the schema of what it illustrates.
"""

from drf_spectacular.utils import OpenApiExample

WITA = "+08:00"

ELECTION = {"code": "pilkada-kukar-2024", "name": "Pemilihan Bupati Kutai Kartanegara 2024"}
KECAMATAN = {"code": "64.02.03", "name": "Loa Janan"}
RESPONDENT = {
    "id": 77,
    "name": "Respondent Sintetis, S.Pd.",
    "nip": "198503142010011001",
    "position": "Guru Ahli Pertama",
    "golongan": "III/b",
    "agency": {"code": "DISDIKBUD", "name": "Dinas Pendidikan dan Kebudayaan"},
    "agency_name": "Dinas Pendidikan dan Kebudayaan",
}
DEADLINES = [
    {
        "name": "decision",
        "label": "Batas waktu keputusan",
        "due_at": f"2024-11-12T23:59:59{WITA}",
        "state": "met",
        "state_display": "terpenuhi",
        "basis": "3 hari kalender sejak laporan diterima — UU 10/2016 Pasal 134 ayat (5)",
        "met_at": f"2024-11-11T10:00:00{WITA}",
    },
    {
        "name": "follow_up",
        "label": "Batas tindak lanjut PPK",
        "due_at": f"2024-11-25T23:59:59{WITA}",
        "state": "ok",
        "state_display": "berjalan",
        "basis": "14 hari kalender sejak rekomendasi diteruskan — SKB Netralitas ASN 2022",
        "met_at": None,
    },
]
CASE_ITEM = {
    "id": 42,
    "number": "012/Reg/LP/PB/Kab/64.02/XI/2024",
    "kind": "laporan",
    "kind_display": "Laporan",
    "status": "forwarded",
    "status_display": "Diteruskan",
    "election": ELECTION,
    "received_at": f"2024-11-09T10:00:00{WITA}",
    "registered_at": f"2024-11-09T12:00:00{WITA}",
    "incident_on": "2024-11-07",
    "kecamatan": KECAMATAN,
    "violation_forms": [
        {"code": "media-sosial", "name": "Unggahan media sosial", "severity": "sedang"}
    ],
    "respondents": [RESPONDENT],
    "deadlines": DEADLINES,
    "updated_at": f"2024-11-11T10:00:00{WITA}",
}

CASE_LIST = OpenApiExample(
    "Kasus yang diteruskan (BKPSDM)",
    value=CASE_ITEM,
    response_only=True,
    status_codes=["200"],
)

CASE_CREATE = OpenApiExample(
    "Laporan dengan pelapor dan dua terlapor",
    value={
        "kind": "laporan",
        "election": "pilkada-kukar-2024",
        "received_at": f"2024-11-09T10:00:00{WITA}",
        "known_on": "2024-11-08",
        "incident_on": "2024-11-07",
        "incident_place": "Grup Facebook warga Loa Janan Ilir",
        "kecamatan": "64.02.03",
        "chronology": "Terlapor mengunggah ajakan memilih salah satu pasangan calon (sintetis).",
        "violation_forms": ["media-sosial"],
        "reporter": {
            "name": "Pelapor Sintetis",
            "nik": "6402031204880003",
            "phone": "0812-5340-0101",
        },
        "respondents": [
            {"nip": "198503142010011001"},
            {"name": "Terlapor Sintetis", "agency": "DINKES", "position": "Staf"},
        ],
        "witnesses": [{"name": "Saksi Sintetis"}],
    },
    request_only=True,
)

TRANSITIONS = [
    OpenApiExample("Registrasi", value={"action": "register"}, request_only=True),
    OpenApiExample(
        "Teruskan kepada BKPSDM",
        value={
            "action": "forward",
            "recipients": ["BKPSDM"],
            "letter_number": "123/PM.00.02/K.KI-02/XI/2024",
            "letter_date": "2024-11-11",
            "recommended_sanction": "sedang",
            "conclusion": "Terbukti melanggar netralitas ASN (sintetis).",
        },
        request_only=True,
    ),
    OpenApiExample(
        "Selesai",
        value={"action": "close", "note": "Semua terlapor telah ditindaklanjuti."},
        request_only=True,
    ),
]

FOLLOW_UPS = [
    OpenApiExample(
        "Dijatuhi sanksi",
        value={
            "respondent": 77,
            "outcome": "sanctioned",
            "sanctions": [
                {
                    "sanction_type": "teguran-tertulis",
                    "decree_number": "800/12/BKPSDM/2024",
                    "decree_date": "2024-12-02",
                }
            ],
        },
        request_only=True,
    ),
    OpenApiExample(
        "Tidak dijatuhi sanksi",
        value={
            "respondent": 77,
            "outcome": "not_sanctioned",
            "reason": "PPK menilai tidak terbukti (sintetis).",
        },
        request_only=True,
    ),
]

CASE_REPORT = OpenApiExample(
    "Per kecamatan",
    value={
        "group_by": "kecamatan",
        "total": 12,
        "groups": [
            {"key": "64.02.03", "label": "Loa Janan", "count": 5},
            {"key": "64.02.06", "label": "Tenggarong", "count": 6},
            {"key": None, "label": "Kecamatan tidak diketahui", "count": 1},
        ],
    },
    response_only=True,
)

DEADLINE_REPORT = OpenApiExample(
    "Kepatuhan batas waktu",
    value={
        "generated_at": f"2024-12-01T08:00:00{WITA}",
        "stages": [
            {
                "stage": "decision",
                "label": "Keputusan",
                "total": 40,
                "on_time": 35,
                "late": 2,
                "open": 3,
                "overdue": 1,
            }
        ],
    },
    response_only=True,
)
