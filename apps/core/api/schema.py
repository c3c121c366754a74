"""OpenAPI generation: every operation documents the error responses it can give, in the one
error shape, and spreadsheet exports are documented as files of their own operations.

The schema is written for generated clients (``tests/api/test_generated_client.py`` generates
one with openapi-python-client and drives it): a list answers JSON only, its CSV/XLSX is the
``…/export/`` operation beside it; report filters are declared; query enums refer to the named
response enums; every file response also offers ``application/octet-stream``, which generators
read as bytes.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from apps.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

# Spreadsheet exports are files (no JSON Schema); and the schema module must not import the API
# views' modules (DEFAULT_SCHEMA_CLASS is imported while they load).
EXPORT_MEDIA_TYPES = frozenset({CSV_CONTENT_TYPE.split(";")[0], XLSX_CONTENT_TYPE})

ERROR_DESCRIPTIONS = {
    400: _("Data atau parameter tidak valid; `fields` menyebut setiap kesalahan."),
    401: _(
        "Belum terautentikasi: kirim `Authorization: Bearer <kunci>` (atau `Token <kunci>`) "
        "atau masuk dengan sesi."
    ),
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

    def _is_export(self) -> bool:
        return getattr(self.view, "export_operation", False)

    def map_renderers(self, attribute):
        # A list's CSV/XLSX is its export operation's answer, not one of the list's media types.
        mapped = super().map_renderers(attribute)
        if self._is_export():
            return mapped
        from apps.core.api.exports import PassThroughRenderer

        files = {
            getattr(r, attribute).split(";")[0]
            for r in self.view.get_renderers()
            if isinstance(r, PassThroughRenderer)
        }
        return [value for value in mapped if value not in files]

    def get_filter_backends(self):
        # Reports (``schema_filters = True``) and exports are not lists but take their filters.
        takes_filters = getattr(self.view, "schema_filters", False) or self._is_export()
        if takes_filters and self.method == "GET":
            return getattr(self.view, "filter_backends", [])
        return super().get_filter_backends()

    def _get_pagination_parameters(self):
        return [] if self._is_export() else super()._get_pagination_parameters()

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
    """``Authorization: Bearer <key>`` (``Token <key>`` is accepted too; see
    apps.core.api.authentication), declared as HTTP bearer so that generated clients and the
    Authorize button of /api/docs/ send the right header from the key alone."""

    target_class = "apps.core.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "ntl_<64 hex>",
            "description": str(
                _(
                    "Kunci token API (`ntl_` dan 64 karakter heksadesimal): "
                    "`Authorization: Bearer <kunci>` atau `Authorization: Token <kunci>`."
                )
            ),
        }


# --- post-processing for generated clients ---------------------------------------------------

BINARY = {"type": "string", "format": "binary"}
OCTET_STREAM = "application/octet-stream"


def _query_enum_refs(components: dict) -> dict[frozenset, str]:
    refs = {}
    for name, schema in components.items():
        values = schema.get("enum")
        if values and schema.get("type") == "string":
            refs.setdefault(frozenset(values), f"#/components/schemas/{name}")
    return refs


def _named_enum(schema: dict, refs: dict) -> dict:
    """A query parameter's inline enum: the component enum of the same values when there is one
    (no duplicate type in a client), without the field's Indonesian ``title`` (clients name a
    type after it)."""
    schema.pop("title", None)
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        schema["items"] = _named_enum(schema["items"], refs)
        return schema
    values = schema.get("enum")
    ref = refs.get(frozenset(values)) if values else None
    if ref is None:
        return schema
    named = {"$ref": ref}
    if "default" in schema:
        named["default"] = schema["default"]
    return named


def _unambiguous(schema):
    """``oneOf`` of a formatted string or a blank one (an e-mail field that may be empty: ""
    matches both) becomes one plain string; and a 3.0 ``nullable`` left by a library becomes
    3.1's ``null`` type."""
    if isinstance(schema, dict):
        if schema.pop("nullable", False) and isinstance(schema.get("type"), str):
            schema["type"] = [schema["type"], "null"]
        alternatives = schema.get("oneOf")
        if alternatives and all(
            isinstance(a, dict) and a.get("type") == "string" for a in alternatives
        ):
            del schema["oneOf"]
            formats = [a["format"] for a in alternatives if "format" in a]
            lengths = [a["maxLength"] for a in alternatives if a.get("maxLength")]
            schema["type"] = "string"
            if lengths:
                schema["maxLength"] = max(lengths)
            if formats:
                schema.setdefault("description", f"Format `{formats[0]}`, atau kosong.")
        for value in schema.values():
            _unambiguous(value)
    elif isinstance(schema, list):
        for value in schema:
            _unambiguous(value)
    return schema


def _files_as_bytes(content: dict) -> dict:
    """A file answer (``format: binary``) also lists ``application/octet-stream`` first: the media
    type generators read as bytes (they skip ``application/pdf``, read ``text/csv`` as text)."""
    if OCTET_STREAM in content or "application/json" in content:
        return content
    if not any(media.get("schema") == BINARY for media in content.values()):
        return content
    return {OCTET_STREAM: {"schema": dict(BINARY)}, **content}


def postprocess_for_clients(result, generator, request, public):
    components = result.get("components", {}).get("schemas", {})
    refs = _query_enum_refs(components)
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and "schema" in parameter:
                    parameter["schema"] = _named_enum(parameter["schema"], refs)
            for response in operation.get("responses", {}).values():
                if "content" in response:
                    response["content"] = _files_as_bytes(response["content"])
    _unambiguous(components)
    return result
