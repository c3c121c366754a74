import pytest
from django.contrib.auth.models import Group

from apps.cases import seeds
from apps.cases.models import Election, ForwardingRecipient, SanctionType, ViolationForm

pytestmark = pytest.mark.django_db


def test_the_reference_data_of_cases_is_seeded(reference_data):
    assert set(Election.objects.values_list("code", flat=True)) >= {
        "pilkada-kukar-2024",
        "pemilu-2024",
    }
    assert ViolationForm.objects.count() == 17
    assert ViolationForm.objects.get(code="anggota-partai").default_severity == "pemberhentian"
    # SKB 2022: forms the SKB's discipline table also lists, and the two forms added in 2022.
    liking = ViolationForm.objects.get(code="reaksi-media-sosial")
    assert (liking.default_severity, liking.discipline_severity) == ("etik", "berat")
    assert (
        ViolationForm.objects.filter(code__in=["pendekatan-perseorangan", "tim-pemenangan"]).count()
        == 2
    )
    assert SanctionType.objects.get(code="none").is_none
    assert SanctionType.objects.filter(regulation="PP 94/2021").count() == 9
    pppk = SanctionType.objects.filter(applies_to="pppk")
    assert set(pppk.values_list("code", flat=True)) == {
        "pppk-disiplin-ringan",
        "pppk-disiplin-sedang",
        "pppk-disiplin-berat",
        "pppk-phk-hormat",
        "pppk-phk-tidak-hormat",
    }
    assert SanctionType.objects.get(code="potong-tukin-9").months == 9
    pemilu = Election.objects.get(code="pemilu-2024")
    assert (pemilu.reporting_basis, pemilu.decision_basis, pemilu.extension_basis) == (
        "UU 7/2017 Pasal 454 ayat (6); Perbawaslu 7/2022",
        "UU 7/2017 Pasal 454 ayat (7); Perbawaslu 7/2022",
        "perpanjangan UU 7/2017 Pasal 454 ayat (8)",
    )
    assert (pemilu.initial_review_days, pemilu.cuti_bersama_off) == (2, True)
    assert list(
        ForwardingRecipient.objects.filter(is_default=True).values_list("code", flat=True)
    ) == ["bkn-wasdal"]


def test_the_pilkada_rules_are_the_regime_defaults(reference_data):
    pilkada = Election.objects.get(code="pilkada-kukar-2024")
    assert (
        pilkada.reporting_window_days,
        pilkada.decision_days,
        pilkada.extension_days,
        pilkada.follow_up_days,
        pilkada.decision_clock_anchor,
        pilkada.voting_on.isoformat(),
    ) == (7, 3, 2, 14, "receipt", "2024-11-27")


def test_seeding_again_keeps_the_administrators_edits(reference_data):
    form = ViolationForm.objects.get(code="foto-bersama")
    form.default_severity = "sedang"
    form.save()
    assert (
        seeds.seed_elections(),
        seeds.seed_violation_forms(),
        seeds.seed_sanction_types(),
        seeds.seed_recipients(),
    ) == (0, 0, 0, 0)
    form.refresh_from_db()
    assert form.default_severity == "sedang"


def test_demo_cases_are_skipped_without_the_demo_module(monkeypatch):
    monkeypatch.setattr(seeds, "find_spec", lambda name: None)
    lines = []
    seeds.seed_demo(log=lines.append)
    assert lines == ["kasus demo: modul apps.cases.demo belum ada, dilewati"]


def test_investigators_and_bkpsdm_may_view_forwarding_recipients(reference_data):
    for role in ("bawaslu_investigator", "bkpsdm_officer"):
        perms = Group.objects.get(name=role).permissions.values_list("codename", flat=True)
        assert "view_forwardingrecipient" in perms
