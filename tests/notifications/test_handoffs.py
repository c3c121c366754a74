"""The next person to act is told once: BKPSDM on forwarding, the coordinator when the kajian
waits for the pleno, an investigator when assigned."""

import pytest

from apps.cases import services
from apps.cases.models import Case
from apps.core.errors import Conflict
from apps.documents.services import case_document_issue
from apps.notifications.models import Notification
from tests.cases.factories import CaseFactory
from tests.cases.policy_drivers import FIELDS
from tests.factories import persona

pytestmark = pytest.mark.django_db
HANDOFF = Notification.Kind.HANDOFF


def handoffs(user):
    return Notification.objects.filter(recipient=user, kind=HANDOFF)


def test_bkpsdm_is_told_once_when_a_case_is_forwarded(coordinator, bkpsdm_officer, settings):
    settings.SITE_URL = "https://netral.bawaslu-kukar.invalid"
    case = CaseFactory(status=Case.Status.REVIEW)
    services.case_transition(
        case_id=case.pk, action="forward", actor=coordinator, fields=FIELDS["forward"]
    )
    (told,) = handoffs(bkpsdm_officer)
    assert case.number in told.title
    assert told.link.startswith("https://netral.bawaslu-kukar.invalid/admin/")
    assert ":8000" not in told.link
    assert "Pelapor Sintetis" not in told.body  # never the reporter
    with pytest.raises(Conflict):  # a second forward is refused, and tells nobody
        services.case_transition(
            case_id=case.pk, action="forward", actor=coordinator, fields=FIELDS["forward"]
        )
    assert handoffs(bkpsdm_officer).count() == 1
    assert not handoffs(coordinator).exists()  # the actor is not told what they did


def test_the_coordinator_is_told_once_when_the_kajian_waits_for_the_pleno(
    coordinator, investigator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    other = persona("bawaslu_coordinator", username="koordinator-2")
    case = CaseFactory(status=Case.Status.REVIEW, assigned_to=[investigator])
    for _ in range(2):  # a corrected version of the kajian tells nobody again
        case_document_issue(
            case_id=case.pk,
            document_type="review",
            actor=investigator,
            fields={"analysis": "Unggahan memenuhi unsur keberpihakan.", "conclusion": "Terbukti."},
        )
    for boss in (coordinator, other):
        (told,) = handoffs(boss)
        assert "menunggu pleno" in told.title
    assert not handoffs(investigator).exists()


def test_an_investigator_is_told_once_when_assigned(coordinator, investigator, other_investigator):
    case = CaseFactory(status=Case.Status.REGISTERED)
    services.case_assign(case=case, investigators=[investigator], actor=coordinator)
    services.case_assign(case=case, investigators=[investigator], actor=coordinator)  # no change
    services.case_assign(
        case=case, investigators=[investigator, other_investigator], actor=coordinator
    )
    assert handoffs(investigator).count() == 1
    assert handoffs(other_investigator).count() == 1
    assert "ditugaskan" in handoffs(investigator).get().title
