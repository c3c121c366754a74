"""Reads of the personnel registry, already filtered to what the user may see."""

from django.db.models import QuerySet

from apps.core import permissions
from apps.personnel.models import PersonnelImport


def personnel_imports_visible_to(user) -> QuerySet[PersonnelImport]:
    """Superusers and BKPSDM officers see every import; anyone else only the imports they asked
    for."""
    imports = PersonnelImport.objects.select_related("user")
    if not user.is_authenticated:
        return imports.none()
    if user.is_superuser or permissions.is_bkpsdm(user):
        return imports
    return imports.filter(user=user)
