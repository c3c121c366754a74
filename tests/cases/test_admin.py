"""The investigators' admin: who sees which cases, filters, the action pages, evidence, logs."""

from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from apps.cases.models import (
    Case,
    CaseEvent,
    Clarification,
    Evidence,
    FollowUp,
    Holiday,
    ReporterAccess,
    SanctionType,
)
from apps.personnel.models import Region
from tests.cases.factories import CaseFactory
from tests.factories import CivilServantFactory, agency, kecamatan

S = Case.Status
CHANGELIST = "/admin/cases/case/"


def change_url(case) -> str:
    return reverse("admin:cases_case_change", args=[case.pk])


def action_url(case, action) -> str:
    return reverse("admin:cases_case_action", args=[case.pk, action])


def recent(ago: timedelta, **fields) -> Case:
    """A case received ``ago`` before now, known the day before (within the reporting window)."""
    received = timezone.now() - ago
    known = timezone.localdate(received) - timedelta(days=1)
    return CaseFactory(received_at=received, known_on=known, incident_on=known, **fields)


def listed(response) -> set[int]:
    return {case.pk for case in response.context["cl"].result_list}


@pytest.fixture
def cases(investigator, other_investigator):
    """One case per state assigned to ``investigator`` and one received case of someone else."""
    mine = {status: CaseFactory(status=status, assigned_to=[investigator]) for status in S.values}
    theirs = CaseFactory(status=S.RECEIVED, assigned_to=[other_investigator])
    return mine, theirs


# --- who sees what ------------------------------------------------------------------------------


def test_a_coordinator_sees_every_case(client, coordinator, cases):
    mine, theirs = cases
    client.force_login(coordinator)
    response = client.get(CHANGELIST)
    assert listed(response) == {c.pk for c in mine.values()} | {theirs.pk}


def test_an_investigator_sees_only_the_cases_assigned_to_them(client, investigator, cases):
    mine, theirs = cases
    client.force_login(investigator)
    assert listed(client.get(CHANGELIST)) == {c.pk for c in mine.values()}
    assert client.get(change_url(theirs)).status_code == 404


def test_a_bkpsdm_officer_sees_forwarded_and_closed_cases_only(client, bkpsdm_officer, cases):
    mine, _theirs = cases
    client.force_login(bkpsdm_officer)
    assert listed(client.get(CHANGELIST)) == {mine[S.FORWARDED].pk, mine[S.CLOSED].pk}
    assert client.get(change_url(mine[S.REVIEW])).status_code == 404
    page = client.get(change_url(mine[S.FORWARDED]))
    assert page.status_code == 200
    assert page.context["title"] == "Lihat kasus"  # view only


def test_a_camat_clerk_cannot_open_the_case_admin(client, clerk_loajanan, cases):
    mine, _theirs = cases
    client.force_login(clerk_loajanan)
    for url in (CHANGELIST, change_url(mine[S.FORWARDED]), "/admin/cases/caseevent/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_list_shows_number_status_kind_respondents_kecamatan_and_a_coloured_deadline(
    client, coordinator
):
    overdue = recent(timedelta(days=6), status=S.REVIEW)
    soon = recent(timedelta(days=3), status=S.REGISTERED)
    running = recent(timedelta(hours=2), status=S.RECEIVED)
    client.force_login(coordinator)
    html = client.get(CHANGELIST).content.decode()
    assert overdue.number in html and "Kajian" in html and "Laporan" in html
    assert overdue.respondents.get().name in html and "Loa Janan" in html
    assert html.count('class="deadline deadline-overdue"') == 1
    assert html.count('class="deadline deadline-due_soon"') == 1
    assert html.count('class="deadline deadline-ok"') == 1
    assert f"Laporan #{running.pk} (belum diregistrasi)" in html
    assert soon.number in html


# --- filters and search -------------------------------------------------------------------------


def test_assigned_to_me_lists_only_my_cases(client, coordinator, investigator):
    mine = CaseFactory(assigned_to=[coordinator])
    CaseFactory(assigned_to=[investigator])
    client.force_login(coordinator)
    assert listed(client.get(CHANGELIST, {"ditugaskan": "saya"})) == {mine.pk}


