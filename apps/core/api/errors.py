"""The one error shape of the API.

Every error response is ``{"error": {"status", "code", "message", "fields"}}``: ``fields`` maps a
field name (or ``non_field_errors``) to its messages and is empty when the error is not about
input. Domain errors from services, DRF's own errors and Django's 404/403/ValidationError all
pass through here.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.api.renderers import JSONRenderer
from apps.core.errors import DomainError


def error_body(status_code: int, code: str, message: str, fields=None) -> dict:
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": str(message),
            "fields": fields or {},
        }
    }


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    flat[f"{key}.{sub}"] = msgs
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    for sub, msgs in _flatten(item).items():
                        flat[f"{key}[{index}].{sub}"] = msgs
            else:
                flat[key] = [str(m) for m in (value if isinstance(value, list) else [value])]
        return flat
    if isinstance(detail, list):
        return {"non_field_errors": [str(m) for m in detail]}
    return {"non_field_errors": [str(detail)]}


def _from_django_validation(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for e in errs for m in e.messages]
            for field, errs in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


# Renderers that can carry the error shape; any other (a spreadsheet, a file) falls back to JSON.
ERROR_FORMATS = frozenset({"json", "api"})


def _errors_as_json(request) -> None:
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and renderer.format not in ERROR_FORMATS:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type


def exception_handler(exc, context):
    request = context.get("request")
    if request is not None:
        _errors_as_json(request)
    if isinstance(exc, DomainError):
        body = error_body(exc.status_code, exc.code, exc.message, exc.fields)
        return Response(body, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_from_django_validation(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Data tidak ditemukan."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DataError):
        # Input the database cannot hold (a NUL character, a number out of range): the statement
        # failed and rolled back, so nothing was written; say so instead of a 500.
        exc = exceptions.ValidationError(
            _(
                "Masukan berisi karakter atau nilai yang tidak dapat disimpan (misalnya karakter NUL)."
            )
        )

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            response.status_code, "invalid", _("Data tidak valid."), _flatten(exc.detail)
        )
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = code if isinstance(code, str) else "error"
        body = error_body(response.status_code, code, getattr(exc, "detail", str(exc)))
    response.data = body
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in response:
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    """Django's 404 for URLs outside any API view: the error shape under /api/, HTML elsewhere."""
    if _is_api(request):
        body = error_body(404, "not_found", _("Alamat API tidak ditemukan."))
        return JsonResponse(body, status=404)
    return defaults.page_not_found(request, exception)
