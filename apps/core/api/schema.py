"""OpenAPI generation: every operation documents the error responses it can give, in the one
error shape, and spreadsheet exports are documented as files."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from apps.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

# Spreadsheet exports are files (no JSON Schema); and the schema module must not import the API
# views' modules (DEFAULT_SCHEMA_CLASS is imported while they load).
EXPORT_MEDIA_TYPES = frozenset({CSV_CONTENT_TYPE.split(";")[0], XLSX_CONTENT_TYPE})

ERROR_DESCRIPTIONS = {
    400: _("Data atau parameter tidak valid; `fields` menyebut setiap kesalahan."),
    401: _("Belum terautentikasi: kirim `Authorization: Token <kunci>` atau masuk dengan sesi."),
    403: _("Peran Anda tidak berwenang melakukan tindakan ini."),
    404: _("Data tidak ditemukan atau di luar cakupan Anda."),
    409: _("Tindakan tidak dapat dilakukan pada status data saat ini."),
    415: _("Jenis isi permintaan tidak didukung."),
}


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text=_("Kode status HTTP."))
    code = serializers.CharField(help_text=_("Kode kesalahan yang tetap, mis. `invalid`."))
    message = serializers.CharField(help_text=_("Pesan untuk manusia, dalam Bahasa Indonesia."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Pesan per isian (`non_field_errors` untuk yang tidak terkait isian)."),
    )


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the API."""

    error = ErrorDetailSerializer()


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema with the error responses each operation can return.

    A view adds codes beyond the usual ones with ``schema_error_codes = (409,)``.
    """

    def _error_codes(self, operation_has_query: bool) -> set[int]:
        codes = set(getattr(self.view, "schema_error_codes", ()))
        if not all(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            codes |= {401, 403}
        has_body = self.method in ("POST", "PUT", "PATCH")
        if has_body:
            codes |= {400, 415}
        if operation_has_query:
            codes |= {400, 404}
        if "{" in self.path:
            codes.add(404)
        return codes

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        responses = operation["responses"]
        for code in sorted(self._error_codes(has_query)):
            responses.setdefault(str(code), self._error_response(code))
        return operation

    def _error_response(self, code: int) -> dict:
        response = self._get_response_for_code(
            ErrorSerializer, str(code), ("application/json",), "response"
        )
        response["description"] = str(ERROR_DESCRIPTIONS.get(code, ""))
        return response

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        optional = set(getattr(getattr(serializer, "Meta", None), "optional_fields", ()))
        if optional and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in optional]
            if not schema["required"]:
                del schema["required"]
        return schema

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        for media_type in response.get("content", {}):
            if media_type in EXPORT_MEDIA_TYPES:
                response["content"][media_type] = {"schema": {"type": "string", "format": "binary"}}
        return response


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """``Authorization: Token <key>`` (apps.core.api.authentication): the Authorize button of
    /api/docs/ takes the whole value, ``Token ntl_…``."""

    target_class = "apps.core.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token"
        )
