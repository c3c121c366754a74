"""Delivery of a notification's copies: claimed before sending, retried only when temporary."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.notifications import channels, services, tasks
from apps.notifications.channels import PermanentFailure, TemporaryFailure
from apps.notifications.models import Delivery, Level, Notification
from apps.notifications.services import Draft

pytestmark = pytest.mark.django_db


def draft(user, **kwargs):
    fields = {
        "kind": Notification.Kind.JOB,
        "level": Level.INFO,
        "title": "Uji",
        "body": "Isi uji.",
    }
    return Draft(recipient=user, **{**fields, **kwargs})


@pytest.fixture
def delivery(coordinator):
    (notification,) = services.notifications_create(drafts=[draft(coordinator)])
    return notification.deliveries.get()


class FlakyChannel:
    """Fails with ``error`` the first ``failures`` times, then works."""

    name = "email"

    def __init__(self, error, failures=1):
        self.error, self.failures, self.sent = error, failures, []

    def recipient_address(self, user):
        return user.email

    def send(self, notification, address):
        if self.failures:
            self.failures -= 1
            raise self.error
        self.sent.append(address)


@pytest.fixture
def retries_run_eagerly():
    """Eager retries run in place only when errors are not propagated to the caller."""
    from config.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def use_channel(monkeypatch, channel):
    monkeypatch.setattr(channels, "_load", lambda paths: {channel.name: channel})


def test_a_user_without_an_email_address_gets_the_in_app_notification_only(coordinator):
    coordinator.email = ""
    coordinator.save()
    (notification,) = services.notifications_create(drafts=[draft(coordinator)])
    assert not notification.deliveries.exists()


def test_deliveries_are_sent_only_after_the_transaction_commits(
    coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notifications_create(drafts=[draft(coordinator)])
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_sending_twice_sends_one_email(delivery):
    assert services.delivery_send(delivery_id=delivery.pk) == "sent"
    assert services.delivery_send(delivery_id=delivery.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_delivery_claimed_by_another_worker_is_skipped_until_its_lease_expires(delivery):
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(claimed_until=now + timedelta(minutes=5))
    assert services.delivery_send(delivery_id=delivery.pk, now=now) == "skipped"
    assert services.delivery_send(delivery_id=delivery.pk, now=now + timedelta(minutes=6)) == "sent"
    assert len(mail.outbox) == 1


def test_a_temporary_failure_releases_the_claim_for_a_retry(delivery, monkeypatch):
    channel = FlakyChannel(TemporaryFailure("server down"))
    use_channel(monkeypatch, channel)
    with pytest.raises(TemporaryFailure):
        services.delivery_send(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.claimed_until, delivery.sent_at, delivery.attempts) == (None, None, 1)
    assert services.delivery_send(delivery_id=delivery.pk) == "sent"
    assert channel.sent == ["koordinator@netral.invalid"]


def test_a_permanent_failure_is_recorded_and_not_retried(delivery, monkeypatch):
    use_channel(monkeypatch, FlakyChannel(PermanentFailure("address refused")))
    assert services.delivery_send(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.failed_at is not None
    assert delivery.last_error == "address refused"
    assert services.delivery_send(delivery_id=delivery.pk) == "skipped"


def test_the_task_retries_a_temporary_failure_and_then_sends(
    delivery, monkeypatch, retries_run_eagerly
):
    channel = FlakyChannel(TemporaryFailure("timeout"), failures=2)
    use_channel(monkeypatch, channel)
    tasks.deliver.apply(args=[delivery.pk])
    delivery.refresh_from_db()
    assert delivery.sent_at is not None
    assert delivery.attempts == 3
    assert channel.sent == ["koordinator@netral.invalid"]


def test_the_task_gives_up_after_its_last_retry(delivery, monkeypatch, retries_run_eagerly):
    use_channel(monkeypatch, FlakyChannel(TemporaryFailure("timeout"), failures=99))
    tasks.deliver.apply(args=[delivery.pk])
    delivery.refresh_from_db()
    assert delivery.failed_at is not None
    assert delivery.attempts == tasks.DELIVERY_MAX_RETRIES + 1


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (smtplib.SMTPServerDisconnected("gone"), TemporaryFailure),
        (ConnectionRefusedError(), TemporaryFailure),
        (smtplib.SMTPResponseException(451, b"try later"), TemporaryFailure),
        (smtplib.SMTPResponseException(550, b"no such user"), PermanentFailure),
        (smtplib.SMTPRecipientsRefused({}), PermanentFailure),
    ],
)
def test_email_failures_are_sorted_into_temporary_and_permanent(
    delivery, monkeypatch, error, expected
):
    def refuse(self, fail_silently=False):
        raise error

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(expected):
        channels.EmailChannel().send(delivery.notification, "koordinator@netral.invalid")


def test_lost_deliveries_are_sent_again_by_the_sweep(delivery, monkeypatch):
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    assert tasks.redeliver_pending.apply().get() == 1
    delivery.refresh_from_db()
    assert delivery.sent_at is not None
    assert tasks.redeliver_pending.apply().get() == 0


class SmsChannel:
    name = "sms"
    outbox = []

    def recipient_address(self, user):
        return getattr(getattr(user, "profile", None), "phone", "")

    def send(self, notification, address):
        self.outbox.append((address, notification.title))


def test_a_new_channel_is_a_class_and_a_settings_line(
    coordinator, settings, django_capture_on_commit_callbacks
):
    coordinator.profile.phone = "+6281234500000"
    coordinator.profile.save()
    settings.NETRAL_NOTIFICATION_CHANNELS = [
        "apps.notifications.channels.EmailChannel",
        "tests.notifications.test_delivery.SmsChannel",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = services.notifications_create(drafts=[draft(coordinator, title="Halo")])
    assert sorted(notification.deliveries.values_list("channel", flat=True)) == ["email", "sms"]
    assert SmsChannel.outbox == [("+6281234500000", "Halo")]
    assert len(mail.outbox) == 1
