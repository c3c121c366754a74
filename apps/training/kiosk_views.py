"""The kiosk link's pages: a session's door on a tablet or phone, by a secret in the URL.

Nothing here reads a login: the secret in the path is the only credential, and it opens these
five addresses of one session and nothing else (``apps.training.kiosks``). Every answer is
``no-store`` and sends no referrer, so the secret stays out of caches and other sites' logs.
The clerk's side (open a link, close it) is ``kiosk_links``.
"""

import json
import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import ValidationError

from apps.core.api.errors import error_body, exception_handler
from apps.core.errors import DomainError, NotFound
from apps.training import door as doors
from apps.training import kiosks, selectors
from apps.training.api.serializers import CheckInSyncInputSerializer
from apps.training.models import KioskToken
from apps.training.qr import qr_svg
from apps.training.views import managed_session_view


def _private(response):
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _json(data: dict, status: int = 200) -> JsonResponse:
    return _private(JsonResponse(data, status=status))


def _error(error: DomainError) -> JsonResponse:
    return _json(
        error_body(error.status_code, error.code, error.message, error.fields), error.status_code
    )


def _kiosk(secret: str) -> KioskToken:
    try:
        return kiosks.kiosk_for_secret(secret)
    except NotFound:
        raise Http404(_("Tautan kios tidak berlaku (ditutup atau kedaluwarsa).")) from None


def _urls(secret: str) -> dict:
    return {
        name: reverse(f"training:kiosk-{name}", args=[secret])
        for name in ("app", "data", "sync", "undo", "worker")
    }


def kiosk_texts() -> dict[str, str]:
    """What the kiosk's script says, in Bahasa Indonesia; ``%(name)s`` filled in by the script."""
    return {
        "online": _("Daring"),
        "offline": _("Luring — check-in disimpan di perangkat ini"),
        "waiting": _("%(n)s menunggu dikirim"),
        "present": _("HADIR"),
        "already": _("SUDAH HADIR"),
        "unknown": _("TIDAK TERDAFTAR"),
        "saved": _("TERSIMPAN"),
        "undone": _("DIBATALKAN"),
        "presentAt": _("Tercatat hadir pukul %(t)s WITA."),
        "alreadyAt": _("Sudah tercatat hadir pukul %(t)s WITA."),
        "unknownDetail": _(
            "Kode atau NIP %(v)s tidak terdaftar pada sesi ini. Arahkan ke meja pendaftaran."
        ),
        "savedDetail": _("NIP %(v)s disimpan; diperiksa saat perangkat kembali daring."),
        "undoneDetail": _("Check-in %(name)s dibatalkan."),
        "undoLate": _("Check-in ini sudah terkirim; batalkan saat perangkat kembali daring."),
        "conflict": _(
            "%(name)s sudah tercatat hadir di pintu lain pukul %(t)s WITA; tidak dicatat dua kali."
        ),
        "lateUnknown": _("%(v)s ternyata tidak terdaftar pada sesi ini."),
        "refused": _("Tidak dapat dikirim: %(v)s"),
        "noMatch": _("Tidak ada peserta dengan nama itu."),
        "presentShort": _("sudah hadir %(t)s"),
        "cameraNone": _(
            "Kamera tidak tersedia di perangkat atau peramban ini; gunakan pemindai atau ketik kode."
        ),
        "cameraOn": _("Arahkan kamera ke kode QR."),
        "cameraStop": _("Tutup kamera"),
        "cameraStart": _("Pindai dengan kamera"),
        "soundOn": _("Suara: nyala"),
        "soundOff": _("Suara: mati"),
        "closed": _("Tautan kios ini sudah tidak berlaku. Minta tautan baru kepada petugas."),
    }


@require_GET
def kiosk_app(request, secret):
    """The kiosk's one page; it works on from the service worker's copy when offline."""
    token = _kiosk(secret)
    return _private(
        render(
            request,
            "training/kiosk_app.html",
            {
                "token": token,
                "session": token.session,
                "urls": _urls(secret),
                "texts": kiosk_texts(),
            },
        )
    )


