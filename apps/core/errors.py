"""Domain errors raised by services. The API, the admin and the pages translate these one way.

A service never returns an HTTP response; it raises one of these with a message a person can act
on (in Bahasa Indonesia), and, for invalid input, the messages per field.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status_code = 400
    code = "invalid"
    default_message = _("Permintaan tidak dapat diproses.")

    def __init__(self, message=None, *, fields: dict[str, list[str]] | None = None, code=None):
        self.message = str(message or self.default_message)
        self.fields = {key: [str(m) for m in msgs] for key, msgs in (fields or {}).items()}
        if code:
            self.code = code
        super().__init__(self.message)

    def messages(self) -> list[str]:
        """Every message, field messages first prefixed by nothing: for the admin and pages."""
        found = [m for msgs in self.fields.values() for m in msgs]
        return found or [self.message]


class InvalidInput(DomainError):
    status_code = 400
    code = "invalid"
    default_message = _("Data tidak valid.")


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"
    default_message = _("Anda tidak berwenang melakukan tindakan ini.")


class NotFound(DomainError):
    status_code = 404
    code = "not_found"
    default_message = _("Data tidak ditemukan.")


class Conflict(DomainError):
    status_code = 409
    code = "conflict"
    default_message = _("Tindakan tidak dapat dilakukan pada keadaan data saat ini.")
