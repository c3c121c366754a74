"""Reads of the personnel registry, already filtered to what the user may see (DESIGN §1)."""

from django.db.models import QuerySet

from apps.core import permissions
from apps.personnel.models import CivilServant, PersonnelImport


def civil_servants_visible_to(user) -> QuerySet[CivilServant]:
    """The registry for Bawaslu roles and BKPSDM officers; nothing for anyone else."""
    queryset = CivilServant.objects.select_related("agency", "kecamatan")
    if permissions.is_bawaslu(user) or permissions.is_bkpsdm(user):
        return queryset
    return queryset.none()


def personnel_imports_visible_to(user) -> QuerySet[PersonnelImport]:
    """Superusers and BKPSDM officers see every import; anyone else only the imports they asked
    for."""
    imports = PersonnelImport.objects.select_related("user")
    if not user.is_authenticated:
        return imports.none()
    if user.is_superuser or permissions.is_bkpsdm(user):
        return imports
    return imports.filter(user=user)
