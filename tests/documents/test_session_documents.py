"""The attendance list and the pledge forms of a session, issued by its camat office's clerk."""

import hashlib

import pytest

from apps.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from apps.documents.models import DocumentCounter, IssuedDocument
from apps.documents.services import session_document_issue
from apps.documents.verification import display_code
from apps.training.models import ParticipantType, Registration, Speaker
from apps.training.services import new_code, normalise_name
from tests.documents.conftest import page_count, pdf_text, stored_pdf
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _village_head(session, name="Kepala Desa Sintetis"):
    return Registration.objects.create(
        session=session,
        participant_type=ParticipantType.VILLAGE_HEAD,
        name=name,
        name_normalised=normalise_name(name),
        institution="Desa Loa Duri Ilir",
        code=new_code(),
    )


@pytest.fixture
def session(reference_data):
    session = SessionFactory(title="Sosialisasi Netralitas ASN Loa Janan")
    Speaker.objects.create(session=session, name="Rahmawati Syahrani", institution="BKPSDM")
    Speaker.objects.create(session=session, name="Andi Saputra", institution="Bawaslu", position=1)
    return session


def test_the_attendance_list_numbers_every_participant_with_name_nip_and_signature_column(
    session, clerk_loajanan
):
    teacher = RegistrationFactory(session=session)
    _village_head(session)

    document = session_document_issue(
        session_id=session.pk, document_type="attendance_list", actor=clerk_loajanan
    )

    text = pdf_text(stored_pdf(document))
    assert "DAFTAR HADIR" in text
    assert "Sosialisasi Netralitas ASN Loa Janan" in text
    assert "KECAMATAN LOA JANAN" in text  # the camat office's letterhead
    assert "No. Nama NIP / asal instansi Tanda tangan" in text
    assert teacher.name in text and teacher.nip in text
    assert "Kepala Desa Sintetis" in text and "Desa Loa Duri Ilir" in text
    assert "Rahmawati Syahrani (BKPSDM)" in text and "Andi Saputra (Bawaslu)" in text
    assert "Jumat, 22 November 2024" in text and "09.00–12.00 WITA" in text
    assert "Tidak" not in text.split("Tanda tangan")[1].split()[0]  # the "No." column is numbers
    assert display_code(document.verification_code) in text
    assert document.number.startswith("001/DH/64.02.03/")


def test_the_stored_pdf_matches_its_recorded_hash_size_and_page_count(session, clerk_loajanan):
    for _ in range(40):
        RegistrationFactory(session=session)
    document = session_document_issue(
        session_id=session.pk, document_type="attendance_list", actor=clerk_loajanan
    )
    data = stored_pdf(document)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.page_count == page_count(data) >= 2
    assert "document_type" not in document.file.name  # a private path, not a public URL
    assert document.file.name.startswith(f"documents/session-{session.pk}/attendance_list-v1-")


def test_a_second_issue_is_version_2_with_the_same_number_and_version_1_kept(
    session, clerk_loajanan
):
    RegistrationFactory(session=session)
    first = session_document_issue(
        session_id=session.pk, document_type="attendance_list", actor=clerk_loajanan
    )
    RegistrationFactory(session=session, civil_servant__name="Peserta Tambahan Sintetis")
    second = session_document_issue(
        session_id=session.pk, document_type="attendance_list", actor=clerk_loajanan
    )

    assert (first.version, second.version) == (1, 2)
    assert second.number == first.number
    assert second.verification_code != first.verification_code
    assert IssuedDocument.objects.filter(session=session).count() == 2
    assert "Peserta Tambahan Sintetis" not in pdf_text(stored_pdf(first))
    assert "Peserta Tambahan Sintetis" in pdf_text(stored_pdf(second))
    assert "Versi 2" in pdf_text(stored_pdf(second))
    assert DocumentCounter.objects.get().last_sequence == 1


def test_pledge_forms_give_one_page_per_asn_participant(session, clerk_loajanan):
    asn = [RegistrationFactory(session=session) for _ in range(3)]
    _village_head(session)

    document = session_document_issue(
        session_id=session.pk, document_type="pledge_forms", actor=clerk_loajanan
    )

    data = stored_pdf(document)
    assert page_count(data) == 3
    text = pdf_text(data)
    assert text.count("PAKTA INTEGRITAS NETRALITAS APARATUR SIPIL NEGARA") == 3
    for registration in asn:
        assert registration.name in text and registration.nip in text
    assert "Kepala Desa Sintetis" not in text


def test_pledge_forms_without_asn_participants_are_refused(session, clerk_loajanan):
    _village_head(session)
    with pytest.raises(Conflict, match="Belum ada peserta ASN"):
        session_document_issue(
            session_id=session.pk, document_type="pledge_forms", actor=clerk_loajanan
        )
    assert not IssuedDocument.objects.exists()
    assert not DocumentCounter.objects.filter(last_sequence__gt=0).exists()


def test_a_clerk_of_another_kecamatan_does_not_see_the_session(session, clerk_tenggarong):
    with pytest.raises(NotFound):
        session_document_issue(
            session_id=session.pk, document_type="attendance_list", actor=clerk_tenggarong
        )


def test_bawaslu_sees_the_session_but_may_not_issue_its_documents(session, coordinator):
    with pytest.raises(Forbidden, match="kecamatan Loa Janan"):
        session_document_issue(
            session_id=session.pk, document_type="attendance_list", actor=coordinator
        )


def test_an_unknown_type_or_field_is_named(session, clerk_loajanan):
    with pytest.raises(InvalidInput) as error:
        session_document_issue(session_id=session.pk, document_type="receipt", actor=clerk_loajanan)
    assert "attendance_list" in error.value.fields["type"][0]
    with pytest.raises(InvalidInput) as error:
        session_document_issue(
            session_id=session.pk,
            document_type="attendance_list",
            actor=clerk_loajanan,
            fields={"blank_rows": 500, "warna": "merah"},
        )
    assert set(error.value.fields) == {"blank_rows", "warna"}


def test_blank_rows_follow_the_registered_participants(session, clerk_loajanan):
    RegistrationFactory(session=session)
    document = session_document_issue(
        session_id=session.pk,
        document_type="attendance_list",
        actor=clerk_loajanan,
        fields={"blank_rows": 3},
    )
    text = pdf_text(stored_pdf(document))
    assert "Jumlah peserta terdaftar: 1 orang" in text
    assert " 4 " in text and " 5 " not in text.split("Tanda tangan")[1].split("Jumlah")[0]


def test_a_cancelled_session_gets_no_documents(reference_data, clerk_loajanan):
    cancelled = SessionFactory(cancelled=True)
    with pytest.raises(Conflict):
        session_document_issue(
            session_id=cancelled.pk, document_type="attendance_list", actor=clerk_loajanan
        )
