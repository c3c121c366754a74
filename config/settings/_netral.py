"""Netral's own settings (DESIGN: facts marked configurable), imported by ``base``: the office
code and register numbers, evidence uploads, deadlines, retention, notifications, the registry and
participant imports, socialisation sessions, official documents and the public services.
"""

from pathlib import Path

from ._env import BASE_DIR, env

# Bawaslu's own office code used in register numbers.
NETRAL_OFFICE_CODE = env("NETRAL_OFFICE_CODE", default="64.02")
# One register sequence per year for Pilkada and Pemilu together (True), or one per election
# kind (False, the default): offices differ in practice.
NETRAL_REGISTER_SHARED_SEQUENCE = env.bool("NETRAL_REGISTER_SHARED_SEQUENCE", default=False)
NETRAL_DEMO_PASSWORD = env("NETRAL_DEMO_PASSWORD", default="")
# Evidence uploads (DESIGN §5): the real type is detected from the content; anything not listed
# here, or larger than the limit, is refused. Images are re-encoded without EXIF/GPS.
NETRAL_EVIDENCE_ALLOWED_TYPES = env.list(
    "NETRAL_EVIDENCE_ALLOWED_TYPES",
    default=[
        "image/jpeg",
        "image/png",
        "image/webp",
        "video/mp4",
        "video/quicktime",
        "video/3gpp",
        "application/pdf",
    ],
)
NETRAL_EVIDENCE_MAX_BYTES = env.int("NETRAL_EVIDENCE_MAX_BYTES", default=50 * 1024 * 1024)
# Register numbers (DESIGN §2); template fields: seq, kind_code, election_code, office_code,
# month_roman, month, year. Checked at startup (system check cases.E001).
NETRAL_REGISTER_NUMBER_TEMPLATE = env(
    "NETRAL_REGISTER_NUMBER_TEMPLATE",
    default="{seq:03d}/Reg/{kind_code}/{election_code}/Kab/{office_code}/{month_roman}/{year}",
)
# A deadline is "due soon" when less than this many hours are left.
NETRAL_DEADLINE_DUE_SOON_HOURS = env.int("NETRAL_DEADLINE_DUE_SOON_HOURS", default=24)
# /healthz asks the workers for a ping at most this often (seconds); the answer is cached between.
NETRAL_HEALTH_WORKER_CACHE_SECONDS = env.int("NETRAL_HEALTH_WORKER_CACHE_SECONDS", default=30)
# How often beat runs the deadline scan (minutes; a divisor of 60). Beat also scans once at start.
NETRAL_DEADLINE_SCAN_MINUTES = env.int("NETRAL_DEADLINE_SCAN_MINUTES", default=15)
# Categories of Indonesian holidays (holidays package) that are not working days; cuti bersama
# ("government") is added per date in the admin unless listed here.
NETRAL_HOLIDAY_CATEGORIES = env.list("NETRAL_HOLIDAY_CATEGORIES", default=["public"])

# Retention of personal data (UU 27/2022; apps.core.retention): days after a case ended (closed,
# not registered, dismissed) or a session ended before its reporter's or witnesses' identity or
# its participants' phone numbers are pseudonymised by the daily job. Statistics stay intact.
NETRAL_RETENTION_DAYS = {
    "reporters": env.int("NETRAL_RETENTION_REPORTER_DAYS", default=5 * 365),
    "witnesses": env.int("NETRAL_RETENTION_WITNESS_DAYS", default=5 * 365),
    "participant_phones": env.int("NETRAL_RETENTION_PARTICIPANT_PHONE_DAYS", default=2 * 365),
}

# Notifications (apps.notifications): in-app always; these channels send a copy. A channel is a
# class with `name`, `recipient_address(user)` and `send(notification, address)`.
NETRAL_NOTIFICATION_CHANNELS = env.list(
    "NETRAL_NOTIFICATION_CHANNELS", default=["apps.notifications.channels.EmailChannel"]
)
# Exports with more rows than this run as a background job (apps.core.export_jobs).
NETRAL_EXPORT_ASYNC_ROWS = env.int("NETRAL_EXPORT_ASYNC_ROWS", default=5000)
# Personnel registry import: rows written per transaction, and the largest file accepted.
NETRAL_IMPORT_BATCH_SIZE = env.int("NETRAL_IMPORT_BATCH_SIZE", default=5000)
NETRAL_IMPORT_MAX_UPLOAD_MB = env.int("NETRAL_IMPORT_MAX_UPLOAD_MB", default=200)
# An XLSX is a zip: its contents once unpacked, and its distinct texts (which openpyxl holds in
# memory), are capped so that a small file cannot take a worker's memory.
NETRAL_IMPORT_MAX_UNPACKED_MB = env.int("NETRAL_IMPORT_MAX_UNPACKED_MB", default=2048)
NETRAL_IMPORT_MAX_SHARED_STRINGS = env.int("NETRAL_IMPORT_MAX_SHARED_STRINGS", default=5_000_000)