def test_the_overdue_filter_lists_missed_decision_and_follow_up_deadlines(client, coordinator):
    late_decision = recent(timedelta(days=6), status=S.CLARIFICATION)
    late_follow_up = recent(timedelta(days=20), status=S.FORWARDED)
    recent(timedelta(hours=3), status=S.RECEIVED)
    recent(timedelta(days=20), status=S.DISMISSED)
    client.force_login(coordinator)
    assert listed(client.get(CHANGELIST, {"batas": "terlambat"})) == {
        late_decision.pk,
        late_follow_up.pk,
    }


def test_the_due_soon_filter_lists_deadlines_ending_within_a_day(client, coordinator):
    soon = recent(timedelta(days=3), status=S.REGISTERED)
    recent(timedelta(hours=1), status=S.REGISTERED)
    client.force_login(coordinator)
    assert listed(client.get(CHANGELIST, {"batas": "segera"})) == {soon.pk}


def test_cases_are_filtered_by_status_kind_election_kecamatan_form_and_agency(
    client, coordinator, reference_data
):
    tenggarong = kecamatan("64.02.06")
    finding = CaseFactory(kind=Case.Kind.FINDING, status=S.REGISTERED, kecamatan=tenggarong)
    report = CaseFactory()
    report.violation_forms.set([1])
    servant = CivilServantFactory(agency=agency("DINKES"))
    finding.respondents.update(agency=servant.agency)
    client.force_login(coordinator)
    assert listed(client.get(CHANGELIST, {"status__exact": S.REGISTERED})) == {finding.pk}
    assert listed(client.get(CHANGELIST, {"kind__exact": "temuan"})) == {finding.pk}
    assert listed(client.get(CHANGELIST, {"kecamatan__id__exact": tenggarong.pk})) == {finding.pk}
    assert listed(client.get(CHANGELIST, {"violation_forms__id__exact": 1})) == {report.pk}
    assert listed(client.get(CHANGELIST, {"unit_kerja": servant.agency.pk})) == {finding.pk}
    election_id = report.election_id
    assert listed(client.get(CHANGELIST, {"election__id__exact": election_id})) == {
        finding.pk,
        report.pk,
    }


def test_search_finds_a_case_by_number_respondent_name_and_nip(client, coordinator):
    wanted = CaseFactory(status=S.REGISTERED)
    CaseFactory(status=S.REGISTERED)
    respondent = wanted.respondents.get()
    client.force_login(coordinator)
    for term in (wanted.number, respondent.name, respondent.nip):
        assert listed(client.get(CHANGELIST, {"q": term})) == {wanted.pk}, term


# --- the case page ------------------------------------------------------------------------------


def test_the_case_page_shows_people_evidence_deadlines_and_the_timeline(
    client, coordinator, investigator
):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    Clarification.objects.create(
        case=case,
        person_name="Saksi Klarifikasi Sintetis",
        role=Clarification.Role.WITNESS,
        held_at=timezone.now(),
    )
    CaseEvent.objects.create(
        case=case, actor=coordinator, action="register", to_status=S.REGISTERED
    )
    client.force_login(investigator)
    html = client.get(change_url(case)).content.decode()
    assert case.respondents.get().name in html
    assert "Saksi Sintetis 1" in html
    assert "Saksi Klarifikasi Sintetis" in html
    assert case.evidence.get().url in html
    assert "Batas waktu keputusan" in html and "UU 10/2016 Pasal 134 ayat (5)" in html
    assert "Riwayat (tidak dapat diubah)" in html and "Registrasi" in html


def action_button(name: str) -> str:
    return f'name="_action" value="{name}"'


def test_the_buttons_are_exactly_the_actions_the_user_may_take(
    client, coordinator, investigator, day_after_receipt
):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    client.force_login(investigator)
    html = client.get(change_url(case)).content.decode()
    assert action_button("begin_review") in html
    assert action_button("extend") in html
    for other in (
        "register",
        "reject",
        "dismiss",
        "forward",
        "close",
        "begin_clarification",
        "join",
    ):
        assert action_button(other) not in html
    assert action_button("assign") not in html
    client.force_login(coordinator)
    html = client.get(change_url(case)).content.decode()
    assert action_button("begin_review") in html
    assert action_button("assign") in html


def test_a_case_that_cannot_be_changed_offers_its_actions_as_links(client, bkpsdm_officer):
    case = CaseFactory(status=S.FORWARDED)
    client.force_login(bkpsdm_officer)
    html = client.get(change_url(case)).content.decode()
    assert action_url(case, "close") in html
    assert "_action" not in html


