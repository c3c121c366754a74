"""The API's filter backend: django-filter's, building only the filters a request names."""

from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field

MAX_ID = 2**63 - 1


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


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 time, converted to UTC before it reaches the database.

    ISO 8601 (and Python) accept offsets up to ±23:59, PostgreSQL only ±15:59: a time such as
    ``0381-10-04T20:38:01-22:09`` is valid input but fails in the database, aborting the request's
    transaction. In UTC every offset is gone; a time that has no UTC equivalent in the supported
    range (year 1 with a positive offset) is a 400 naming the parameter, never a 500.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValidationError(
                _("Waktu di luar rentang yang didukung (tahun 1–9999 dalam UTC)."), code="invalid"
            ) from None


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    """``IsoDateTimeFilter`` comparing in UTC (see ``UTCIsoDateTimeField``)."""

    field_class = UTCIsoDateTimeField


# In the schema an integer with its bounds, so that clients (and schemathesis) send whole ids.
@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """The id of an object: a whole number the database can hold (1 … 2⁶³−1).

    A bare ``NumberFilter`` passes ``?session=1e400`` or a 30-digit number to the database, where
    it overflows (a 500 found by schemathesis); here it is a 400 naming the parameter.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(*args, **kwargs)
