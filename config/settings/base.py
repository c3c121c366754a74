"""Settings shared by every environment. Values come from the environment (django-environ)."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, found by FORM_RENDERER below
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "auditlog",
    "apps.core",
    "apps.personnel",
    "apps.cases",
    "apps.training",
    "apps.notifications",
    "apps.documents",
    "apps.public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Widgets render through TEMPLATES, so templates/ can fix a widget's markup (the admin's split
# date and time widget gets a <label> per input).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'netral.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and an eager task write without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql") and env.bool(
    "NETRAL_PG_JIT_OFF", default=True
):
    # No JIT compilation: it pays off only for long analytical queries, and on the report and
    # home pages' aggregates (tens to hundreds of ms) compiling cost more than it saved. Behind
    # PgBouncer, which refuses the "options" startup parameter unless ignore_startup_parameters
    # lists it, set NETRAL_PG_JIT_OFF=False and use ALTER ROLE … SET jit = off instead.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# A working day of inactivity ends the session (DESIGN §5: personal data of ASN and reporters).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True

# Repeated failed logins lock the username and the address for a while (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The lockout is keyed on the real client behind the HTTPS proxy (apps.core.client_ip): the
# number of reverse proxies that append to X-Forwarded-For (0: the app is reached directly), and
# optionally the proxies' addresses or networks, the only peers whose header is believed.
NETRAL_PROXY_COUNT = env.int("NETRAL_PROXY_COUNT", default=0)
NETRAL_TRUSTED_PROXIES = env.list("NETRAL_TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "apps.core.client_ip.client_ip"

# Everyone reads Bahasa Indonesia, whatever their browser asks for (no LocaleMiddleware).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
# Times read "12-11-2024 23.59 WITA" everywhere (config/formats/id/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Private files (evidence, uploaded imports, generated exports): never under a public URL,
# served only through views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
MEDIA_URL = None
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.core.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "apps.core.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # JSON bodies only; the views that take an upload name MultiPartParser themselves.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "apps.core.api.filters.FilterBackend",
        "rest_framework.filters.SearchFilter",
        "apps.core.api.ordering.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "apps.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "apps.core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "apps.core.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# API tokens (django-rest-knox, apps.core.tokens): stored as SHA-512 digests, several per user,
# each with a name and an expiry; `Authorization: Token <key>`.
KNOX_TOKEN_MODEL = "core.ApiToken"
# knox's own migrations create its AuthToken table even when KNOX_TOKEN_MODEL swaps the model out;
# that unused table's foreign key to auth_user would then block TRUNCATE (flush) on PostgreSQL.
MIGRATION_MODULES = {"knox": None}
NETRAL_API_TOKEN_DAYS = env.int("NETRAL_API_TOKEN_DAYS", default=90)
NETRAL_API_TOKEN_MAX_DAYS = env.int("NETRAL_API_TOKEN_MAX_DAYS", default=365)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=NETRAL_API_TOKEN_DAYS),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
    # A recognisable prefix lets secret scanners and people tell a Netral key when they see one.
    "TOKEN_PREFIX": "ntl_",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Netral API",
    "DESCRIPTION": "API kasus netralitas ASN Kabupaten Kutai Kartanegara (Bawaslu, BKPSDM).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Deep links put a link inside each operation's summary button (nested controls, WCAG 4.1.2).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # 3.1: a nullable reference is `oneOf: [{$ref}, {type: null}]`, which strict validators and
    # generated clients read right (3.0's `allOf` + `nullable` without a type rejects null).
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.api.schema.postprocess_for_clients",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CaseKindEnum": "apps.cases.models.Case.Kind",
        "CaseStatusEnum": "apps.cases.models.Case.Status",
        "ExportJobStatusEnum": "apps.core.models.ExportJob.Status",
        "SessionStatusEnum": "apps.training.models.Session.Status",
        "EvidenceKindEnum": "apps.cases.models.Evidence.Kind",
        "SeverityEnum": "apps.cases.models.Severity",
        "DeadlineStageEnum": "apps.cases.api.serializers.DEADLINE_STAGES",
        "DecisionOutcomeEnum": "apps.cases.models.FollowUp.Outcome",
        "ObjectionKindEnum": "apps.cases.models.Objection.Kind",
        "ObjectionOutcomeEnum": "apps.cases.models.Objection.Outcome",
        "GakkumduOutcomeEnum": "apps.cases.models.GakkumduReferral.Outcome",
        "GakkumduStageEnum": "apps.cases.models.GakkumduStage.Stage",
        "SanctionStateEnum": "apps.cases.models.Sanction.State",
        "EmploymentEnum": "apps.cases.models.Employment",
        "NotificationLevelEnum": "apps.notifications.models.Level",
        "ClarificationRoleEnum": "apps.cases.models.Clarification.Role",
        "CaseReasonCodeEnum": "apps.cases.models.Case.ReasonCode",
        "DeadlineStateEnum": "apps.cases.deadlines.DeadlineState",
        "CaseReportGroupingEnum": "apps.cases.reports.GROUPINGS",
        "TrainingCoverageGroupingEnum": ["agency", "kecamatan"],
    },
}

# Celery: without a broker configured, tasks run eagerly in the web process (make run).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=30 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=35 * 60)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a message not acknowledged within the visibility timeout: it must exceed the
# hard time limit and every retry countdown (checked by `manage.py check --deploy`).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = None  # no result backend: no nightly backend_cleanup in beat
CELERY_TASK_ACKS_LATE = False
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# The longest countdown any task may ask for when it retries a temporary failure.
NETRAL_TASK_MAX_COUNTDOWN = env.int("NETRAL_TASK_MAX_COUNTDOWN", default=10 * 60)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="netral@localhost")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- Netral domain settings (DESIGN: facts marked configurable) ---
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
# Register numbers (DESIGN §2); placeholders: seq, kind_code, election_code, office_code,
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

# Who changed which reference data, when, old -> new (django-auditlog). Cases have their own
# timeline (CaseEvent); this covers the tables the case rules are read from.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "cases.Election"},
    {"model": "cases.ViolationForm"},
    {"model": "cases.SanctionType"},
    {"model": "cases.ForwardingRecipient", "m2m_fields": ()},
    {"model": "cases.Holiday"},
    {"model": "personnel.Agency"},
)
AUDITLOG_DISABLE_REMOTE_ADDR = True  # it would trust X-Forwarded-For from anyone
AUDITLOG_STORE_JSON_CHANGES = True

# A cache shared by every web process (throttling counters: the NIP look-up, the public
# verification page): CACHE_URL, else Redis when REDIS_URL is set, else this process's memory.
CACHES = {
    "default": env.cache(
        "CACHE_URL", default=env("REDIS_URL", default="") or "locmemcache://netral"
    )
}
RATELIMIT_USE_CACHE = "default"

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
# Letter numbers, without gaps per office, document type and year. Placeholders: seq,
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
