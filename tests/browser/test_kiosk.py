"""The kiosk link on a phone (390×844): it answers scans and names, takes a check-in back, opens
nothing else, and keeps checking people in with the network gone — each exactly once."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.training import kiosks
from apps.training.models import Registration, TrainingEvent
from tests.factories import persona
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def door(reference_data):
    clerk = persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    now = timezone.now()
    session = SessionFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))
    people = RegistrationFactory.create_batch(6, session=session)
    token, secret = kiosks.kiosk_open(session=session, actor=clerk, label="Pintu utara")
    return {"clerk": clerk, "session": session, "people": people, "token": token, "secret": secret}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="id-ID", viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context
    context.close()


def _open_kiosk(context, live_server, secret):
    page = context.new_page()
    page.goto(f"{live_server.url}/training/kios/{secret}/")
    page.wait_for_selector("#kiosk[data-loaded='1']")
    return page


def _scan(page, value):
    page.locator("#kiosk-input").fill(value)
    page.locator("#kiosk-input").press("Enter")


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), width


def test_the_kiosk_answers_a_scan_a_name_and_takes_the_last_check_in_back(phone, live_server, door):
    first, second = door["people"][:2]
    page = _open_kiosk(phone, live_server, door["secret"])
    _no_sideways_scroll(page)

    _scan(page, first.code.lower())
    page.wait_for_function("document.querySelector('#kiosk-headline').textContent === 'HADIR'")
    assert page.locator("#kiosk-name").inner_text() == first.name
    assert page.locator("#kiosk").get_attribute("data-last-sound") == "ok"
    page.wait_for_selector("#kiosk[data-waiting='0']")
    page.screenshot(path="/tmp/tr_kiosk_hadir.png", full_page=True)

    _scan(page, first.code)
    page.wait_for_function(
        "document.querySelector('#kiosk-headline').textContent === 'SUDAH HADIR'"
    )
    assert page.locator("#kiosk").get_attribute("data-last-sound") == "warn"
    _scan(page, "ZZZZ9999")
    page.wait_for_function(
        "document.querySelector('#kiosk-headline').textContent === 'TIDAK TERDAFTAR'"
    )
    assert page.locator("#kiosk").get_attribute("data-last-sound") == "bad"

    # A person without their card types part of their name.
    typed = max(second.name.replace(",", " ").split(), key=len)[:5]  # not the "Ir." or "S.Pd."
    page.locator("#kiosk-search").fill(typed)
    match = page.locator("#kiosk-matches button", has_text=second.name)
    page.screenshot(path="/tmp/tr_kiosk_search.png", full_page=True)
    match.click()
    page.wait_for_function("document.querySelector('#kiosk-headline').textContent === 'HADIR'")
    assert page.locator("#kiosk-name").inner_text() == second.name
    page.wait_for_selector("#kiosk[data-waiting='0']")
    picked = Registration.objects.get(pk=second.pk)
    assert picked.attendance_method == "name"
    assert picked.attendance_kiosk_id == door["token"].pk

    # The wrong person was picked: take it back.
    page.get_by_role("button", name="Batalkan check-in ini").click()
    page.wait_for_function("document.querySelector('#kiosk-headline').textContent === 'DIBATALKAN'")
    assert Registration.objects.get(pk=second.pk).attended_at is None
    undone = TrainingEvent.objects.get(action=TrainingEvent.Action.CHECK_IN_UNDONE)
    assert (undone.registration_id, undone.kiosk_id) == (second.pk, door["token"].pk)
    assert Registration.objects.get(pk=first.pk).attended_at is not None
    assert page.locator("#kiosk-present").inner_text() == "1"
    _no_sideways_scroll(page)


def test_a_kiosk_link_opens_nothing_else(phone, live_server, door, reference_data):
    page = _open_kiosk(phone, live_server, door["secret"])
    assert page.locator("a").count() == 0  # no way back to the clerk's pages
    session = door["session"]
    for path in (
        "/training/",
        f"/training/sesi/{session.pk}/",
        f"/training/sesi/{session.pk}/daftar-hadir/",
        f"/training/sesi/{session.pk}/daftar-hadir/unduh/?format=csv",
        f"/training/sesi/{session.pk}/kios/",
    ):
        page.goto(live_server.url + path)
        page.wait_for_url(re.compile(r"/login/"))
    api = phone.request
    for header in (f"Kiosk {door['secret']}", f"Token {door['secret']}"):
        listing = api.get(
            f"{live_server.url}/api/v1/training/sessions/{session.pk}/registrations/",
            headers={"Authorization": header},
        )
        assert listing.status == 401
    other = SessionFactory(starts_at=session.starts_at, ends_at=session.ends_at)
    RegistrationFactory(session=other)
    elsewhere = api.get(f"{live_server.url}/training/kios/{door['secret']}x/data.json")
    assert elsewhere.status == 404
    kiosks.kiosk_close(token=door["token"], actor=door["clerk"])
    assert api.get(f"{live_server.url}/training/kios/{door['secret']}/data.json").status == 404


def test_the_kiosk_checks_people_in_offline_and_syncs_each_exactly_once(phone, live_server, door):
    a, b, c, d = door["people"][:4]
    page = _open_kiosk(phone, live_server, door["secret"])
    page.wait_for_selector("#kiosk[data-offline-ready='1']")

    phone.set_offline(True)
    page.wait_for_function("!navigator.onLine")
    page.wait_for_selector("#kiosk[data-online='0']")
    for person in (a, b, c, d):
        _scan(page, person.code)
        page.wait_for_function("document.querySelector('#kiosk-headline').textContent === 'HADIR'")
    page.wait_for_selector("#kiosk[data-waiting='4']")
    assert "Luring" in page.locator("#kiosk-network").inner_text()
    assert "4 menunggu dikirim" in page.locator("#kiosk-network").inner_text()
    page.screenshot(path="/tmp/tr_kiosk_offline.png", full_page=True)

    # Meanwhile D walked in at the other door, whose kiosk was online.
    other_door = kiosks.kiosk_door(door["token"])
    from apps.training.door import door_check_in, door_open

    at_other = door_open(actor=door["clerk"], session_id=door["session"].pk, code=d.code)
    door_check_in(door=at_other, actor=door["clerk"], code=d.code)
    assert other_door.session.pk == door["session"].pk
    elsewhere = Registration.objects.get(pk=d.pk)

    # The tab is closed and opened again, still without a network.
    page.close()
    page = phone.new_page()
    page.goto(f"{live_server.url}/training/kios/{door['secret']}/")
    page.wait_for_selector("#kiosk[data-waiting='4']")
    assert page.evaluate("navigator.onLine") is False
    assert (
        Registration.objects.filter(session=door["session"], attended_at__isnull=False).count() == 1
    )

    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector("#kiosk[data-waiting='0']")
    conflict = page.locator("#kiosk-conflict-list li")
    conflict.first.wait_for()
    assert conflict.count() == 1
    assert d.name in conflict.inner_text()
    assert "pintu lain" in conflict.inner_text()
    page.screenshot(path="/tmp/tr_kiosk_synced.png", full_page=True)

    present = Registration.objects.filter(session=door["session"], attended_at__isnull=False)
    assert present.count() == 4
    by_kiosk = present.filter(attendance_kiosk=door["token"])
    assert sorted(by_kiosk.values_list("pk", flat=True)) == sorted([a.pk, b.pk, c.pk])
    assert Registration.objects.get(pk=d.pk).attended_at == elsewhere.attended_at
    assert Registration.objects.get(pk=d.pk).attendance_kiosk_id is None
    assert page.locator("#kiosk-present").inner_text() == "4"
    _no_sideways_scroll(page)
