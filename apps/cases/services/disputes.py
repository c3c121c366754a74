"""After the PPK's decision: objections and administrative appeals against a sanction (keberatan,
banding administratif; PP 79/2021), and — when the PPK does not act in time — the request to BKN
to block the respondent's personnel data, the block and its lifting."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from apps.cases.models import DataBlock, FollowUp, Objection, Respondent, Sanction
from apps.cases.sanctions import check_sanction, employment_of
from apps.cases.services.base import (
    Errors,
    add_error,
    case_lock,
    changes,
    event_write,
    raise_if,
)
from apps.cases.services.follow_up import parse_day, sanction_input
from apps.core import clock
from apps.core.errors import Conflict


def _not_future(value: date | None, key: str, errors: Errors) -> None:
    if value and value > clock.today():
        add_error(errors, key, _("Tanggal tidak boleh di masa depan."))


def objection_file(*, sanction: Sanction, kind: str, filed_on, actor, note: str = "") -> Objection:
    """Record an objection or appeal filed against a sanction (pending until decided)."""
    with transaction.atomic():
        case = case_lock(sanction.respondent.case_id, "objection_record", actor)
        sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
        errors: Errors = {}
        if kind not in Objection.Kind.values:
            add_error(errors, "kind", _("Jenis harus keberatan atau banding administratif."))
        filed = parse_day(filed_on, "filed_on", errors)
        if filed is None and "filed_on" not in errors:
            add_error(errors, "filed_on", _("Tanggal pengajuan wajib diisi."))
        _not_future(filed, "filed_on", errors)
        if filed and filed < sanction.decree_date:
            add_error(errors, "filed_on", _("Tidak boleh sebelum tanggal keputusan sanksi."))
        raise_if(errors)
        if sanction.state != Sanction.State.IN_FORCE:
            raise Conflict(
                _("Sanksi ini sudah tidak berlaku; keberatan diajukan atas sanksi yang berlaku.")
            )
        if sanction.objections.filter(outcome=Objection.Outcome.PENDING).exists():
            raise Conflict(_("Keberatan/banding atas sanksi ini masih menunggu putusan."))
        objection = Objection.objects.create(
            sanction=sanction,
            kind=kind,
            filed_on=filed,
            note=note.strip(),
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        event_write(
            case,
            actor=actor,
            action="objection_filed",
            note=note.strip(),
            data={"objection_id": objection.pk, "sanction_id": sanction.pk, "kind": kind},
        )
    return objection


def objection_decide(
    *,
    objection: Objection,
    outcome: str,
    decided_on,
    actor,
    new_sanction: dict | None = None,
    note: str = "",
) -> Objection:
    """Record the outcome of an objection or appeal: upheld (the sanction stands), annulled, or
    changed — then the new sanction replaces the old one, which is kept, marked."""
    objection = Objection.objects.select_related("sanction__respondent").get(pk=objection.pk)
    respondent = Respondent.objects.select_related("civil_servant").get(
        pk=objection.sanction.respondent_id
    )
    with transaction.atomic():
        case = case_lock(respondent.case_id, "objection_record", actor)
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        sanction = objection.sanction
        errors: Errors = {}
        if outcome not in Objection.Outcome.values or outcome == Objection.Outcome.PENDING:
            add_error(errors, "outcome", _("Hasil harus ditolak, diubah atau dibatalkan."))
        decided = parse_day(decided_on, "decided_on", errors)
        if decided is None and "decided_on" not in errors:
            add_error(errors, "decided_on", _("Tanggal putusan wajib diisi."))
        _not_future(decided, "decided_on", errors)
        if decided and decided < objection.filed_on:
            add_error(errors, "decided_on", _("Tidak boleh sebelum tanggal pengajuan."))
        replacement = None
        if outcome == Objection.Outcome.CHANGED:
            if not new_sanction:
                add_error(
                    errors, "new_sanction", _("Isi sanksi pengganti hasil keberatan/banding.")
                )
            else:
                replacement = sanction_input(new_sanction, "new_sanction", errors)
                check_sanction(replacement, employment_of(respondent), "new_sanction", errors)
        raise_if(errors)
        if objection.outcome != Objection.Outcome.PENDING:
            raise Conflict(_("Keberatan/banding ini sudah diputus."))
        data = {"objection_id": objection.pk, "sanction_id": sanction.pk, "outcome": outcome}
        if outcome == Objection.Outcome.ANNULLED:
            sanction.state = Sanction.State.ANNULLED
            sanction.save(update_fields=["state"])
        elif outcome == Objection.Outcome.CHANGED:
            new = Sanction.objects.create(
                respondent=respondent,
                sanction_type=replacement.sanction_type,
                decree_number=replacement.decree_number,
                decree_date=replacement.decree_date,
                effective_from=replacement.effective_from,
                effective_until=replacement.effective_until,
                recorded_by=actor,
                recorded_at=clock.now(),
            )
            sanction.state, sanction.replaced_by = Sanction.State.CHANGED, new
            sanction.save(update_fields=["state", "replaced_by"])
            data["changes"] = {
                "sanction": [
                    f"{sanction.sanction_type.code} {sanction.decree_number}",
                    f"{new.sanction_type.code} {new.decree_number}",
                ]
            }
        objection.outcome, objection.decided_on = outcome, decided
        objection.note = "\n".join(t for t in (objection.note, note.strip()) if t)
        objection.save(update_fields=["outcome", "decided_on", "note"])
        event_write(case, actor=actor, action="objection_decided", note=note.strip(), data=data)
    return objection


def block_request(*, respondent: Respondent, request_letter: str, requested_on, actor) -> DataBlock:
    """Ask BKN to block the personnel data of a respondent whose PPK did not decide in time."""
    with transaction.atomic():
        case = case_lock(respondent.case_id, "block_request", actor)
        errors: Errors = {}
        if not str(request_letter or "").strip():
            add_error(errors, "request_letter", _("Nomor surat permintaan wajib diisi."))
        requested = parse_day(requested_on, "requested_on", errors)
        if requested is None and "requested_on" not in errors:
            add_error(errors, "requested_on", _("Tanggal surat permintaan wajib diisi."))
        _not_future(requested, "requested_on", errors)
        raise_if(errors)
        if FollowUp.objects.filter(respondent=respondent).exists():
            raise Conflict(
                _(
                    "PPK sudah memutus tindak lanjut terlapor %(name)s; pemblokiran tidak diperlukan."
                )
                % {"name": respondent.name}
            )
        if DataBlock.objects.filter(respondent=respondent).exists():
            raise Conflict(_("Pemblokiran data terlapor ini sudah diminta."))
        block = DataBlock.objects.create(
            respondent=respondent,
            request_letter=request_letter.strip(),
            requested_on=requested,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        event_write(
            case,
            actor=actor,
            action="block_request",
            data={"respondent_id": respondent.pk, "request_letter": block.request_letter},
        )
    return block


def block_update(
    *, respondent: Respondent, actor, blocked_on=None, lifted_on=None, lift_note: str = ""
) -> DataBlock:
    """Record that BKN blocked the data, or that the block was lifted (with why)."""
    with transaction.atomic():
        case = case_lock(respondent.case_id, "block_update", actor)
        block = DataBlock.objects.select_for_update().filter(respondent=respondent).first()
        if block is None:
            raise Conflict(_("Pemblokiran data terlapor ini belum diminta."))
        errors: Errors = {}
        blocked = parse_day(blocked_on, "blocked_on", errors) or block.blocked_on
        lifted = parse_day(lifted_on, "lifted_on", errors) or block.lifted_on
        _not_future(blocked, "blocked_on", errors)
        _not_future(lifted, "lifted_on", errors)
        if blocked and blocked < block.requested_on:
            add_error(errors, "blocked_on", _("Tidak boleh sebelum tanggal permintaan."))
        if lifted and not blocked:
            add_error(errors, "lifted_on", _("Data belum diblokir; catat dulu tanggal blokir."))
        elif lifted and lifted < blocked:
            add_error(errors, "lifted_on", _("Tidak boleh sebelum tanggal blokir."))
        if lifted and not (lift_note or block.lift_note).strip():
            add_error(errors, "lift_note", _("Alasan pembukaan blokir wajib diisi."))
        raise_if(errors)
        before = {"blocked_on": block.blocked_on, "lifted_on": block.lifted_on}
        after = {"blocked_on": blocked, "lifted_on": lifted}
        diff = changes(before, after)
        if not diff:
            return block
        block.blocked_on, block.lifted_on = blocked, lifted
        block.lift_note = (lift_note or block.lift_note).strip()
        block.save(update_fields=["blocked_on", "lifted_on", "lift_note"])
        event_write(
            case,
            actor=actor,
            action="block_update",
            note=block.lift_note if lifted else "",
            data={"respondent_id": respondent.pk, "changes": diff},
        )
    return block
