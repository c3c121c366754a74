"""/api/v1/notifications/: only the user's own, read/unread, mark read."""

import pytest
from rest_framework.test import APIClient

from apps.notifications import services
from apps.notifications.models import Level, Notification
from apps.notifications.services import Draft

pytestmark = pytest.mark.django_db


def notify(user, title="Uji", **kwargs):
    (notification,) = services.notifications_create(
        drafts=[
            Draft(recipient=user, kind="job", level=Level.INFO, title=title, body="Isi.", **kwargs)
        ]
    )
    return notification


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def titles(response):
    return [item["title"] for item in response.json()["results"]]


def test_a_user_lists_only_their_own_notifications(investigator, other_investigator):
    notify(investigator, "milik saya")
    notify(other_investigator, "milik orang lain")
    response = client_for(investigator).get("/api/v1/notifications/")
    assert response.status_code == 200
    assert titles(response) == ["milik saya"]


def test_read_filters_read_and_unread(investigator):
    notify(investigator, "lama")
    services.notification_mark_read(notification=notify(investigator, "dibaca"), actor=investigator)
    client = client_for(investigator)
    assert titles(client.get("/api/v1/notifications/?read=false")) == ["lama"]
    assert titles(client.get("/api/v1/notifications/?read=true")) == ["dibaca"]
    assert len(titles(client.get("/api/v1/notifications/"))) == 2


def test_marking_one_read_twice_keeps_the_first_time(investigator):
    notification = notify(investigator)
    client = client_for(investigator)
    first = client.post(f"/api/v1/notifications/{notification.pk}/read/")
    second = client.post(f"/api/v1/notifications/{notification.pk}/read/")
    assert first.status_code == second.status_code == 200
    assert first.json()["is_read"] is True
    assert first.json()["read_at"] == second.json()["read_at"]


def test_another_users_notification_is_not_found_in_the_error_shape(
    investigator, other_investigator
):
    notification = notify(other_investigator)
    response = client_for(investigator).post(f"/api/v1/notifications/{notification.pk}/read/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    notification.refresh_from_db()
    assert notification.read_at is None


def test_read_all_marks_only_the_users_unread_notifications(investigator, other_investigator):
    notify(investigator), notify(investigator)
    notify(other_investigator)
    response = client_for(investigator).post("/api/v1/notifications/read-all/")
    assert response.json() == {"updated": 2}
    assert Notification.objects.filter(read_at__isnull=True).get().recipient == other_investigator


def test_anonymous_requests_are_refused(db):
    response = APIClient().get("/api/v1/notifications/")
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


def test_the_list_costs_the_same_queries_for_one_or_many_notifications(
    investigator, django_assert_num_queries
):
    notify(investigator)
    client = client_for(investigator)
    with django_assert_num_queries(2):
        client.get("/api/v1/notifications/")
    for _ in range(5):
        notify(investigator)
    with django_assert_num_queries(2):
        client.get("/api/v1/notifications/")