def test_pressing_an_action_saves_what_was_typed_then_opens_the_action(client, investigator):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update(incident_place="Aula Kantor Camat Loa Janan", _action="begin_review")
    response = client.post(change_url(case), data)
    assert response.status_code == 302
    assert response["Location"] == action_url(case, "begin_review")
    case.refresh_from_db()
    assert case.incident_place == "Aula Kantor Camat Loa Janan"


def test_pressing_an_action_with_a_refused_edit_keeps_the_page_and_saves_nothing(
    client, investigator
):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update(
        {
            "incident_place": "Aula Kantor Camat Loa Janan",
            "witnesses-2-TOTAL_FORMS": "1",
            "witnesses-2-0-statement": "Saksi tanpa nama",
            "_action": "begin_review",
        }
    )
    response = client.post(change_url(case), data)
    assert response.status_code == 200
    assert "Aula Kantor Camat Loa Janan" in response.content.decode()
    case.refresh_from_db()
    assert case.incident_place != "Aula Kantor Camat Loa Janan"
    assert not CaseEvent.objects.filter(case=case, action="update").exists()


def test_an_action_page_asks_for_the_required_fields_and_calls_the_transition(client, coordinator):
    case = CaseFactory(status=S.REVIEW)
    client.force_login(coordinator)
    form = client.get(action_url(case, "forward")).context["form"]
    assert {"recipients", "letter_number", "letter_date", "recommended_sanction"} <= set(
        form.fields
    )
    assert form.fields["letter_number"].required and not form.fields["note"].required
    recipient = form.fields["recipients"].queryset.get(code="bkn-wasdal")
    response = client.post(
        action_url(case, "forward"),
        {
            "recipients": [recipient.pk],
            "letter_number": "007/PP.01.02/K.KT-05/XI/2024",
            "letter_date": timezone.localdate().strftime("%d/%m/%Y"),
            "recommended_sanction": "berat",
        },
    )
    assert response.status_code == 302 and response["Location"] == change_url(case)
    case.refresh_from_db()
    assert case.status == S.FORWARDED
    assert case.forwarding.letter_number == "007/PP.01.02/K.KT-05/XI/2024"
    assert CaseEvent.objects.filter(case=case, action="forward", actor=coordinator).exists()


def test_unmet_requirements_are_shown_as_messages_not_a_traceback(client, coordinator):
    case = CaseFactory(evidence=0, witnesses=0, reporter__nik="")
    client.force_login(coordinator)
    response = client.post(action_url(case, "register"), {"note": ""})
    assert response.status_code == 200
    text = [str(m) for m in response.context["messages"]]
    assert any("NIK pelapor belum diisi" in m for m in text)
    assert any("belum ada alat bukti atau saksi" in m for m in text)
    case.refresh_from_db()
    assert case.status == S.RECEIVED


