"""Large exports as background jobs: created by the API, written by a worker, fetched by the asker.

An API list view that can export (``?format=csv|xlsx``, with ``export_columns``) hands the export
to a job when it has more than ``NETRAL_EXPORT_ASYNC_ROWS`` rows (see ``AsyncExportMixin`` in
``apps.core.api.export_jobs``). The job keeps the view's dotted path and the query parameters; the
worker rebuilds the same view as the requesting user and re-runs its filters, so the file holds
exactly what that user would have seen, written with ``apps.core.exports`` (formula
neutralisation included) into private storage.
"""

import tempfile
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.views import APIView

from apps.core.exports import iter_csv, write_xlsx
from apps.core.models import ExportJob

PROGRESS_EVERY = 1000
IGNORED_PARAMS = ("format", "page", "page_size")


def is_large_export(row_count: int) -> bool:
    """True when an export of ``row_count`` rows should run as a background job."""
    return row_count > settings.NETRAL_EXPORT_ASYNC_ROWS


def export_params(query_params: QueryDict) -> dict[str, list[str]]:
    """The filters of a list request, without the ones that only shape the response."""
    return {k: v for k, v in query_params.lists() if k not in IGNORED_PARAMS}


def export_job_create(
    *,
    source: str,
    params: dict[str, list[str]],
    export_format: str,
    name: str,
    actor,
    total_rows: int | None = None,
) -> ExportJob:
    """Record an export for ``actor`` and send it to a worker once the transaction commits.

    ``source`` is the dotted path of the API view whose filtered rows are exported.
    """
    from apps.core.tasks import run_export

    _load_view(source)  # fail now, not in the worker, when the source is not an export view
    with transaction.atomic():
        job = ExportJob.objects.create(
            requested_by=actor,
            source=source,
            params=params,
            export_format=export_format,
            name=name,
            total_rows=total_rows,
        )
        transaction.on_commit(lambda: run_export.delay(job.pk), robust=True)
    return job


def export_jobs_of(user):
    """The export jobs ``user`` asked for, newest first: nobody sees another user's."""
    if not user.is_authenticated:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(requested_by=user)


def _load_view(source: str) -> type[APIView]:
    view_class = import_string(source)
    if not (isinstance(view_class, type) and issubclass(view_class, APIView)):
        raise TypeError(f"{source} is not an API view")
    if not getattr(view_class, "export_columns", None):
        raise TypeError(f"{source} has no export_columns")
    return view_class


def view_rows(source: str, user, params: dict[str, list[str]]):
    """Headers and rows of the view ``source`` listed for ``user`` with the filters ``params``."""
    view_class = _load_view(source)
    http = HttpRequest()
    http.method = "GET"
    http.GET = QueryDict(urlencode(params, doseq=True))
    request = Request(http, authenticators=())
    request.user = user
    view = view_class()
    view.args, view.kwargs, view.format_kwarg, view.action = (), {}, None, "list"
    view.request, view.headers = request, {}
    queryset = view.filter_queryset(view.get_queryset())
    if hasattr(view, "get_export_queryset"):
        queryset = view.get_export_queryset(queryset)
    columns = view.export_columns
    headers = [str(column.header) for column in columns]
    chunk = getattr(view, "export_chunk_size", 2000)
    rows = (
        [column.value(obj) for column in columns] for obj in queryset.iterator(chunk_size=chunk)
    )
    return headers, rows, queryset


def _claim(job_id: int, now, lease: timedelta) -> bool:
    """Take the job: pending, or running under a lease that expired (its worker died)."""
    return bool(
        ExportJob.objects.filter(pk=job_id)
        .filter(
            Q(status=ExportJob.Status.PENDING)
            | Q(status=ExportJob.Status.RUNNING, lease_until__lt=now)
        )
        .update(
            status=ExportJob.Status.RUNNING,
            started_at=now,
            lease_until=now + lease,
            rows_written=0,
            error="",
        )
    )


class _Progress:
    """Passes rows through, counting them and recording the count every PROGRESS_EVERY rows."""

    def __init__(self, job_id: int, rows: Iterable):
        self.job_id, self.rows, self.count = job_id, rows, 0

    def __iter__(self):
        for row in self.rows:
            yield row
            self.count += 1
            if self.count % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=self.job_id).update(rows_written=self.count)


def export_job_run(*, job_id: int, now=None) -> str:
    """Write the job's file; ``"done"``, or ``"skipped"`` when it is done or another worker has it.

    Safe to run twice: the job is claimed by a conditional update before anything is written,
    and a rerun after a dead worker writes the whole file again.
    """
    now = now or timezone.now()
    lease = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    if not _claim(job_id, now, lease):
        return "skipped"
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    headers, rows, queryset = view_rows(job.source, job.requested_by, job.params)
    total = job.total_rows if job.total_rows is not None else queryset.count()
    ExportJob.objects.filter(pk=job_id).update(total_rows=total)
    with tempfile.TemporaryFile() as handle:
        progress = _Progress(job_id, rows)
        _write(handle, job.export_format, headers, progress)
        handle.seek(0)
        job.file.save(job.filename, File(handle), save=False)
    ExportJob.objects.filter(pk=job_id).update(
        file=job.file.name,
        status=ExportJob.Status.DONE,
        rows_written=progress.count,
        total_rows=progress.count,
        finished_at=timezone.now(),
        lease_until=None,
    )
    _notify_done(job)
    return "done"


def _write(handle, export_format: str, headers, rows) -> None:
    if export_format == ExportJob.Format.XLSX:
        write_xlsx(handle, headers, rows)
        return
    for line in iter_csv(headers, rows):
        handle.write(line.encode("utf-8"))


def export_job_release(*, job_id: int) -> None:
    """Give the job back after a temporary failure, for the retry to claim it at once."""
    ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.PENDING, lease_until=None
    )


def export_job_fail(*, job_id: int, error: str) -> None:
    """Record that the job failed for good (the worker gave up)."""
    ExportJob.objects.filter(pk=job_id).exclude(status=ExportJob.Status.DONE).update(
        status=ExportJob.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def _notify_done(job: ExportJob) -> None:
    from django.urls import reverse

    from apps.notifications.models import Level, Notification
    from apps.notifications.services import Draft, absolute_url, notifications_create

    link = absolute_url(reverse("export-job-download", args=[job.pk]))
    title = _("Ekspor %(name)s siap diunduh") % {"name": job.filename}
    with transaction.atomic():
        notifications_create(
            drafts=[
                Draft(
                    recipient=job.requested_by,
                    kind=Notification.Kind.JOB,
                    level=Level.INFO,
                    title=title,
                    body=_("%(title)s. Unduh di: %(link)s") % {"title": title, "link": link},
                    link=link,
                )
            ]
        )
