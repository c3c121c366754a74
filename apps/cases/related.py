"""The same person, the same incident (DESIGN §2): a respondent's earlier cases matter for the
sanction, and two reports of one incident should be joined. Reads only, already filtered to what
the user may see."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from apps.cases.models import Case, Evidence, Respondent
from apps.cases.selectors import cases_visible_to

# Incidents this many days apart, with the same respondent and violation form, are likely one.
DUPLICATE_DAYS = 3


@dataclass
class RelatedCase:
    case: Case
    reasons: list[str] = field(default_factory=list)
    likely_duplicate: bool = False


def _same_people(case: Case) -> Q:
    people = list(Respondent.objects.filter(case=case).values_list("civil_servant_id", "nip"))
    servants = [servant for servant, _nip in people if servant]
    nips = [nip for _servant, nip in people if nip]
    if not servants and not nips:
        return Q(pk__in=[])
    return Q(respondents__civil_servant_id__in=servants) | Q(respondents__nip__in=nips)


def related_cases(case: Case, user) -> list[RelatedCase]:
    """Other cases ``user`` may see about the same respondents, or with the same evidence file,
    newest first; each says why, and whether it is likely the same incident."""
    hashes = list(
        Evidence.objects.filter(case=case).exclude(sha256="").values_list("sha256", flat=True)
    )
    same_evidence = Q(evidence__sha256__in=hashes) if hashes else Q(pk__in=[])
    others = (
        cases_visible_to(user)
        .filter(_same_people(case) | same_evidence)
        .exclude(pk=case.pk)
        .distinct()
        .prefetch_related("violation_forms", "evidence")
        .order_by("-received_at")
    )
    forms = set(case.violation_forms.values_list("pk", flat=True))
    found = []
    for other in others:
        related = RelatedCase(other)
        other_hashes = {e.sha256 for e in other.evidence.all() if e.sha256}
        if other_hashes & set(hashes):
            related.reasons.append(_("alat bukti yang sama (SHA-256)"))
            related.likely_duplicate = True
        if _near(case, other) and forms & {f.pk for f in other.violation_forms.all()}:
            related.reasons.append(
                _("terlapor dan bentuk pelanggaran sama, kejadian berselang ≤ %(d)d hari")
                % {"d": DUPLICATE_DAYS}
            )
            related.likely_duplicate = True
        if not related.reasons:
            related.reasons.append(_("terlapor yang sama (kasus lain)"))
        found.append(related)
    return found


def _near(case: Case, other: Case) -> bool:
    if case.incident_on is None or other.incident_on is None:
        return False
    return abs(case.incident_on - other.incident_on) <= timedelta(days=DUPLICATE_DAYS)


def cases_of_civil_servant(servant, user):
    """The cases ``user`` may see in which ``servant`` is a respondent (the registry page)."""
    return (
        cases_visible_to(user)
        .filter(respondents__civil_servant=servant)
        .distinct()
        .order_by("-received_at")
    )