def test_a_missing_required_field_stays_beside_the_field(client, coordinator):
    case = CaseFactory()
    client.force_login(coordinator)
    response = client.post(action_url(case, "reject"), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert Case.objects.get(pk=case.pk).status == S.RECEIVED


def test_an_action_the_user_may_not_take_is_refused_with_a_message(client, investigator):
    case = CaseFactory(status=S.REVIEW, assigned_to=[investigator])
    client.force_login(investigator)
    response = client.post(action_url(case, "forward"), {"letter_number": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == change_url(case)
    assert any("hanya dapat dilakukan oleh" in str(m) for m in response.context["messages"])
    assert Case.objects.get(pk=case.pk).status == S.REVIEW


def test_an_action_in_the_wrong_state_is_refused_with_a_message(client, coordinator):
    case = CaseFactory(status=S.CLOSED)
    client.force_login(coordinator)
    response = client.get(action_url(case, "register"), follow=True)
    assert any(
        "tidak dapat dilakukan pada kasus berstatus" in str(m) for m in response.context["messages"]
    )


def test_an_action_on_a_case_the_user_cannot_see_is_not_found(client, other_investigator):
    case = CaseFactory(status=S.REGISTERED)
    client.force_login(other_investigator)
    assert client.get(action_url(case, "begin_clarification")).status_code == 404
    assert client.get(action_url(CaseFactory(), "no_such_action")).status_code == 404


def test_the_coordinator_assigns_investigators(
    client, coordinator, investigator, other_investigator
):
    case = CaseFactory()
    client.force_login(coordinator)
    url = reverse("admin:cases_case_assign", args=[case.pk])
    response = client.post(url, {"investigators": [investigator.pk, other_investigator.pk]})
    assert response.status_code == 302
    assert set(case.assigned_investigators.all()) == {investigator, other_investigator}
    assert CaseEvent.objects.filter(case=case, action="assign").exists()


def test_an_investigator_cannot_assign(client, investigator):
    case = CaseFactory(assigned_to=[investigator])
    client.force_login(investigator)
    response = client.get(reverse("admin:cases_case_assign", args=[case.pk]), follow=True)
    assert response.redirect_chain[-1][0] == change_url(case)
    assert "hanya dapat dilakukan oleh: koordinator, administrator." in response.content.decode()


def test_details_are_edited_while_pending_and_frozen_once_decided(client, investigator):
    pending = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    decided = CaseFactory(status=S.DISMISSED, assigned_to=[investigator])
    client.force_login(investigator)
    assert client.get(change_url(pending)).context["title"] == "Ubah kasus"
    assert client.get(change_url(decided)).context["title"] == "Lihat kasus"
    assert client.post(change_url(decided), {}).status_code == 403


def test_no_one_deletes_a_case(client, superuser):
    case = CaseFactory()
    client.force_login(superuser)
    assert client.get(reverse("admin:cases_case_delete", args=[case.pk])).status_code == 403


# --- evidence through the admin -----------------------------------------------------------------


def case_form_data(client, case) -> dict:
    """The case page's form as the browser would post it back unchanged."""
    response = client.get(change_url(case))
    data = {}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for form in formset.formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value not in (None, "") and name != "DELETE":
                    data[form.add_prefix(name)] = value
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if name == "violation_forms":
            data[name] = [str(v) for v in value]
        elif isinstance(value, datetime):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = f"{local:%d/%m/%Y}", f"{local:%H:%M:%S}"
        elif isinstance(value, date):
            data[name] = value.strftime("%d/%m/%Y")
        else:
            data[name] = value
    return data


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (16, 8), "blue")
    exif = image.getexif()
    exif.get_ifd(0x8825)[1] = "S"
    out = BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_evidence_uploaded_in_the_admin_goes_through_the_service(
    client, investigator, private_media
):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator], evidence=0)
    client.force_login(investigator)
    data = case_form_data(client, case)
    prefix = "evidence-2"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-kind": "photo",
            f"{prefix}-0-description": "Foto spanduk",
            f"{prefix}-0-upload": SimpleUploadedFile("spanduk.jpg", jpeg_with_gps()),
        }
    )
    response = client.post(change_url(case), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    evidence = Evidence.objects.get(case=case)
    assert evidence.content_type == "image/jpeg" and len(evidence.sha256) == 64
    assert evidence.uploaded_by == investigator
    assert CaseEvent.objects.filter(case=case, action="evidence_added").exists()


def test_a_refused_upload_is_shown_beside_the_field(client, investigator, private_media):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator], evidence=0)
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update(
        {
            "evidence-2-TOTAL_FORMS": "1",
            "evidence-2-0-kind": "document",
            "evidence-2-0-upload": SimpleUploadedFile("program.pdf", b"MZ\x90\x00" + b"\0" * 64),
        }
    )
    response = client.post(change_url(case), data)
    assert response.status_code == 200
    assert "tidak diizinkan" in response.content.decode()
    assert not Evidence.objects.filter(case=case).exists()


def test_a_link_is_added_with_its_capture_time(client, investigator):
    case = CaseFactory(status=S.REGISTERED, assigned_to=[investigator], evidence=0)
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update(
        {
            "evidence-2-TOTAL_FORMS": "1",
            "evidence-2-0-kind": "link",
            "evidence-2-0-url": "https://www.instagram.com/p/sintetis/",
            "evidence-2-0-captured_at_0": "20/11/2024",
            "evidence-2-0-captured_at_1": "10:15",
        }
    )
    assert client.post(change_url(case), data).status_code == 302
    evidence = Evidence.objects.get(case=case)
    assert evidence.kind == "link"
    assert timezone.localtime(evidence.captured_at).hour == 10


# --- follow-up and close by BKPSDM ----------------------------------------------------------------


