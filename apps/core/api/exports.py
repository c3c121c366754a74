"""``?format=csv`` and ``?format=xlsx`` on every list and report, built on ``apps.core.exports``.

The renderers exist so that DRF's content negotiation accepts the two formats (and the schema
lists them); the rows themselves are streamed by the views: an export takes the same filters as
the JSON list, ignores pagination and includes every row.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_serializer
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from apps.core.api.export_jobs import ExportJobSerializer
from apps.core.api.renderers import JSONRenderer
from apps.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, export_response

EXPORT_FORMATS = ("csv", "xlsx")


class PassThroughRenderer(BaseRenderer):
    """A format a view answers in with its own (streamed) response, never with Response data.

    Views that offer one use :class:`JSONResponsesMixin`, so that any Response they return in
    this format (an error, a POST's result, OPTIONS) is rendered as JSON instead.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise TypeError(f"{type(self).__name__} does not render Response data")


class JSONResponsesMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and isinstance(
            getattr(request, "accepted_renderer", None), PassThroughRenderer
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class CSVRenderer(PassThroughRenderer):
    media_type = CSV_CONTENT_TYPE.split(";")[0]
    format = "csv"
    charset = "utf-8"


class XLSXRenderer(PassThroughRenderer):
    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None


class FileRenderer(PassThroughRenderer):
    """Lets a view that answers with a file accept ``Accept: application/octet-stream``."""

    media_type = "application/octet-stream"
    format = "file"
    charset = None


@dataclass(frozen=True)
class Column:
    """One export column: its header (Bahasa Indonesia) and how to read the cell from a row."""

    header: str
    value: Callable[[Any], Any]


def requested_export_format(request) -> str | None:
    renderer = getattr(request, "accepted_renderer", None)
    fmt = getattr(renderer, "format", None)
    return fmt if fmt in EXPORT_FORMATS else None


def stream_export(export_format: str, name: str, columns: Sequence[Column], rows: Iterable[Any]):
    """A streamed CSV or XLSX response with one line per row, named ``<name>-<YYYYMMDD>``."""
    filename = f"{name}-{timezone.localdate():%Y%m%d}"
    headers = [str(column.header) for column in columns]
    cells = ([column.value(row) for column in columns] for row in rows)
    return export_response(export_format, filename, headers, cells)


class ExportRenderersMixin(JSONResponsesMixin):
    """Adds the CSV and XLSX renderers to a view's renderers.

    Only the list or report (GET) streams a spreadsheet; any other answer of the view (an
    error, a POST's result, OPTIONS) asked for with ``?format=csv`` is plain JSON.
    """

    def get_renderers(self):
        return [*super().get_renderers(), CSVRenderer(), XLSXRenderer()]


class ExportListMixin(ExportRenderersMixin):
    """For list views: ``?format=csv|xlsx`` streams every filtered row instead of one page."""

    export_columns: Sequence[Column] = ()
    export_name = "data"
    export_chunk_size = 2000

    def get_export_queryset(self, queryset):
        """Hook for export-only joins and prefetches."""
        return queryset

    def list(self, request, *args, **kwargs):
        export_format = requested_export_format(request)
        if export_format is None:
            return super().list(request, *args, **kwargs)
        queryset = self.get_export_queryset(self.filter_queryset(self.get_queryset()))
        rows = queryset.iterator(chunk_size=self.export_chunk_size)
        return stream_export(export_format, self.export_name, self.export_columns, rows)


@extend_schema_serializer(many=False)
class ExportJobStartedSerializer(ExportJobSerializer):
    """A large export handed to a background job (``status_url``, later ``download_url``)."""


# For the schema of a list view with AsyncExportMixin: a large export answers 202 with the job.
ASYNC_EXPORT_RESPONSES = {(202, "application/json"): ExportJobStartedSerializer}
