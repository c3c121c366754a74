"""Roles (groups) and the model permissions each one holds (DESIGN §1).

The table is the single source: migrations call :func:`grant_permissions` for their app, so a
fresh database gets the groups and permissions without a manual step.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

COORDINATOR = "bawaslu_coordinator"
INVESTIGATOR = "bawaslu_investigator"
BKPSDM_OFFICER = "bkpsdm_officer"
CAMAT_CLERK = "camat_clerk"

ROLES = (COORDINATOR, INVESTIGATOR, BKPSDM_OFFICER, CAMAT_CLERK)
BAWASLU_ROLES = frozenset({COORDINATOR, INVESTIGATOR})

# app label -> role -> permission codenames ("view_case", "add_case", ...).
ROLE_PERMISSIONS: dict[str, dict[str, list[str]]] = {
    # Failed logins (django-axes): a coordinator lifts a lockout for the people of the office.
    "axes": {COORDINATOR: ["view_accessattempt", "delete_accessattempt"]},
    "personnel": {
        COORDINATOR: ["view_region", "view_agency", "view_civilservant"],
        INVESTIGATOR: ["view_region", "view_agency", "view_civilservant"],
        BKPSDM_OFFICER: [
            "view_region",
            "view_agency",
            "add_agency",
            "change_agency",
            "view_civilservant",
            "add_civilservant",
            "change_civilservant",
            "view_personnelimport",
            "add_personnelimport",
            "view_importrowerror",
        ],
        CAMAT_CLERK: ["view_region"],
    },
    "cases": {
        COORDINATOR: [
            *[
                f"{verb}_{model}"
                for verb in ("view", "add", "change")
                for model in (
                    "case",
                    "reporter",
                    "respondent",
                    "witness",
                    "evidence",
                    "clarification",
                    "forwarding",
                    "holiday",
                    "election",
                    "violationform",
                    "forwardingrecipient",
                )
            ],
            "delete_holiday",
            "view_caseevent",
            "view_followup",
            "view_sanctiontype",
            "view_reporteraccess",
        ],
        INVESTIGATOR: [
            *[
                f"{verb}_{model}"
                for verb in ("view", "add", "change")
                for model in (
                    "case",
                    "reporter",
                    "respondent",
                    "witness",
                    "evidence",
                    "clarification",
                )
            ],
            "view_caseevent",
            "view_forwarding",
            "view_followup",
            "view_election",
            "view_violationform",
            "view_sanctiontype",
            "view_holiday",
            "view_forwardingrecipient",
        ],
        BKPSDM_OFFICER: [
            "view_case",
            "view_respondent",
            "view_evidence",
            "view_clarification",
            "view_forwarding",
            "view_caseevent",
            "view_followup",
            "add_followup",
            "change_followup",
            "view_sanctiontype",
            "view_violationform",
            "view_election",
            "view_forwardingrecipient",
        ],
    },
    "training": {
        COORDINATOR: [
            "view_session",
            "view_speaker",
            "view_registration",
            "view_integritypledge",
        ],
        INVESTIGATOR: [
            "view_session",
            "view_speaker",
            "view_registration",
            "view_integritypledge",
        ],
        BKPSDM_OFFICER: [
            "view_session",
            "view_speaker",
            "view_registration",
            "view_integritypledge",
            "add_integritypledge",
            "change_integritypledge",
        ],
        CAMAT_CLERK: [
            *[
                f"{verb}_{model}"
                for verb in ("view", "add", "change")
                for model in ("session", "speaker", "registration", "integritypledge")
            ],
            "delete_speaker",
        ],
    },
}


def grant_permissions(apps, app_label: str) -> None:
    """Create the roles' groups and give them their permissions on ``app_label``'s models.

    Meant for data migrations (``apps`` is the historical registry); idempotent.
    """
    # Permissions are normally created after all migrations ran; create them now so that
    # groups can be granted them inside this migration.
    create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    for role, codenames in ROLE_PERMISSIONS.get(app_label, {}).items():
        group = Group.objects.get(name=role)
        perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        group.permissions.add(*perms)
