"""The unread count in the header of every staff page, linking to the user's notifications."""

import re

import pytest
from django.test import Client

from apps.notifications import services
from tests.notifications.test_admin import notify

pytestmark = pytest.mark.django_db
LINK = re.compile(
    r'<a class="unread-notifications" href="/admin/notifications/notification/\?read_at__isempty=1">'
    r"Notifikasi <span[^>]*>(\d+) belum dibaca</span></a>"
)


def unread_shown(user, url: str) -> int | None:
    client = Client()
    client.force_login(user)
    match = LINK.search(client.get(url).content.decode())
    return int(match.group(1)) if match else None


@pytest.mark.parametrize(
    "url", ["/", "/admin/", "/admin/cases/case/", "/laporan/", "/admin/notifications/notification/"]
)
def test_every_staff_page_shows_the_users_unread_count(investigator, other_investigator, url):
    notify(investigator, "Batas keputusan besok")
    notify(investigator, "Batas kajian awal terlewat")
    notify(other_investigator, "Bukan untuk Anda")
    read = notify(investigator, "Sudah dibaca")
    services.notification_mark_read(notification=read, actor=investigator)
    assert unread_shown(investigator, url) == 2


def test_the_link_lists_exactly_the_unread_ones(investigator):
    notify(investigator, "Batas keputusan besok")
    read = notify(investigator, "Sudah dibaca")
    services.notification_mark_read(notification=read, actor=investigator)
    client = Client()
    client.force_login(investigator)
    response = client.get("/admin/notifications/notification/?read_at__isempty=1")
    assert [n.title for n in response.context["cl"].result_list] == ["Batas keputusan besok"]


def test_camat_clerks_pages_carry_no_staff_count(clerk_loajanan):
    assert unread_shown(clerk_loajanan, "/training/") is None
