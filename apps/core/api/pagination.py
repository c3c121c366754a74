from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination as BasePageNumberPagination


class PageNumberPagination(BasePageNumberPagination):
    """``page`` and ``page_size`` (up to 200); responses carry ``count``, ``next``, ``previous``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("Halaman tidak ditemukan.")

    def get_paginated_response_schema(self, schema):
        # OpenAPI 3.1: null is a type; every key is always present.
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "example": 137},
                "next": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "example": "https://netral.example.go.id/api/v1/cases/?page=3",
                },
                "previous": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "example": "https://netral.example.go.id/api/v1/cases/?page=1",
                },
                "results": schema,
            },
        }
