"""The notifications in the admin: each user their own, a superuser everyone's."""

import pytest
from django.test import Client

from apps.notifications import services
from apps.notifications.models import Level
from apps.notifications.services import Draft

pytestmark = pytest.mark.django_db
URL = "/admin/notifications/notification/"


def notify(user, title):
    (notification,) = services.notifications_create(
        drafts=[Draft(recipient=user, kind="job", level=Level.INFO, title=title, body="Isi.")]
    )
    return notification


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_investigator_sees_only_their_own_notifications_in_the_admin(
    investigator, other_investigator
):
    notify(investigator, "untuk investigator")
    notify(other_investigator, "untuk investigator lain")
    page = admin_client(investigator).get(URL).content.decode()
    assert "untuk investigator" in page
    assert "untuk investigator lain" not in page


def test_another_users_notification_page_is_not_shown(investigator, other_investigator):
    notification = notify(other_investigator, "rahasia")
    response = admin_client(investigator).get(f"{URL}{notification.pk}/change/")
    assert response.status_code == 302  # the admin redirects a missing object to its index
    assert "rahasia" not in response.content.decode()


def test_a_superuser_sees_everyones_notifications(superuser, investigator, bkpsdm_officer):
    notify(investigator, "satu")
    notify(bkpsdm_officer, "dua")
    page = admin_client(superuser).get(URL).content.decode()
    assert "satu" in page and "dua" in page


def test_the_mark_read_action_marks_only_the_users_own(investigator):
    notification = notify(investigator, "tandai")
    response = admin_client(investigator).post(
        URL, {"action": "mark_read", "_selected_action": [notification.pk]}
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_adds_notifications_by_hand(superuser):
    assert admin_client(superuser).get(f"{URL}add/").status_code == 403