@require_GET
def kiosk_data(request, secret):
    """What the door needs to answer and search offline: the session, and per registration its
    code, name, institution and whether (and when) they are present."""
    token = _kiosk(secret)
    session = token.session
    return _json(
        {
            "session": {
                "title": session.title,
                "venue": session.venue,
                "starts_at": session.starts_at.isoformat(),
                "ends_at": session.ends_at.isoformat(),
            },
            "kiosk": {"label": token.label, "expires_at": token.expires_at.isoformat()},
            "registrations": selectors.kiosk_registrations(session),
            "counts": selectors.session_counts(session),
            "now": timezone.now().isoformat(),
        }
    )


@csrf_exempt  # no cookie authenticates here: the secret in the path does
@require_POST
def kiosk_sync(request, secret):
    """The kiosk's queued check-ins, each exactly once (``door.check_ins_sync``)."""
    token = _kiosk(secret)
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    serializer = CheckInSyncInputSerializer(data=body if isinstance(body, dict) else {})
    if not serializer.is_valid():
        # The API's one error shape, fields named as the API names them (check_ins.3.id).
        answer = exception_handler(ValidationError(serializer.errors), {})
        return _json(answer.data, answer.status_code)
    try:
        door = kiosks.kiosk_door(token)
        outcomes = doors.check_ins_sync(
            door=door,
            actor=token.created_by,
            check_ins=[
                doors.QueuedCheckIn(
                    client_id=item["id"],
                    code=item.get("code") or None,
                    nip=item.get("nip") or None,
                    scanned_at=item.get("scanned_at"),
                    by_name=item.get("by_name", False),
                )
                for item in serializer.validated_data["check_ins"]
            ],
        )
    except DomainError as error:
        return _error(error)
    return _json(
        {
            "results": [_outcome(o) for o in outcomes],
            "counts": selectors.session_counts(door.session),
        }
    )


def _outcome(outcome) -> dict:
    registration = outcome.registration
    data = {"id": str(outcome.client_id), "status": outcome.status, "registration": None}
    if registration is not None:
        data["registration"] = {
            "id": registration.pk,
            "name": registration.name,
            "institution": registration.institution,
            "attended_at": registration.attended_at.isoformat()
            if registration.attended_at
            else None,
        }
    return data


@csrf_exempt  # no cookie authenticates here: the secret in the path does
@require_POST
def kiosk_undo(request, secret):
    """Take back the check-in just made at this kiosk (``door.check_in_undo``, audited)."""
    token = _kiosk(secret)
    try:
        client_id = uuid.UUID(str(json.loads(request.body or b"{}").get("id", "")))
    except (ValueError, AttributeError):
        return _json(error_body(400, "invalid", _("Check-in mana yang dibatalkan?")), 400)
    try:
        registration = doors.check_in_undo(
            door=kiosks.kiosk_door(token), actor=token.created_by, client_id=client_id
        )
    except DomainError as error:
        return _error(error)
    return _json(
        {
            "undone": str(client_id),
            "registration": {"id": registration.pk, "name": registration.name},
            "counts": selectors.session_counts(token.session),
        }
    )


@require_GET
def kiosk_worker(request, secret):
    """The service worker, served from inside the kiosk's path so that its scope is the kiosk."""
    _kiosk(secret)
    script = render_to_string("training/kiosk_worker.js", {"urls": _urls(secret)})
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    return _private(response)


# --- the clerk's side ---


@managed_session_view
@require_http_methods(["GET", "POST"])
def kiosk_links(request, session):
    """Open a kiosk link for a tablet at the door (the link is shown once), or close one."""
    opened = None
    if request.method == "POST":
        if request.POST.get("close"):
            token = get_object_or_404(KioskToken, session=session, pk=request.POST["close"])
            kiosks.kiosk_close(token=token, actor=request.user)
            messages.success(request, _("Tautan kios ditutup."))
            return redirect("training:kiosk-links", pk=session.pk)
        try:
            token, secret = kiosks.kiosk_open(
                session=session, actor=request.user, label=request.POST.get("label", "")
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            link = request.build_absolute_uri(reverse("training:kiosk-app", args=[secret]))
            opened = {"token": token, "link": link, "qr": qr_svg(link, scale=4)}
    response = render(
        request,
        "training/kiosk_links.html",
        {"session": session, "opened": opened, "kiosks": kiosks.kiosks_open_for(session)},
    )
    response["Cache-Control"] = "no-store"  # a new link is shown once
    # Not "no-referrer": the page's own forms must keep their Origin for the CSRF check.
    response["Referrer-Policy"] = "same-origin"
    return response
