"""Developer machine and `make run`: SQLite, console e-mail, and a real worker and beat.

Without ``CELERY_BROKER_URL`` (or ``REDIS_URL``) the broker is kombu's filesystem transport under
``var/celery/``: messages are files, so the worker and beat that ``make run`` starts beside the
web server need no Redis, and background work (notifications, exports, imports) goes through a
worker as it does in production. Set ``CELERY_BROKER_URL`` to use Redis instead.
"""

from .base import *  # noqa: F403
from .base import CELERY_BROKER_TRANSPORT_OPTIONS, VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="netral-local-development-key-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
VAR_DIR.mkdir(exist_ok=True)
# Links in notifications and e-mails point at the server `make run` started (HOST, PORT). The
# Makefile passes SITE_URL itself: honcho gives each process of the Procfile a PORT of its own
# (the worker 100 above the web server), and the worker writes the deadline notifications.
SITE_URL = env(
    "SITE_URL", default=f"http://{env('HOST', default='127.0.0.1')}:{env('PORT', default='8000')}"
)

if not env("CELERY_BROKER_URL", default=env("REDIS_URL", default="")):
    CELERY_QUEUE_DIR = VAR_DIR / "celery"
    for folder in ("queue", "control"):
        (CELERY_QUEUE_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
    }
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
