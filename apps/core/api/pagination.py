from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination as BasePageNumberPagination


class PageNumberPagination(BasePageNumberPagination):
    """``page`` and ``page_size`` (up to 200); responses carry ``count``, ``next``, ``previous``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("Halaman tidak ditemukan.")