def test_bkpsdm_records_the_follow_up_per_respondent_and_closes(client, bkpsdm_officer):
    case = CaseFactory(status=S.FORWARDED)
    respondent = case.respondents.get()
    client.force_login(bkpsdm_officer)
    page = client.get(change_url(case)).content.decode()
    url = reverse("admin:cases_case_decision", args=[case.pk, respondent.pk])
    assert url in page and action_url(case, "close") in page
    cut = SanctionType.objects.get(code="potong-tukin-6")
    moral = SanctionType.objects.get(code="moral-tertutup")
    response = client.post(
        url,
        {
            "outcome": "sanctioned",
            "sanction_type_1": cut.pk,
            "decree_number_1": "800.1.6/77/BKPSDM/2024",
            "decree_date_1": "20/11/2024",
            "effective_from_1": "01/12/2024",
            "effective_until_1": "31/05/2025",
            "sanction_type_2": moral.pk,
            "decree_number_2": "800.1.6/78/BKPSDM/2024",
            "decree_date_2": "20/11/2024",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert FollowUp.objects.get(respondent=respondent).outcome == "sanctioned"
    assert {s.sanction_type for s in respondent.sanctions.all()} == {cut, moral}
    assert client.post(action_url(case, "close"), {}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == S.CLOSED


def test_a_sanction_without_a_decree_is_refused_beside_the_fields(client, bkpsdm_officer):
    case = CaseFactory(status=S.FORWARDED)
    respondent = case.respondents.get()
    client.force_login(bkpsdm_officer)
    url = reverse("admin:cases_case_decision", args=[case.pk, respondent.pk])
    sanction = SanctionType.objects.get(code="teguran-lisan")
    response = client.post(url, {"outcome": "sanctioned", "sanction_type_1": sanction.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["decree_number_1"] == [
        "Nomor keputusan sanksi wajib diisi."
    ]
    assert not FollowUp.objects.filter(respondent=respondent).exists()


def test_an_investigator_does_not_record_follow_ups(client, investigator):
    case = CaseFactory(status=S.FORWARDED, assigned_to=[investigator])
    client.force_login(investigator)
    url = reverse("admin:cases_case_decision", args=[case.pk, case.respondents.get().pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == change_url(case)
    assert "hanya dapat dilakukan oleh: koordinator, petugas BKPSDM, administrator." in (
        response.content.decode()
    )


# --- intake ---------------------------------------------------------------------------------------


def test_a_new_report_is_logged_through_case_create(client, investigator):
    servant = CivilServantFactory()
    client.force_login(investigator)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        "/admin/cases/case/add/",
        {
            "kind": "laporan",
            "election": client.get("/admin/cases/case/add/")
            .context["form"]
            .fields["election"]
            .queryset.get(code="pilkada-kukar-2024")
            .pk,
            "received_at_0": yesterday.strftime("%d/%m/%Y"),
            "received_at_1": "10:05",
            "known_on": (yesterday - timedelta(days=1)).strftime("%d/%m/%Y"),
            "incident_place": "Pasar Tenggarong",
            "chronology": "Terlapor membagikan stiker pasangan calon.",
            "reporter-name": "Pelapor Uji Sintetis",
            "reporter-nik": "6402031204900001",
            "respondents-TOTAL_FORMS": "3",
            "respondents-INITIAL_FORMS": "0",
            "respondents-0-nip": servant.nip,
            "witnesses-TOTAL_FORMS": "2",
            "witnesses-INITIAL_FORMS": "0",
        },
    )
    case = Case.objects.get(chronology="Terlapor membagikan stiker pasangan calon.")
    assert response.status_code == 302 and response["Location"] == change_url(case)
    assert case.reporter.nik == "6402031204900001"
    assert case.respondents.get().civil_servant == servant
    assert investigator in case.assigned_investigators.all()
    assert CaseEvent.objects.filter(case=case, action="create").exists()


def test_intake_errors_from_the_service_land_on_the_right_fields(client, investigator):
    client.force_login(investigator)
    election = (
        client.get("/admin/cases/case/add/").context["form"].fields["election"].queryset.first()
    )
    response = client.post(
        "/admin/cases/case/add/",
        {
            "kind": "laporan",
            "election": election.pk,
            "received_at_0": (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y"),
            "received_at_1": "10:01",
            "known_on": (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y"),
            "reporter-name": "Pelapor Uji",
            "reporter-nik": "6402031399900001",
            "respondents-TOTAL_FORMS": "1",
            "respondents-INITIAL_FORMS": "0",
            "respondents-0-nip": "123",
            "witnesses-TOTAL_FORMS": "0",
            "witnesses-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "NIK" in str(response.context["reporter_form"].errors["nik"])
    assert response.context["respondents"].forms[0].errors["nip"]
    assert not Case.objects.exists()


def test_bkpsdm_cannot_log_a_case(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    assert client.get("/admin/cases/case/add/").status_code == 403


# --- the event log and the reporter access log --------------------------------------------------


def test_the_event_log_cannot_be_added_changed_or_deleted_even_by_a_superuser(client, superuser):
    case = CaseFactory()
    event = CaseEvent.objects.create(
        case=case, actor=superuser, action="create", to_status="received"
    )
    client.force_login(superuser)
    base = "/admin/cases/caseevent/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.get(f"{base}{event.pk}/change/").context["title"] == "Lihat riwayat kasus"
    assert client.post(f"{base}{event.pk}/change/", {"note": "diubah"}).status_code == 403
    assert client.post(f"{base}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert CaseEvent.objects.get(pk=event.pk).note == ""


def test_the_event_log_shows_only_events_of_visible_cases(client, investigator):
    visible = CaseFactory(assigned_to=[investigator])
    hidden = CaseFactory()
    for case in (visible, hidden):
        CaseEvent.objects.create(case=case, action="create", to_status="received")
    client.force_login(investigator)
    shown = {e.case_id for e in client.get("/admin/cases/caseevent/").context["cl"].result_list}
    assert shown == {visible.pk}
    CaseEvent.objects.create(
        case=visible, action="register", from_status="received", to_status="registered"
    )
    choices = client.get("/admin/cases/caseevent/").context["cl"].filter_specs[0].lookup_choices
    assert sorted(code for code, _label in choices) == ["create", "register"]
    response = client.get("/admin/cases/caseevent/", {"tindakan": "register"})
    assert [e.action for e in response.context["cl"].result_list] == ["register"]
    html = response.content.decode()
    assert "Diterima → Diregistrasi" in html and "Registrasi" in html


def test_reporter_accesses_are_read_only_and_for_coordinators(client, coordinator, investigator):
    case = CaseFactory(assigned_to=[investigator])
    client.force_login(investigator)
    client.get(change_url(case))
    access = ReporterAccess.objects.get(case=case, user=investigator)
    assert client.get("/admin/cases/reporteraccess/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/admin/cases/reporteraccess/").status_code == 200
    url = f"/admin/cases/reporteraccess/{access.pk}/change/"
    assert client.post(url, {"channel": "x"}).status_code == 403
    assert client.get("/admin/cases/reporteraccess/add/").status_code == 403


# --- reference data -----------------------------------------------------------------------------


def test_a_holiday_added_in_the_admin_goes_through_the_service(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/admin/cases/holiday/add/", {"date": "26/12/2024", "name": "Cuti bersama Natal"}
    )
    assert response.status_code == 302
    holiday = Holiday.objects.get(date=date(2024, 12, 26))
    assert holiday.created_by == coordinator
    response = client.post(f"/admin/cases/holiday/{holiday.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Holiday.objects.exists()


def test_an_investigator_cannot_add_holidays(client, investigator):
    client.force_login(investigator)
    assert client.get("/admin/cases/holiday/").status_code == 200
    assert client.get("/admin/cases/holiday/add/").status_code == 403


def test_the_case_keeps_one_trail_its_timeline_not_django_change_messages(client, investigator):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update(
        {
            "clarifications-2-TOTAL_FORMS": "1",
            "clarifications-2-0-person_name": "Pelapor Rahasia Sintetis",
            "clarifications-2-0-role": "reporter",
            "clarifications-2-0-held_at_0": "20/11/2024",
            "clarifications-2-0-held_at_1": "09:00",
            "clarifications-2-0-attended": "on",
        }
    )
    assert client.post(change_url(case), data).status_code == 302
    clarification = Clarification.objects.get(case=case)
    assert clarification.recorded_by == investigator
    assert CaseEvent.objects.filter(case=case, action="clarification").exists()
    assert not LogEntry.objects.filter(object_id=str(case.pk)).exists()
    history = client.get(reverse("admin:cases_case_history", args=[case.pk])).content.decode()
    assert "Klarifikasi dicatat" in history
    assert "Pelapor Rahasia Sintetis" not in history


# --- handling data through the services -----------------------------------------------------------


def test_case_details_are_changed_through_case_update(client, investigator):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update(incident_place="Aula Kantor Camat Loa Janan", violation_forms=["2", "3"])
    assert client.post(change_url(case), data).status_code == 302
    case.refresh_from_db()
    assert case.incident_place == "Aula Kantor Camat Loa Janan"
    assert set(case.violation_forms.values_list("pk", flat=True)) == {2, 3}
    event = CaseEvent.objects.get(case=case, action="update")
    assert event.actor == investigator
    assert set(event.data["changes"]) == {"incident_place", "violation_forms"}
    assert event.data["changes"]["incident_place"][1] == "Aula Kantor Camat Loa Janan"


def test_a_refusal_of_the_service_is_shown_beside_the_field_and_nothing_is_saved(
    client, investigator
):
    case = CaseFactory(status=S.REGISTERED, assigned_to=[investigator])
    elsewhere = Region.objects.filter(level="village", parent__code="64.02.06").first()
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update(
        incident_place="Tempat baru",
        village=elsewhere.pk,
        **{
            "witnesses-2-TOTAL_FORMS": "1",
            "witnesses-2-0-name": "Saksi Yang Tidak Jadi Disimpan",
        },
    )
    response = client.post(change_url(case), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "tidak berada di kecamatan" in str(errors["village"])
    assert 'value="Tempat baru"' in response.content.decode()
    case.refresh_from_db()
    assert case.incident_place != "Tempat baru" and case.village is None
    assert not case.witnesses.filter(name="Saksi Yang Tidak Jadi Disimpan").exists()
    assert not CaseEvent.objects.filter(case=case, action__in=["update", "witness_add"]).exists()


def test_a_respondent_added_by_nip_is_linked_to_the_registry(client, investigator):
    case = CaseFactory(status=S.RECEIVED, assigned_to=[investigator])
    servant = CivilServantFactory(agency=agency("DINKES"))
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update({"respondents-2-TOTAL_FORMS": "1", "respondents-2-0-nip": servant.nip})
    assert client.post(change_url(case), data).status_code == 302
    added = case.respondents.get(nip=servant.nip)
    assert added.civil_servant == servant and added.name == servant.name
    assert added.agency == servant.agency
    assert CaseEvent.objects.filter(case=case, action="respondent_add").exists()


def test_a_witness_is_added_through_its_service(client, investigator):
    case = CaseFactory(status=S.RECEIVED, assigned_to=[investigator])
    client.force_login(investigator)
    data = case_form_data(client, case)
    data.update(
        {
            "witnesses-2-TOTAL_FORMS": "1",
            "witnesses-2-0-name": "Saksi Tambahan Sintetis",
            "witnesses-2-0-phone": "0812-1111-2222",
        }
    )
    assert client.post(change_url(case), data).status_code == 302
    witness = case.witnesses.get(name="Saksi Tambahan Sintetis")
    assert witness.phone == "+6281211112222"
    assert CaseEvent.objects.filter(case=case, action="witness_add").exists()


def test_the_reporter_is_corrected_through_reporter_set(client, investigator):
    case = CaseFactory(status=S.RECEIVED, assigned_to=[investigator], reporter__nik="")
    client.force_login(investigator)
    data = case_form_data(client, case)
    data["reporter-0-nik"] = "6402031204900001"
    assert client.post(change_url(case), data).status_code == 302
    case.reporter.refresh_from_db()
    assert case.reporter.nik == "6402031204900001"
    event = CaseEvent.objects.get(case=case, action="reporter_update")
    assert "6402031204900001" not in str(event.data) + event.note


def test_recorded_people_are_shown_read_only(client, investigator):
    case = CaseFactory(status=S.CLARIFICATION, assigned_to=[investigator])
    respondent = case.respondents.get()
    client.force_login(investigator)
    html = client.get(change_url(case)).content.decode()
    assert respondent.name in html
    assert 'name="respondents-0-name"' not in html
    assert 'name="witnesses-0-name"' not in html
    assert 'name="respondents-2-TOTAL_FORMS"' in html


def test_an_election_rule_changed_in_the_admin_moves_open_deadlines(client, coordinator):
    case = recent(timedelta(hours=2), status=S.REGISTERED)
    election = case.election
    before = case.decision_due_at
    client.force_login(coordinator)
    url = reverse("admin:cases_election_change", args=[election.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, date):
            data[name] = value.strftime("%d/%m/%Y")
        elif value is not None and value is not False:
            data[name] = value
    data["decision_days"] = election.decision_days + 2
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.decision_due_at - before == timedelta(days=2)