# Socialisation sessions (apps.training). Attendance (a kiosk's queued time, a paper list's time)
# must fall within the session's start and end widened by this grace.
NETRAL_TRAINING_ATTENDANCE_GRACE_MINUTES = env.int(
    "NETRAL_TRAINING_ATTENDANCE_GRACE_MINUTES", default=120
)
# The check-in's statements are prepared once per PostgreSQL connection (issue 22); False behind
# a pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
NETRAL_DOOR_PREPARED_STATEMENTS = env.bool("NETRAL_DOOR_PREPARED_STATEMENTS", default=True)
# How far back a clerk may date a session or a pledge outside a session (a coordinator: any date).
NETRAL_TRAINING_BACKDATE_DAYS = env.int("NETRAL_TRAINING_BACKDATE_DAYS", default=30)
# A kiosk link stays valid this long after the session ends (and never longer than a day ahead).
NETRAL_TRAINING_KIOSK_HOURS_AFTER_END = env.int("NETRAL_TRAINING_KIOSK_HOURS_AFTER_END", default=6)
# NIP look-ups by one user (the preview while registering), shared by every process via the cache.
NETRAL_TRAINING_NIP_LOOKUP_RATE = env("NETRAL_TRAINING_NIP_LOOKUP_RATE", default="30/min")
# Participant lists: largest upload, most rows (blank ones count), distinct texts of an XLSX,
# bytes once unpacked, longest CSV field, and seconds of reading before the import gives up.
NETRAL_TRAINING_IMPORT_MAX_BYTES = env.int("NETRAL_TRAINING_IMPORT_MAX_BYTES", default=5 * 2**20)
NETRAL_TRAINING_IMPORT_MAX_ROWS = env.int("NETRAL_TRAINING_IMPORT_MAX_ROWS", default=5000)
NETRAL_TRAINING_IMPORT_MAX_SHARED_STRINGS = env.int(
    "NETRAL_TRAINING_IMPORT_MAX_SHARED_STRINGS", default=50_000
)
NETRAL_TRAINING_IMPORT_MAX_UNPACKED_BYTES = env.int(
    "NETRAL_TRAINING_IMPORT_MAX_UNPACKED_BYTES", default=50 * 2**20
)
NETRAL_TRAINING_IMPORT_SECONDS = env.int("NETRAL_TRAINING_IMPORT_SECONDS", default=120)
# Pledge scans: largest file and most pixels of an image (a PNG of 13000×13000 is 518 KB but
# 1.4 GB once decoded).
NETRAL_TRAINING_PLEDGE_MAX_BYTES = env.int("NETRAL_TRAINING_PLEDGE_MAX_BYTES", default=10 * 2**20)
NETRAL_TRAINING_PLEDGE_MAX_PIXELS = env.int("NETRAL_TRAINING_PLEDGE_MAX_PIXELS", default=40_000_000)

