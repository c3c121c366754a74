"""Settings shared by every environment. Values come from the environment (django-environ).

Netral's own settings, the facts an office configures (``NETRAL_*``: registers, evidence, imports,
sessions, documents, public services), are in ``_netral``, imported at the end.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ._env import BASE_DIR, VAR_DIR, env

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
    "apps.core.session_activity.SessionActivityMiddleware",
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


def database_settings(database: dict) -> dict:
    """The options every Netral connection gets, on the database ``DATABASE_URL`` names (used by
    ``production`` too, which insists on it)."""
    database["ATOMIC_REQUESTS"] = False
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL and a busy timeout let the dev server and an eager task write without "database
        # is locked".
        options.update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            }
        )
    elif database["ENGINE"].startswith("django.db.backends.postgresql") and env.bool(
        "NETRAL_PG_JIT_OFF", default=True
    ):
        # No JIT compilation: it pays off only for long analytical queries, and on the report and
        # home pages' aggregates (tens to hundreds of ms) compiling cost more than it saved.
        # Behind PgBouncer, which refuses the "options" startup parameter unless
        # ignore_startup_parameters lists it, set NETRAL_PG_JIT_OFF=False and use
        # ALTER ROLE … SET jit = off instead.
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


DATABASES = {
    "default": database_settings(
        env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'netral.sqlite3'}")
    ),
}
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
# The inactivity is counted by apps.core.session_activity, which extends a signed-in session at
# most once per this many seconds (Django's SESSION_SAVE_EVERY_REQUEST wrote it on every request).
NETRAL_SESSION_REFRESH_SECONDS = env.int("NETRAL_SESSION_REFRESH_SECONDS", default=60)

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

# Who changed which reference data, when, old -> new (django-auditlog). Cases have their own
# timeline (CaseEvent); this covers the tables the case rules are read from, and the registry's
# edits in the admin (its imports write in bulk and are recorded as PersonnelImport).
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "cases.Election"},
    {"model": "cases.ViolationForm"},
    {"model": "cases.SanctionType"},
    {"model": "cases.ForwardingRecipient", "m2m_fields": ()},
    {"model": "cases.Holiday"},
    {"model": "personnel.Agency"},
    {"model": "personnel.Region"},
    {"model": "personnel.CivilServant", "exclude_fields": ["created_at", "updated_at"]},
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

from ._netral import *  # noqa: E402, F403
