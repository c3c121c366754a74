"""Who is registered for a session and their attendance: the participant types, the ways
attendance is recorded, the registration itself, and a participant list registered in bulk."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.training.models.session import Session


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

    # The registry's agency, kecamatan of duty and active flag of the ASN, copied here so that
    # the coverage report counts registrations per agency or kecamatan without joining them to
    # the registry (1M ASN at national scale). Set when the registration is made
    # (services.registration_add), kept by the registry's writers (apps.training.registry_copy).
    # Empty and False for a non-ASN participant.
    asn_agency = models.ForeignKey(
        "personnel.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        db_index=False,
        related_name="+",
    )
    asn_kecamatan = models.ForeignKey(
        "personnel.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        db_index=False,
        related_name="+",
    )
    asn_active = models.BooleanField(default=False, db_default=False, editable=False)

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
            # The training coverage per agency or kecamatan (issue 17): the ASN registered and
            # attended counted off these alone (index-only scans), in the order of the group
            # and of the ASN, so the distinct ASN are counted without sorting the registrations.
            models.Index(
                fields=["asn_agency", "civil_servant"],
                include=["session", "attended_at"],
                condition=Q(asn_active=True),
                name="training_reg_agency_cover_idx",
            ),
            models.Index(
                fields=["asn_kecamatan", "civil_servant"],
                include=["session", "attended_at"],
                condition=Q(asn_active=True),
                name="training_reg_kec_cover_idx",
            ),
            # The respondents who attended a session before the incident: the attended
            # registrations hashed off this index alone, not read from the table.
            models.Index(
                fields=["civil_servant"],
                include=["session"],
                condition=Q(attended_at__isnull=False),
                name="training_reg_attended_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.session_id}"

    @property
    def is_late_entry(self) -> bool:
        """Entered afterwards from a paper attendance list."""
        return self.attendance_method == AttendanceMethod.PAPER


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
