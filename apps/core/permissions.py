"""Who a user is, in the domain's terms. Selectors and services ask these, never group names."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from apps.core import roles

User = AbstractBaseUser | AnonymousUser


def role_names(user: User) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_netral_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._netral_roles = cached
    return cached


def has_role(user: User, *names: str) -> bool:
    return bool(role_names(user) & set(names))


def is_bawaslu(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, *roles.BAWASLU_ROLES))


def is_coordinator(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, roles.COORDINATOR))


def is_investigator(user: User) -> bool:
    return has_role(user, roles.INVESTIGATOR)


def is_bkpsdm(user: User) -> bool:
    return has_role(user, roles.BKPSDM_OFFICER)


def is_camat_clerk(user: User) -> bool:
    return has_role(user, roles.CAMAT_CLERK)


def clerk_kecamatan_id(user: User) -> int | None:
    """The one kecamatan a camat clerk serves; None for everyone else."""
    if not is_camat_clerk(user):
        return None
    profile = getattr(user, "profile", None)
    return profile.kecamatan_id if profile else None
