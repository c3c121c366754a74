"""System checks: the letter number template (documents.E001, in ``numbering``), the Typst
templates and the letterhead settings (documents.E002, E003)."""

from django.conf import settings
from django.core import checks

from apps.documents import numbering  # noqa: F401  (registers documents.E001)
from apps.documents.letterhead import LETTERHEAD_FIELDS, default_logo_path
from apps.documents.models import DocumentType, Letterhead
from apps.documents.rendering import template_path


@checks.register("netral")
def check_templates(app_configs=None, **kwargs):
    missing = [template_path(t).name for t in DocumentType.values if not template_path(t).is_file()]
    missing += [
        default_logo_path(kind).name
        for kind in Letterhead.values
        if not default_logo_path(kind).is_file()
    ]
    return [
        checks.Error(
            f"Templat dokumen {name} tidak ada di {settings.NETRAL_DOCUMENT_TEMPLATE_DIR}.",
            hint="NETRAL_DOCUMENT_TEMPLATE_DIR",
            id="documents.E002",
        )
        for name in missing
    ]


@checks.register("netral")
def check_letterheads(app_configs=None, **kwargs):
    configured = getattr(settings, "NETRAL_LETTERHEADS", {})
    return [
        checks.Error(
            f"Kop surat '{kind}' tidak lengkap: isi {', '.join(LETTERHEAD_FIELDS)}.",
            hint="NETRAL_LETTERHEADS",
            id="documents.E003",
        )
        for kind in Letterhead.values
        if not isinstance(configured.get(kind), dict)
        or not str(configured[kind].get("office_name", "")).strip()
    ]
