"""Hand-off notifications: the next person to act on a case is told, once, in the transaction
of the service that hands it over (issue 20).

- BKPSDM officers, when a case is forwarded (the PPK's follow-up is theirs to record);
- the coordinators, when the review (kajian) is issued and the case waits for the pleno;
- an investigator, when assigned to a case (only the newly assigned ones).

Each is written by the one service call that makes the change, inside its transaction: a
repeated call that changes nothing (the same assignment, a new version of the kajian) writes
nothing, and a rolled-back one leaves nothing. Nothing here names the reporter or a witness.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from apps.core import roles
from apps.notifications.models import Level, Notification
from apps.notifications.services import Draft, case_link, notifications_create


def _label(case) -> str:
    return case.number or str(case)


def _members(role: str, *, besides=None) -> list:
    users = get_user_model().objects.filter(is_active=True, groups__name=role).distinct()
    if besides is not None:
        users = users.exclude(pk=besides.pk)
    return list(users.order_by("pk"))


def _notify(case, recipients, title: str, body: str) -> list[Notification]:
    link = case_link(case)
    drafts = [
        Draft(
            recipient=user,
            kind=Notification.Kind.HANDOFF,
            level=Level.INFO,
            title=title,
            body=body,
            link=link,
            case=case,
        )
        for user in recipients
    ]
    return notifications_create(drafts=drafts) if drafts else []


def notify_forwarded(*, case, actor) -> list[Notification]:
    """BKPSDM: a proven case was forwarded; the PPK's follow-up is due."""
    due = case.follow_up_due_at
    body = _("Rekomendasi kasus %(case)s (%(election)s) telah diteruskan.") % {
        "case": _label(case),
        "election": case.election.name,
    }
    if due:
        from apps.notifications.watch import wita

        body += " " + _("Batas tindak lanjut PPK: %(due)s.") % {"due": wita(due)}
    return _notify(
        case,
        _members(roles.BKPSDM_OFFICER, besides=actor),
        _("Kasus %(case)s diteruskan: catat tindak lanjut PPK") % {"case": _label(case)},
        body,
    )


def notify_review_done(*, case, actor) -> list[Notification]:
    """Coordinators: the kajian is issued; the case waits for the pleno's decision."""
    return _notify(
        case,
        _members(roles.COORDINATOR, besides=actor),
        _("Kajian kasus %(case)s selesai: menunggu pleno") % {"case": _label(case)},
        _(
            "Kajian kasus %(case)s telah diterbitkan. Putuskan dalam rapat pleno: teruskan "
            "rekomendasi atau hentikan."
        )
        % {"case": _label(case)},
    )


def notify_assigned(*, case, investigators, actor) -> list[Notification]:
    """Investigators newly assigned to a case."""
    recipients = [u for u in investigators if u.is_active and u.pk != actor.pk]
    return _notify(
        case,
        recipients,
        _("Anda ditugaskan menangani kasus %(case)s") % {"case": _label(case)},
        _("Anda ditugaskan sebagai investigator kasus %(case)s (%(status)s).")
        % {"case": _label(case), "status": case.get_status_display()},
    )
