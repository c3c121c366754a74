"""Export jobs over the API: progress, the download, and the mixin that starts them.

``GET /api/v1/exports/`` lists the signed-in user's export jobs, ``GET /api/v1/exports/{id}/``
shows one with its progress, ``GET /api/v1/exports/{id}/download/`` returns the file. Another
user's job is a 404, whoever they are.
"""

from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core import export_jobs
from apps.core.api.renderers import JSONRenderer
from apps.core.errors import Conflict
from apps.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from apps.core.models import ExportJob

EXPORT_FORMATS = ("csv", "xlsx")


class ExportJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "name",
            "export_format",
            "status",
            "total_rows",
            "rows_written",
            "progress",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "status_url",
            "download_url",
        ]
        read_only_fields = fields

    def get_progress(self, job) -> float | None:
        """Share of the rows written, 0–100."""
        if job.status == ExportJob.Status.DONE:
            return 100.0
        if not job.total_rows:
            return None
        return round(100 * min(job.rows_written, job.total_rows) / job.total_rows, 1)

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_status_url(self, job) -> str:
        return self._absolute(reverse("export-job-detail", args=[job.pk]))

    def get_download_url(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        return self._absolute(reverse("export-job-download", args=[job.pk]))


class ExportJobViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in user's large exports: progress and download."""

    serializer_class = ExportJobSerializer
    filter_backends = []

    def get_queryset(self):
        return export_jobs.export_jobs_of(self.request.user)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The exported file, for the user who asked for it only."""
        job = self.get_object()
        if job.status != ExportJob.Status.DONE or not job.file:
            raise Conflict(_("Ekspor belum selesai; coba lagi setelah statusnya selesai."))
        content_type = XLSX_CONTENT_TYPE if job.export_format == "xlsx" else CSV_CONTENT_TYPE
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.filename,
            content_type=content_type,
        )


def _requested_format(request) -> str | None:
    fmt = getattr(getattr(request, "accepted_renderer", None), "format", None)
    return fmt if fmt in EXPORT_FORMATS else None


class AsyncExportMixin:
    """Put in front of an export-capable list view: a large export becomes a background job.

    When ``?format=csv|xlsx`` asks for more than ``NETRAL_EXPORT_ASYNC_ROWS`` rows, the view
    answers 202 with the job (``status_url``, later ``download_url``) instead of streaming. The
    view needs ``export_columns`` (cells read with ``column.value(obj)``, header
    ``column.header``) and ``export_name``; it is rebuilt in the worker as the requesting user.
    """

    def list(self, request, *args, **kwargs):
        export_format = _requested_format(request)
        if export_format is not None:
            count = self.filter_queryset(self.get_queryset()).count()
            if export_jobs.is_large_export(count):
                return self._start_export_job(request, export_format, count)
        return super().list(request, *args, **kwargs)

    def _start_export_job(self, request, export_format: str, count: int) -> Response:
        job = export_jobs.export_job_create(
            source=f"{type(self).__module__}.{type(self).__qualname__}",
            params=export_jobs.export_params(request.query_params),
            export_format=export_format,
            name=getattr(self, "export_name", "data"),
            actor=request.user,
            total_rows=count,
        )
        # The answer is JSON whatever format was asked for: the file comes later.
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        data = ExportJobSerializer(job, context={"request": request}).data
        return Response(
            data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["status_url"]}
        )
