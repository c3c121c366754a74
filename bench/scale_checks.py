"""What bench/scale.py checks in the database after the load: nothing lost, nothing doubled."""

from collections import defaultdict

from django.db.models import Count


def register_numbers() -> tuple[int, list[str]]:
    """Every (office, kind, year) numbered 1..n without a gap or a double."""
    from apps.cases.models import Case

    sequences = defaultdict(list)
    rows = Case.objects.filter(number_sequence__isnull=False).values_list(
        "office_code", "kind", "number_year", "number_sequence"
    )
    for office, kind, year, sequence in rows:
        sequences[(office, kind, year)].append(sequence)
    problems = [
        f"register numbers of {key} are not 1..{len(found)}: {sorted(found)[:10]}…"
        for key, found in sequences.items()
        if sorted(found) != list(range(1, len(found) + 1))
    ]
    return sum(len(found) for found in sequences.values()), problems


def transitions(case_ids: list[int], answered_ok: int) -> tuple[int, list[str]]:
    """One register event per registered case, and as many as the 200 answers."""
    from apps.cases.models import Case, CaseEvent

    registered = Case.objects.filter(pk__in=case_ids).exclude(status="received").count()
    events = (
        CaseEvent.objects.filter(case_id__in=case_ids, action="register")
        .values("case_id")
        .annotate(n=Count("id"))
    )
    problems = [f"case {e['case_id']} has {e['n']} register events" for e in events if e["n"] != 1]
    if not registered == len(events) == answered_ok:
        problems.append(
            f"{registered} cases registered, {len(events)} with an event, {answered_ok} answers 200"
        )
    return registered, problems


def check_ins(session_id: int, answered_checked_in: int) -> tuple[int, list[str]]:
    from apps.training.models import Registration

    present = Registration.objects.filter(session_id=session_id, attended_at__isnull=False).count()
    if present != answered_checked_in:
        return present, [f"{present} present but {answered_checked_in} 'checked_in' answers"]
    return present, []


def notifications() -> tuple[int, int, list[str]]:
    """One deadline notification per recipient, case, deadline and level; and the claims."""
    from apps.notifications.models import DeadlineClaim, Notification

    deadline_notes = Notification.objects.exclude(deadline="")
    doubled = (
        deadline_notes.values("recipient_id", "case_id", "deadline", "level")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    problems = [f"notified {d['n']} times: {d}" for d in doubled[:10]]
    return deadline_notes.count(), DeadlineClaim.objects.count(), problems


def export_jobs(asked: int) -> tuple[int, list[str]]:
    from apps.core.models import ExportJob

    done = ExportJob.objects.filter(status="done").count()
    others = ExportJob.objects.exclude(status="done").values_list("status", flat=True)
    problems = [f"{len(others)} export jobs not done: {sorted(set(others))}"] if others else []
    if done + len(others) != asked:
        problems.append(f"{asked} jobs asked for, {done + len(others)} in the database")
    return done, problems
