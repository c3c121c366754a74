"""The case list for people who triage: sorted by the next deadline, counts beside the filters,
*Terlambat* the same as the home page's count, the pleno filter, and bulk actions."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from apps.cases.models import Case, CaseEvent
from apps.core.formatting import wita
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db
S = Case.Status
CHANGELIST = "/admin/cases/case/"


@pytest.fixture
def triage(investigator):
    now = timezone.now()
    return {
        "late": CaseFactory(status=S.REGISTERED),
        "soon": CaseFactory(status=S.REGISTERED, received_at=now - timedelta(days=2)),
        "later": CaseFactory(status=S.REGISTERED, received_at=now - timedelta(hours=1)),
        "pleno": CaseFactory(
            status=S.REVIEW, received_at=now - timedelta(hours=1), conclusion="Terbukti."
        ),
        "closed": CaseFactory(status=S.CLOSED),
    }


def listed(response) -> list[int]:
    return [case.pk for case in response.context["cl"].result_list]


def test_the_list_sorts_by_the_next_deadline_most_urgent_first(client, coordinator, triage):
    client.force_login(coordinator)
    response = client.get(CHANGELIST, {"o": "2"})  # the second column: the next deadline
    order = listed(response)
    due = [Case.objects.get(pk=pk).next_due_at for pk in order]
    running = [d for d in due if d is not None]
    assert running == sorted(running) and due[len(running) :] == [None] * (len(due) - len(running))
    assert order[0] == triage["late"].pk


def test_terlambat_counts_what_the_home_page_counts(client, coordinator, triage):
    client.force_login(coordinator)
    home = client.get("/").context["counts"]["overdue"]
    response = client.get(CHANGELIST, {"batas": "terlambat"})
    assert len(listed(response)) == home == 1
    assert f"Terlambat ({home})" in response.content.decode()  # the filter's count (facets)


def test_the_pleno_filter_lists_reviews_written_and_waiting(client, coordinator, triage):
    client.force_login(coordinator)
    assert listed(client.get(CHANGELIST, {"tahap": "pleno"})) == [triage["pleno"].pk]


def test_unassigned_means_open_and_unassigned_as_on_the_home_page(
    client, coordinator, investigator, triage
):
    triage["soon"].assigned_investigators.set([investigator])
    client.force_login(coordinator)
    unassigned = set(listed(client.get(CHANGELIST, {"ditugaskan": "belum"})))
    assert unassigned == {triage[k].pk for k in ("late", "later", "pleno")}
    assert client.get("/").context["counts"]["unassigned"] == len(unassigned)


def test_deadlines_read_in_the_one_date_format(client, coordinator, triage):
    client.force_login(coordinator)
    html = client.get(CHANGELIST).content.decode()
    assert wita(triage["late"].next_due_at) in html
    assert wita(triage["late"].next_due_at).endswith(" WITA")


def test_a_coordinator_assigns_investigators_to_the_selection(
    client, coordinator, investigator, triage
):
    chosen = [triage["late"].pk, triage["soon"].pk]
    client.force_login(coordinator)
    form = {"action": "assign_investigators", "_selected_action": chosen}
    page = client.post(CHANGELIST, form)
    assert "Tugaskan investigator ke 2 kasus" in page.content.decode()
    response = client.post(CHANGELIST, {**form, "apply": "1", "investigators": [investigator.pk]})
    assert response.status_code == 302
    for pk in chosen:
        assert list(Case.objects.get(pk=pk).assigned_investigators.all()) == [investigator]
    assert CaseEvent.objects.filter(case_id__in=chosen, action="assign").count() == 2


def test_a_refused_assignment_says_why_and_changes_nothing(client, coordinator, triage):
    client.force_login(coordinator)
    form = {"action": "assign_investigators", "_selected_action": [triage["late"].pk]}
    response = client.post(CHANGELIST, {**form, "apply": "1", "investigators": [coordinator.pk]})
    assert "bukan salah satu dari pilihan yang tersedia" in response.content.decode()
    assert not Case.objects.get(pk=triage["late"].pk).assigned_investigators.exists()


def test_an_investigator_gets_no_assign_action(client, investigator, triage):
    triage["late"].assigned_investigators.set([investigator])
    client.force_login(investigator)
    actions = dict(client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert "assign_investigators" not in actions and "export_csv" in actions


def test_the_selection_exports_with_the_apis_case_columns(client, bkpsdm_officer, triage):
    client.force_login(bkpsdm_officer)
    chosen = [triage["closed"].pk]
    response = client.post(CHANGELIST, {"action": "export_xlsx", "_selected_action": chosen})
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert "Kategori bawaan bentuk pelanggaran" in header
    assert (
        "Rekomendasi sanksi per terlapor" in header and "Sanksi dijatuhkan per terlapor" in header
    )
    assert not any("sanksi" in h.lower() and "kategori" in h.lower() for h in header)
    assert [row[0] for row in rows] == chosen
    imposed = rows[0][header.index("Sanksi dijatuhkan per terlapor")]
    assert "Teguran tertulis" in imposed


def test_the_selection_as_csv(client, coordinator, triage):
    client.force_login(coordinator)
    chosen = [triage["late"].pk, triage["soon"].pk]
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": chosen})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ID,Nomor register")
    assert len(text.splitlines()) == 3