# --- Official documents (apps.documents, docs/documents.md) ---
# The Typst templates (.typ files an office may edit); point this at a copy to change them.
NETRAL_DOCUMENT_TEMPLATE_DIR = Path(
    env(
        "NETRAL_DOCUMENT_TEMPLATE_DIR",
        default=str(BASE_DIR / "templates" / "documents" / "pdf"),
    )
)
# The letterheads (kop surat): Bawaslu's for case documents, the camat office's for session
# documents ({kecamatan} is the session's kecamatan). Synthetic defaults: set the real ones.
NETRAL_LETTERHEADS = env.json(
    "NETRAL_LETTERHEADS",
    default={
        "bawaslu": {
            "parent": "BADAN PENGAWAS PEMILIHAN UMUM",
            "office_name": "BAWASLU KABUPATEN KUTAI KARTANEGARA",
            "address": "Jl. Contoh Pengawasan No. 1, Tenggarong, Kutai Kartanegara, "
            "Kalimantan Timur 75500",
            "contact": "Telepon (0541) 000000 · Surel pengaduan@bawaslu-kukar.invalid",
            "city": "Tenggarong",
        },
        "kecamatan": {
            "parent": "PEMERINTAH KABUPATEN KUTAI KARTANEGARA",
            "office_name": "KECAMATAN {kecamatan}",
            "address": "Kantor Camat {kecamatan}, Kabupaten Kutai Kartanegara, Kalimantan Timur",
            "contact": "",
            "city": "{kecamatan}",
        },
    },
)
# Who signs each document type (name, NIP, position); "default" for the types not listed. An
# empty name leaves a line to write it by hand. Synthetic defaults: set the real ones.
NETRAL_DOCUMENT_SIGNATORIES = env.json(
    "NETRAL_DOCUMENT_SIGNATORIES",
    default={
        "default": {
            "name": "Fajar Pratama, S.H.",
            "nip": "",
            "position": "Ketua Bawaslu Kabupaten Kutai Kartanegara",
        },
        "receipt": {"name": "", "nip": "", "position": "Petugas Penerima Laporan"},
        "summons": {
            "name": "Nurul Aini Rahmah, S.Sos.",
            "nip": "",
            "position": "Koordinator Divisi Penanganan Pelanggaran",
        },
        "minutes": {
            "name": "Nurul Aini Rahmah, S.Sos.",
            "nip": "",
            "position": "Koordinator Divisi Penanganan Pelanggaran",
        },
        "review": {
            "name": "Nurul Aini Rahmah, S.Sos.",
            "nip": "",
            "position": "Koordinator Divisi Penanganan Pelanggaran",
        },
        "attendance_list": {"name": "", "nip": "", "position": "Camat {kecamatan}"},
        "pledge_forms": {"name": "", "nip": "", "position": "Camat {kecamatan}"},
    },
)
# Letter numbers, without gaps per office, document type and year. Template fields: seq,
# type_code, office_code, month_roman, month, year (checked at startup, documents.E001).
NETRAL_DOCUMENT_NUMBER_TEMPLATE = env(
    "NETRAL_DOCUMENT_NUMBER_TEMPLATE",
    default="{seq:03d}/{type_code}/{office_code}/{month_roman}/{year}",
)
NETRAL_DOCUMENT_TYPE_CODES = env.json(
    "NETRAL_DOCUMENT_TYPE_CODES",
    default={
        "receipt": "TT",
        "status_notice": "PS",
        "status_notice_public": "PENG",
        "summons": "UND",
        "minutes": "BA",
        "review": "KAJ",
        "forwarding_letter": "REK",
        "attendance_list": "DH",
        "pledge_forms": "PI",
    },
)
# The public verification page: requests per address, and the largest PDF it compares.
NETRAL_VERIFY_RATE = env("NETRAL_VERIFY_RATE", default="30/m")
NETRAL_VERIFY_MAX_UPLOAD_BYTES = env.int("NETRAL_VERIFY_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
NETRAL_LETTERHEAD_LOGO_MAX_BYTES = env.int(
    "NETRAL_LETTERHEAD_LOGO_MAX_BYTES", default=2 * 1024 * 1024
)

# --- Public services (apps.public, docs/public.md) ---
# Tracking by code and PIN (/lacak/, /api/v1/public/track/): attempts per client address and per
# tracking code (django-ratelimit rates on the shared cache).
NETRAL_TRACK_RATE_CLIENT = env("NETRAL_TRACK_RATE_CLIENT", default="20/m")
NETRAL_TRACK_RATE_CODE = env("NETRAL_TRACK_RATE_CODE", default="10/h")
# How many days a registration decision stays on the notice board (papan pengumuman).
NETRAL_NOTICE_BOARD_DAYS = env.int("NETRAL_NOTICE_BOARD_DAYS", default=30)
# Open statistics: counts under this are suppressed; how long a computed set is cached.
NETRAL_STATISTICS_THRESHOLD = env.int("NETRAL_STATISTICS_THRESHOLD", default=3)
NETRAL_STATISTICS_CACHE_SECONDS = env.int("NETRAL_STATISTICS_CACHE_SECONDS", default=300)
