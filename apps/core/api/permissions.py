"""Who may call which API endpoint, by role (DESIGN §1). Objects are scoped by selectors.

These checks answer 403 for a role that has no business with an endpoint at all (a camat clerk
asking for cases or the personnel registry). Which objects a permitted user sees is decided by the
selectors, and what they may do to one object by the services.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from apps.cases import policy
from apps.core import permissions


class _RolePermission(BasePermission):
    message = _("Peran Anda tidak berwenang mengakses data ini.")

    def allows(self, user) -> bool:
        """Deny unless a subclass names who is allowed."""
        return False

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and self.allows(request.user))


class IsBawaslu(_RolePermission):
    """Who may log a case: the case policy's ``create`` (Bawaslu roles, superusers)."""

    message = _("Hanya petugas Bawaslu yang dapat melakukan tindakan ini.")

    def allows(self, user) -> bool:
        return policy.may(user, "create")


class CanReadCases(_RolePermission):
    """Roles that may see some case (the case policy's ``view``: Bawaslu roles, BKPSDM); which
    cases and what they may do to them is the policy's call per case."""

    message = _("Peran Anda tidak berwenang mengakses data kasus.")

    def allows(self, user) -> bool:
        return policy.may(user, "view")


class CanReadPersonnel(_RolePermission):
    """The personnel registry: Bawaslu roles (to identify respondents) and BKPSDM."""

    message = _("Peran Anda tidak berwenang mengakses data kepegawaian.")

    def allows(self, user) -> bool:
        return permissions.is_bawaslu(user) or permissions.is_bkpsdm(user)


class CanManagePersonnel(_RolePermission):
    """Imports into the personnel registry: BKPSDM officers (and superusers)."""

    message = _("Hanya petugas BKPSDM yang dapat memperbarui data kepegawaian.")

    def allows(self, user) -> bool:
        return user.is_superuser or permissions.is_bkpsdm(user)
