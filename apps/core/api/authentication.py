"""API token authentication: ``Authorization: Token <key>`` (or ``Bearer <key>``).

django-rest-knox finds the token by the first characters of the key and compares the SHA-512
digest in constant time, and refuses (and deletes) an expired one. On top of that a token made
before its user's last password change is refused and deleted.
"""

from hmac import compare_digest

from django.utils import timezone
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header

from apps.core.tokens import password_fingerprint

KEYWORDS = (b"token", b"bearer")


class ApiTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        auth = get_authorization_header(request).split()
        if not auth or auth[0].lower() not in KEYWORDS:
            return None
        if len(auth) != 2:
            raise exceptions.AuthenticationFailed(
                _(
                    "Header Authorization tidak valid: gunakan 'Bearer <kunci>' atau 'Token <kunci>'."
                )
            )
        return self.authenticate_credentials(auth[1])

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if not compare_digest(token.password_fingerprint, password_fingerprint(user)):
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("Token dicabut karena sandi penggunanya telah diganti.")
            )
        return user, token

    def _cleanup_token(self, auth_token) -> bool:
        # knox also deletes the user's other expired tokens here, one more query on every
        # request; an expired token is refused whenever it is presented, which is what matters.
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False
