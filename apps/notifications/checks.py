"""Deploy checks for the Celery settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.compatibility, deploy=True)
def celery_timing(app_configs, **kwargs):
    """Redis redelivers a message not acknowledged within its visibility timeout.

    A task that runs longer, or a retry countdown that waits longer, would be run a second time
    by another worker: both must stay under the timeout.
    """
    if not settings.CELERY_BROKER_URL:
        return []  # eager mode: no broker, nothing is redelivered
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    found = []
    if visibility <= settings.CELERY_TASK_TIME_LIMIT:
        found.append(
            Warning(
                f"CELERY_TASK_TIME_LIMIT ({settings.CELERY_TASK_TIME_LIMIT}s) is not below the "
                f"broker's visibility timeout ({visibility}s).",
                hint="Raise CELERY_VISIBILITY_TIMEOUT or lower CELERY_TASK_TIME_LIMIT.",
                id="netral.W102",
            )
        )
    if visibility <= settings.NETRAL_TASK_MAX_COUNTDOWN:
        found.append(
            Warning(
                f"NETRAL_TASK_MAX_COUNTDOWN ({settings.NETRAL_TASK_MAX_COUNTDOWN}s) is not below "
                f"the broker's visibility timeout ({visibility}s).",
                hint="Lower NETRAL_TASK_MAX_COUNTDOWN or raise CELERY_VISIBILITY_TIMEOUT.",
                id="netral.W103",
            )
        )
    return found
