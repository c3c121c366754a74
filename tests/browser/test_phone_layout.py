"""Every page of the camat office on a 390×844 phone: nothing scrolls sideways (issue 19)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.training import attendance, services
from apps.training.models import ParticipantImport
from tests.factories import persona
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# What sticks out on the right, to name it when a page scrolls sideways.
WIDEST = """() => Array.from(document.querySelectorAll('body *'))
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 8).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)"""


@pytest.fixture
def office(reference_data):
    clerk = persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    now = timezone.now()
    session = SessionFactory(
        title="Sosialisasi Netralitas Aparatur Sipil Negara Menjelang Pemilihan Bupati 2024",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        venue="Aula Serbaguna Kantor Kecamatan Loa Janan, Jalan Soekarno-Hatta Km 21",
    )
    people = RegistrationFactory.create_batch(12, session=session)
    attendance.participant_check_in(session=session, actor=clerk, code=people[0].code)
    attendance.attendance_record_paper(
        session=session, actor=clerk, registration_ids=[people[1].pk]
    )
    services.pledge_record(actor=clerk, civil_servant=people[0].civil_servant, session=session)
    job = ParticipantImport.objects.create(
        session=session,
        requested_by=clerk,
        original_filename="daftar-peserta-kecamatan-loa-janan-november.xlsx",
        status=ParticipantImport.Status.DONE,
        rows_done=3,
        outcomes=[
            {"row": 2, "status": "created", "message": "Hasanuddin"},
            {
                "row": 3,
                "status": "error",
                "message": "NIP 198501012010013001: digit ke-15 harus 1 atau 2.",
            },
            {"row": 4, "status": "existing", "message": "Siti Aminah sudah terdaftar."},
        ],
    )
    return {"clerk": clerk, "session": session, "job": job}


def _log_in(page, base_url):
    page.goto(f"{base_url}/login/")
    page.get_by_label("Nama pengguna").fill("camat-loajanan")
    page.get_by_label("Sandi").fill("sandi-rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/training/$"))


def test_no_camat_page_scrolls_sideways_on_a_phone(browser, live_server, office):
    context = browser.new_context(locale="id-ID", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = live_server.url
    _log_in(page, base)
    pk = office["session"].pk
    pages = {
        "sesi": "/training/",
        "sesi-baru": "/training/sesi/baru/",
        "sesi-detail": f"/training/sesi/{pk}/",
        "sesi-ubah": f"/training/sesi/{pk}/ubah/",
        "peserta-tambah": f"/training/sesi/{pk}/peserta/tambah/",
        "peserta-impor": f"/training/sesi/{pk}/peserta/impor/",
        "peserta-impor-hasil": f"/training/sesi/{pk}/peserta/impor/{office['job'].pk}/",
        "daftar-hadir": f"/training/sesi/{pk}/daftar-hadir/",
        "undangan": f"/training/sesi/{pk}/undangan/",
        "kios": f"/training/sesi/{pk}/kios/",
        "kios-tautan": f"/training/sesi/{pk}/kios/tautan/",
        "pakta-sesi": f"/training/sesi/{pk}/pakta/",
        "pakta": "/training/pakta/",
    }
    wide = {}
    try:
        for name, path in pages.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            if name == "kios-tautan":
                page.get_by_role("button", name="Buat tautan kios").click()
                page.locator("#kiosk-link-opened").wait_for()
            page.screenshot(path=f"/tmp/tr_phone_{name}.png", full_page=True)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > page.evaluate("window.innerWidth"):
                wide[name] = (scroll, page.evaluate(WIDEST))
        assert wide == {}
        page.goto(base + f"/training/sesi/{pk}/")
        assert page.locator(".badge.state-running").inner_text() == "Berlangsung"
        links = page.get_by_role("link", name=re.compile("pakta", re.IGNORECASE))
        assert sorted(links.all_inner_texts()) == ["Pakta pada sesi ini", "Semua pakta integritas"]
    finally:
        context.close()
