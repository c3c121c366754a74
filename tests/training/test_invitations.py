"""Invitations (issue 19, item 8): a printable card per participant with their QR code and the
session's date, time and place; by e-mail where an address is known, through a Celery task after
the commit, each sent once."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.training import invitations, services
from apps.training.models import Registration, TrainingEvent
from apps.training.tasks import send_invitations
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

VILLAGE_HEAD = {
    "name": "Hasanuddin",
    "participant_type": "kepala_desa",
    "institution": "Desa Batuah",
    "phone": "0812-5500-1122",
}


def test_the_printable_invitations_carry_each_qr_and_the_when_and_where(client, clerk_loajanan):
    session = SessionFactory()
    people = RegistrationFactory.create_batch(2, session=session)
    client.force_login(clerk_loajanan)
    page = client.get(reverse("training:invitations", args=[session.pk])).content.decode()
    for person in people:
        assert person.name in page and person.code in page
    assert page.count("<svg") == 2
    assert "Jumat, 22 November 2024" in page and "09.00–12.00 WITA" in page.replace(":", ".")
    assert session.venue in page
    one = client.get(
        reverse("training:invitations", args=[session.pk]), {"peserta": people[0].pk}
    ).content.decode()
    assert people[0].code in one and people[1].code not in one


def test_invitations_go_by_email_after_the_commit_once_each(
    client, clerk_loajanan, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    with_address, _ = services.registration_add(
        session=session, actor=clerk_loajanan, email="kades.batuah@example.org", **VILLAGE_HEAD
    )
    RegistrationFactory(session=session)  # no address: printed only
    client.force_login(clerk_loajanan)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("training:invitations", args=[session.pk]))
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["kades.batuah@example.org"]]
    message = mail.outbox[0]
    assert session.title in message.subject
    assert with_address.code in message.body and "WITA" in message.body
    assert message.attachments[0][2] == "image/png"
    assert Registration.objects.get(pk=with_address.pk).invitation_sent_at is not None
    assert TrainingEvent.objects.filter(action=TrainingEvent.Action.INVITATIONS_SENT).exists()
    send_invitations.apply(args=[[with_address.pk]])  # the task delivered twice
    assert len(mail.outbox) == 1


def test_a_failed_send_gives_its_claim_back(clerk_loajanan, monkeypatch):
    session = SessionFactory()
    registration, _ = services.registration_add(
        session=session, actor=clerk_loajanan, email="kades@example.org", **VILLAGE_HEAD
    )

    def refuse(self, *args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(ConnectionError):
        invitations.invitation_send_one(registration.pk)
    assert Registration.objects.get(pk=registration.pk).invitation_sent_at is None


def test_a_bad_email_address_is_a_field_error(clerk_loajanan):
    from apps.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        services.registration_add(
            session=SessionFactory(), actor=clerk_loajanan, email="bukan-alamat", **VILLAGE_HEAD
        )
    assert "email" in refused.value.fields
