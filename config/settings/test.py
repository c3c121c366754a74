"""Test suite: SQLite in memory unless DATABASE_URL is set; Celery eager unless a broker is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "netral-test-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not env("DATABASE_URL", default=""):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None
WHITENOISE_AUTOREFRESH = True
# Unit tests run tasks in-process even where CI sets REDIS_URL; the real-worker tests
# (tests/services/) start a worker with CELERY_TASK_ALWAYS_EAGER=false and send to it.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# The real-worker tests give each test a queue of its own.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Rate-limit counters start empty in every test process, whatever REDIS_URL says; the
# Redis-marked tests point the cache at Redis themselves (tests/training/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
