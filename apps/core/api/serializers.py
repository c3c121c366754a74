"""Shared serializer pieces of the API."""


class OutputSerializerMixin:
    """For output serializers: every field is read-only, so the schema marks it as always present.

    Fields that only some users get are listed in ``Meta.optional_fields``; the schema leaves
    them out of ``required`` (see ``apps.core.api.schema.AutoSchema``).
    """

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields
