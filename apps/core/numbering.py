"""Numbers without gaps from a configurable template: register numbers (``apps.cases.numbering``)
and letter numbers (``apps.documents.numbering``) share these pieces.

A sequence lives in a counter row; :func:`next_sequence` locks that row inside the caller's
transaction, so a rolled-back write gives its number back and concurrent writers wait for each
other. Templates are ``str.format`` strings whose placeholders each user of this module declares.
"""

import string
from collections.abc import Callable, Iterable

from django.db import models, transaction
from django.utils.translation import gettext as _

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def next_sequence(counter_model: type[models.Model], **key) -> int:
    """Take the next sequence of the counter row ``key`` (created at 0 when missing).

    The model has a ``last_sequence`` field and a unique constraint on the ``key`` fields. Must
    run inside the caller's transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_sequence() must run inside the numbering transaction.")
    # INSERT ... ON CONFLICT DO NOTHING, then lock: two first numbers of a year cannot both
    # create the counter, and the second waits for the first to commit before reading it.
    counter_model.objects.bulk_create([counter_model(**key)], ignore_conflicts=True)
    counter = counter_model.objects.select_for_update().get(**key)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return counter.last_sequence


def template_errors(
    template: str,
    *,
    what: str,
    placeholders: Iterable[str],
    required: Iterable[str],
    sample: Callable[[str], str],
) -> list[str]:
    """What is wrong with a number template; empty when it is usable.

    ``what`` names the template in the messages ("nomor register"); ``sample`` renders the
    template once with sample values, so a bad format spec is caught before it is used.
    """
    known = frozenset(placeholders)
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
    except ValueError as exc:
        return [_("Templat %(what)s tidak valid: %(error)s.") % {"what": what, "error": exc}]
    errors = [
        _("Templat %(what)s memuat {%(name)s} yang tidak dikenal; yang tersedia: %(known)s.")
        % {"what": what, "name": name, "known": ", ".join(sorted(known))}
        for name in sorted(names - known)
    ]
    errors += [
        _("Templat %(what)s wajib memuat {%(name)s}.") % {"what": what, "name": name}
        for name in required
        if name not in names
    ]
    if not errors:
        try:
            sample(template)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            errors.append(
                _("Templat %(what)s tidak valid: %(error)s.") % {"what": what, "error": exc}
            )
    return errors
