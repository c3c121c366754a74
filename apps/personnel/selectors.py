"""Reads of the personnel registry, already narrowed to what the user may see (DESIGN §1)."""

from django.db.models import QuerySet

from apps.core import permissions
from apps.personnel.models import CivilServant


def civil_servants_visible_to(user) -> QuerySet[CivilServant]:
    """The registry for Bawaslu roles and BKPSDM officers; nothing for anyone else."""
    queryset = CivilServant.objects.select_related("agency", "kecamatan")
    if permissions.is_bawaslu(user) or permissions.is_bkpsdm(user):
        return queryset
    return queryset.none()
