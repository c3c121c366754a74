"""``?ordering=``: one of the fields a list names, ascending or with ``-`` descending.

An unknown field is a 400 in the one error shape (DRF's own filter ignores it silently), and the
schema lists the accepted values as an enum, so a generated client offers exactly those.
A list orders by ``ordering_fields`` when it names them, otherwise only by the fields of its
default ``ordering``.
"""

from django.utils.translation import gettext as _
from rest_framework import filters
from rest_framework.exceptions import ValidationError


def orderable_fields(view) -> list[str]:
    fields = getattr(view, "ordering_fields", None)
    if fields is None or fields == "__all__":
        fields = [name.lstrip("-") for name in getattr(view, "ordering", None) or ()]
    return list(dict.fromkeys(fields))


def ordering_choices(view) -> list[str]:
    return [value for name in orderable_fields(view) for value in (name, f"-{name}")]


class OrderingFilter(filters.OrderingFilter):
    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if not raw:
            return self.get_default_ordering(view)
        terms = [term.strip() for term in raw.split(",")]
        allowed = set(ordering_choices(view))
        unknown = [term for term in terms if term not in allowed]
        if unknown:
            raise ValidationError(
                {
                    self.ordering_param: [
                        _("Urutan tidak dikenal: %(unknown)s. Pilihan: %(choices)s.")
                        % {
                            "unknown": ", ".join(unknown),
                            "choices": ", ".join(ordering_choices(view)) or "-",
                        }
                    ]
                }
            )
        return terms

    def get_schema_operation_parameters(self, view):
        choices = ordering_choices(view)
        if not choices:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": _(
                    "Urutan hasil: nama isian, dengan `-` di depannya untuk urutan menurun. "
                    "Nilai lain ditolak (400)."
                ),
                "schema": {"type": "string", "enum": choices},
            }
        ]
