"""``?format=csv`` and ``?format=xlsx`` on every list and report, built on ``apps.core.exports``.

The renderers exist so that DRF's content negotiation accepts the two formats; the rows
themselves are streamed by the views: an export takes the same filters as the JSON list, ignores
pagination and includes every row. In the schema a list answers JSON only; its files are the
operation beside it (``…/export/?format=csv|xlsx``, :class:`ExportOperationMixin`), so that a
generated client reads JSON as JSON and files as bytes. ``?format=`` on the list itself keeps
working.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
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
        renderer = getattr(request, "accepted_renderer", None)
        # No renderer yet: content negotiation itself failed (``?format=`` of no renderer here).
        if isinstance(response, Response) and (
            renderer is None or isinstance(renderer, PassThroughRenderer)
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


class ExportOperationMixin:
    """The ``…/export/`` operation of a list or report (put in front of its view class): the same
    filters and rows as a file, ``?format=csv`` (the default) or ``?format=xlsx``; errors JSON."""

    export_operation = True
    http_method_names = ["get", "head", "options"]

    def get_renderers(self):
        return [CSVRenderer(), XLSXRenderer()]


EXPORT_FORMAT = OpenApiParameter(
    "format",
    str,
    enum=list(EXPORT_FORMATS),
    default="csv",
    description=_("Jenis berkas: `csv` (UTF-8 dengan BOM) atau `xlsx`."),
)


def export_operation(summary, description="", *, background_jobs: bool = False):
    """The schema of an export operation: a file (CSV or XLSX), or — ``background_jobs`` — 202
    with the job when the export is large."""
    responses = {(200, CSVRenderer.media_type): OpenApiTypes.BINARY}
    responses[(200, XLSXRenderer.media_type)] = OpenApiTypes.BINARY
    if background_jobs:
        responses.update(ASYNC_EXPORT_RESPONSES)
    return extend_schema_view(
        get=extend_schema(
            summary=summary,
            description=description,
            parameters=[EXPORT_FORMAT],
            responses=responses,
        )
    )
