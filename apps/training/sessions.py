"""Writing sessions and their speakers: a camat clerk creates and changes the sessions of their
own kecamatan (a superuser anywhere); a session dated further back than
``NETRAL_TRAINING_BACKDATE_DAYS`` is a coordinator's, and leaves a ``session_backdated`` event.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import permissions
from apps.core.errors import Forbidden, InvalidInput
from apps.personnel.models import Agency, Region
from apps.training.authority import require_manage
from apps.training.models import Session, Speaker, TrainingEvent


@dataclass(frozen=True)
class SpeakerData:
    name: str
    institution: str
    topic: str = ""


def _session_kecamatan(actor, kecamatan: Region | None) -> Region:
    if actor.is_superuser:
        if kecamatan is None:
            raise InvalidInput(fields={"kecamatan": [_("Pilih kecamatan sesi.")]})
        return kecamatan
    clerk_kecamatan = permissions.clerk_kecamatan_id(actor)
    if clerk_kecamatan is None:
        raise Forbidden(_("Hanya petugas kecamatan yang dapat membuat sesi sosialisasi."))
    if kecamatan is not None and kecamatan.pk != clerk_kecamatan:
        raise Forbidden(_("Anda hanya dapat membuat sesi di kecamatan Anda sendiri."))
    return Region.objects.get(pk=clerk_kecamatan)


def _validate_session(
    *,
    title: str,
    venue: str,
    starts_at: datetime,
    ends_at: datetime,
    kecamatan: Region,
    capacity: int | None,
) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Judul sesi wajib diisi.")]
    if not venue.strip():
        errors["venue"] = [_("Tempat sesi wajib diisi.")]
    for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if not 2000 <= value.year <= 2100:
            errors[field] = [_("Tahun %(year)d tidak masuk akal.") % {"year": value.year}]
    if ends_at <= starts_at:
        errors.setdefault("ends_at", []).append(_("Waktu selesai harus setelah waktu mulai."))
    if kecamatan.level != Region.Level.KECAMATAN:
        errors["kecamatan"] = [_("%(name)s bukan kecamatan.") % {"name": kecamatan.name}]
    if capacity is not None and capacity < 1:
        errors["capacity"] = [_("Kapasitas minimal 1, atau kosongkan bila tidak dibatasi.")]
    if errors:
        raise InvalidInput(fields=errors)


def _check_backdating(actor, starts_at: datetime) -> bool:
    """A session starting more than ``NETRAL_TRAINING_BACKDATE_DAYS`` ago is history: only a
    coordinator may write it (True: write a ``session_backdated`` event); others get a 400."""
    limit = timezone.now() - timedelta(days=settings.NETRAL_TRAINING_BACKDATE_DAYS)
    if starts_at >= limit:
        return False
    if permissions.is_coordinator(actor):
        return True
    raise InvalidInput(
        fields={
            "starts_at": [
                _(
                    "Sesi tidak dapat bertanggal lebih dari %(days)d hari yang lalu; minta "
                    "koordinator Bawaslu mencatat sesi lama."
                )
                % {"days": settings.NETRAL_TRAINING_BACKDATE_DAYS}
            ]
        }
    )


def _backdated_event(actor, session: Session, previous: datetime | None) -> None:
    TrainingEvent.objects.create(
        action=TrainingEvent.Action.SESSION_BACKDATED,
        actor=actor,
        session=session,
        data={
            "starts_at": session.starts_at.isoformat(),
            "previous_starts_at": previous.isoformat() if previous else None,
        },
    )


def _clean_speakers(speakers: Iterable[SpeakerData | dict]) -> list[SpeakerData]:
    cleaned = []
    for index, speaker in enumerate(speakers):
        data = speaker if isinstance(speaker, SpeakerData) else SpeakerData(**speaker)
        name, institution = data.name.strip(), data.institution.strip()
        if not name and not institution:
            continue
        if not name or not institution:
            raise InvalidInput(
                fields={
                    f"speakers[{index}]": [_("Isi nama dan instansi narasumber (mis. Bawaslu).")]
                }
            )
        cleaned.append(SpeakerData(name, institution, data.topic.strip()))
    return cleaned


def _replace_speakers(session: Session, speakers: list[SpeakerData]) -> None:
    session.speakers.all().delete()
    Speaker.objects.bulk_create(
        Speaker(
            session=session,
            name=s.name,
            institution=s.institution,
            topic=s.topic,
            position=i,
        )
        for i, s in enumerate(speakers)
    )


@transaction.atomic
def session_create(
    *,
    actor,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    venue: str,
    kecamatan: Region | None = None,
    organiser: Agency | None = None,
    capacity: int | None = None,
    status: str = Session.Status.PLANNED,
    description: str = "",
    speakers: Iterable[SpeakerData | dict] = (),
) -> Session:
    """Create a session. A camat clerk creates it in their own kecamatan; a superuser anywhere."""
    kecamatan = _session_kecamatan(actor, kecamatan)
    _validate_session(
        title=title,
        venue=venue,
        starts_at=starts_at,
        ends_at=ends_at,
        kecamatan=kecamatan,
        capacity=capacity,
    )
    backdated = _check_backdating(actor, starts_at)
    cleaned_speakers = _clean_speakers(speakers)
    session = Session.objects.create(
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue.strip(),
        kecamatan=kecamatan,
        organiser=organiser,
        capacity=capacity,
        status=status,
        description=description,
        created_by=actor,
    )
    _replace_speakers(session, cleaned_speakers)
    if backdated:
        _backdated_event(actor, session, None)
    return session


SESSION_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "organiser",
    "capacity",
    "status",
    "description",
)


@transaction.atomic
def session_update(
    *, session: Session, actor, speakers: Iterable[SpeakerData | dict] | None = None, **changes
) -> Session:
    """Change a session's details (and replace its speakers when ``speakers`` is given).

    The kecamatan of a session does not change: create a new session instead.
    """
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise InvalidInput(
            fields={key: [_("Kolom ini tidak dapat diubah.")] for key in sorted(unknown)}
        )
    session = Session.objects.select_for_update().select_related("kecamatan").get(pk=session.pk)
    require_manage(actor, session)
    previous_start = session.starts_at
    for field, value in changes.items():
        setattr(session, field, value.strip() if isinstance(value, str) else value)
    backdated = session.starts_at != previous_start and _check_backdating(actor, session.starts_at)
    _validate_session(
        title=session.title,
        venue=session.venue,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        kecamatan=session.kecamatan,
        capacity=session.capacity,
    )
    if session.capacity is not None:
        registered = session.registrations.count()
        if registered > session.capacity:
            raise InvalidInput(
                fields={
                    "capacity": [
                        _("Sudah ada %(count)d peserta terdaftar; kapasitas tidak boleh kurang.")
                        % {"count": registered}
                    ]
                }
            )
    session.save()
    if speakers is not None:
        _replace_speakers(session, _clean_speakers(speakers))
    if backdated:
        _backdated_event(actor, session, previous_start)
    return session
