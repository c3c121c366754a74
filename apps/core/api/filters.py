"""The API's filter backend: django-filter's, building only the filters a request names; and the
filter for an object id."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field

MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An object id: a whole number from 1 to 2^63-1 (a bigger one cannot be a row's id, and
    would overflow the database's integer: a 400 instead of a 500)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("help_text", _("ID (bilangan bulat 1 sampai 2^63-1)."))
        super().__init__(*args, **kwargs)


def named_filters(filterset_class, params) -> dict:
    """The filters of ``filterset_class`` that ``params`` gives a value to (``name`` itself, or
    ``name_<suffix>`` for a filter with several inputs such as a range)."""
    return {
        name: declared
        for name, declared in filterset_class.base_filters.items()
        if any(key == name or key.startswith(f"{name}_") for key in params)
    }


class FilterBackend(DjangoFilterBackend):
    """Filters with only the filters the request names.

    django-filter copies every declared filter and builds a form field for each on every request
    (about 2 ms for the thirteen of the case list, a page of which takes about 20 ms); a filter
    whose parameter is absent filters nothing, so a request pays only for those it uses. The
    browsable API's filter form (``to_html``) still shows them all.
    """

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        filterset = filterset_class.__new__(filterset_class)
        # FilterSet.__init__ copies ``self.base_filters``: an instance attribute narrows it.
        filterset.base_filters = named_filters(filterset_class, request.query_params)
        filterset.__init__(**self.get_filterset_kwargs(request, queryset, view))
        return filterset

    def to_html(self, request, queryset, view):
        return DjangoFilterBackend().to_html(request, queryset, view)
