"""Neutrality socialisation sessions (sosialisasi netralitas ASN), their participants, attendance
and integrity pledges (DESIGN §6).

Every write goes through ``apps.training.services``; the constraints below are what keeps a person
to one registration per session even when two clerks add them at the same moment.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Session(models.Model):
    """A socialisation session held by a camat office (sesi sosialisasi)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        HELD = "held", _("Terlaksana")
        CANCELLED = "cancelled", _("Dibatalkan")

    title = models.CharField(_("judul"), max_length=255)
    starts_at = models.DateTimeField(_("mulai"), db_index=True)
    ends_at = models.DateTimeField(_("selesai"))
    venue = models.CharField(_("tempat"), max_length=255)
    kecamatan = models.ForeignKey(
        "personnel.Region",
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "kecamatan"},
        related_name="training_sessions",
    )
    organiser = models.ForeignKey(
        "personnel.Agency",
        verbose_name=_("penyelenggara"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
    )
    capacity = models.PositiveIntegerField(
        _("kapasitas"), null=True, blank=True, help_text=_("Kosongkan bila tidak dibatasi.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    description = models.TextField(_("keterangan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("sesi sosialisasi")
        verbose_name_plural = _("sesi sosialisasi")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
                violation_error_message=_("Waktu selesai harus setelah waktu mulai."),
            )
        ]
        indexes = [models.Index(fields=["kecamatan", "starts_at"], name="training_kec_start_idx")]

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    """A speaker (narasumber) at a session, e.g. from BKPSDM or Bawaslu."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nama"), max_length=200)
    institution = models.CharField(_("instansi"), max_length=200)
    topic = models.CharField(_("materi"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})"


class ParticipantType(models.TextChoices):
    ASN = "asn", _("ASN")
    VILLAGE_HEAD = "kepala_desa", _("Kepala desa")
    VILLAGE_OFFICIAL = "perangkat_desa", _("Perangkat desa")
    COMMUNITY_LEADER = "tokoh_masyarakat", _("Tokoh masyarakat")
    RELIGIOUS_LEADER = "tokoh_agama", _("Tokoh agama")
    SECURITY = "tni_polri", _("TNI/Polri")
    HONORARY = "honorer", _("Honorer / tenaga non-ASN")
    OTHER = "lainnya", _("Lainnya")


NON_ASN_TYPES = [choice for choice in ParticipantType.choices if choice[0] != ParticipantType.ASN]


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("Pindai kode QR")
    KIOSK_NIP = "kiosk_nip", _("NIP di kios")
    PAPER = "paper", _("Daftar hadir kertas (dicatat kemudian)")
    NAME = "name", _("Cari nama di kios")


class Registration(models.Model):
    """One person registered for one session, and their attendance.

    An ASN is linked to the registry (name, NIP, agency and position copied at registration);
    a non-ASN participant has a type, name, institution, phone and optionally a NIK. The partial
    unique constraints make "one person once per session" hold whoever registers them.
    Attendance is kept on the row and written by a conditional UPDATE, so a second check-in
    changes nothing.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    participant_type = models.CharField(
        _("jenis peserta"), max_length=20, choices=ParticipantType.choices
    )
    civil_servant = models.ForeignKey(
        "personnel.CivilServant",
        verbose_name=_("ASN"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_registrations",
    )
    name = models.CharField(_("nama"), max_length=200)
    name_normalised = models.CharField(max_length=200, editable=False)
    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    institution = models.CharField(_("instansi / unit kerja"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    code = models.CharField(_("kode hadir"), max_length=12, unique=True)

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("didaftarkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True)

    attended_at = models.DateTimeField(_("waktu hadir"), null=True, blank=True)
    attendance_method = models.CharField(
        _("cara pencatatan hadir"), max_length=10, choices=AttendanceMethod.choices, blank=True
    )
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kehadiran dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance_recorded_at = models.DateTimeField(
        _("kehadiran dicatat pada"), null=True, blank=True
    )
    # The id a kiosk gave the check-in that marked the person present: the same check-in sent
    # again (an offline queue, a lost answer) is recognised and answered the same.
    attendance_client_id = models.UUIDField(_("id check-in dari kios"), null=True, blank=True)
    attendance_kiosk = models.ForeignKey(
        "training.KioskToken",
        verbose_name=_("dicatat di kios"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    invitation_sent_at = models.DateTimeField(_("undangan dikirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["name_normalised", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "civil_servant"],
                condition=Q(civil_servant__isnull=False),
                name="training_reg_unique_asn",
                violation_error_message=_("ASN ini sudah terdaftar pada sesi ini."),
            ),
            models.UniqueConstraint(
                fields=["session", "nik"],
                condition=~Q(nik=""),
                name="training_reg_unique_nik",
                violation_error_message=_("NIK ini sudah terdaftar pada sesi ini."),
            ),
            models.UniqueConstraint(
                fields=["session", "name_normalised", "phone"],
                condition=Q(civil_servant__isnull=True) & ~Q(phone=""),
                name="training_reg_unique_name_phone",
                violation_error_message=_("Nama dan telepon ini sudah terdaftar pada sesi ini."),
            ),
            models.CheckConstraint(
                condition=Q(participant_type="asn", civil_servant__isnull=False)
                | (~Q(participant_type="asn") & Q(civil_servant__isnull=True)),
                name="training_reg_asn_has_registry_link",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "nip"], name="training_reg_session_nip_idx"),
            models.Index(fields=["civil_servant", "attended_at"], name="training_reg_cs_att_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.session_id}"

    @property
    def is_late_entry(self) -> bool:
        """Entered afterwards from a paper attendance list."""
        return self.attendance_method == AttendanceMethod.PAPER


def pledge_document_path(instance: "IntegrityPledge", filename: str) -> str:
    return f"pledges/{instance.civil_servant_id}/{filename}"


class IntegrityPledge(models.Model):
    """An ASN's signed integrity pledge on neutrality (pakta integritas netralitas ASN)."""

    civil_servant = models.ForeignKey(
        "personnel.CivilServant",
        verbose_name=_("ASN"),
        on_delete=models.PROTECT,
        related_name="integrity_pledges",
    )
    signed_on = models.DateField(_("tanggal tanda tangan"))
    session = models.ForeignKey(
        Session,
        verbose_name=_("ditandatangani pada sesi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledges",
    )
    kecamatan = models.ForeignKey(
        "personnel.Region",
        verbose_name=_("kecamatan pencatat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "kecamatan"},
        related_name="+",
    )
    document = models.FileField(
        _("pindaian dokumen"), upload_to=pledge_document_path, max_length=300, blank=True
    )
    document_sha256 = models.CharField(_("SHA-256 dokumen"), max_length=64, blank=True)
    document_content_type = models.CharField(_("tipe dokumen"), max_length=100, blank=True)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    voided_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibatalkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    void_reason = models.CharField(_("alasan pembatalan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("pakta integritas")
        verbose_name_plural = _("pakta integritas")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["civil_servant", "session"],
                condition=Q(session__isnull=False, voided_at__isnull=True),
                name="training_pledge_once_per_session",
                violation_error_message=_("ASN ini sudah menandatangani pakta pada sesi ini."),
            ),
            models.UniqueConstraint(
                fields=["civil_servant", "signed_on"],
                condition=Q(session__isnull=True, voided_at__isnull=True),
                name="training_pledge_once_per_day",
                violation_error_message=_("Pakta ASN ini pada tanggal itu sudah dicatat."),
            ),
        ]
        indexes = [
            models.Index(fields=["civil_servant", "signed_on"], name="training_pledge_cs_idx")
        ]

    def __str__(self) -> str:
        return f"{self.civil_servant_id} {self.signed_on:%d-%m-%Y}"


class KioskToken(models.Model):
    """A link that turns a tablet or phone into one session's check-in kiosk, and nothing else.

    Only the SHA-256 of the secret is kept; the secret is shown once, in the link. A kiosk acts
    for the clerk who opened it, until it expires or is closed.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="kiosk_tokens")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(_("nama pintu"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuka oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuka"), auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    revoked_at = models.DateTimeField(_("ditutup"), null=True, blank=True)

    class Meta:
        verbose_name = _("tautan kios")
        verbose_name_plural = _("tautan kios")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.label or self.pk} — {self.session_id}"


class TrainingEvent(models.Model):
    """Append-only audit of what changes or reveals training records beyond the rows' own
    who/how/when: an undone check-in, a voided attendance or pledge, a backdated session, a kiosk
    opened or closed, a NIP looked up. Nothing updates or deletes these rows."""

    class Action(models.TextChoices):
        CHECK_IN_UNDONE = "check_in_undone", _("Check-in dibatalkan di kios")
        ATTENDANCE_VOIDED = "attendance_voided", _("Kehadiran dibatalkan koordinator")
        PLEDGE_VOIDED = "pledge_voided", _("Pakta dibatalkan koordinator")
        SESSION_BACKDATED = "session_backdated", _("Sesi bertanggal mundur")
        KIOSK_OPENED = "kiosk_opened", _("Kios dibuka")
        KIOSK_CLOSED = "kiosk_closed", _("Kios ditutup")
        NIP_LOOKUP = "nip_lookup", _("NIP dicari")
        INVITATIONS_SENT = "invitations_sent", _("Undangan dikirim")

    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    action = models.CharField(_("tindakan"), max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kiosk = models.ForeignKey(
        KioskToken, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    pledge = models.ForeignKey(
        IntegrityPledge, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    reason = models.CharField(_("alasan"), max_length=500, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("jejak audit sosialisasi")
        verbose_name_plural = _("jejak audit sosialisasi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["actor", "action", "at"], name="training_event_actor_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


def participant_import_path(instance: "ParticipantImport", filename: str) -> str:
    return f"training-imports/{instance.session_id}/{filename}"


class ParticipantImport(models.Model):
    """A participant list being registered by a worker, with its progress and its report."""

    class Status(models.TextChoices):
        PENDING = "pending", _("menunggu")
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="imports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("berkas"), upload_to=participant_import_path, max_length=300)
    original_filename = models.CharField(_("nama berkas asli"), max_length=255)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    rows_done = models.PositiveIntegerField(_("baris diproses"), default=0)
    outcomes = models.JSONField(_("hasil per baris"), default=list, blank=True)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor peserta")
        verbose_name_plural = _("impor peserta")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_filename} ({self.get_status_display()})"
