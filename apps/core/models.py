from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.TextChoices):
    BAWASLU = "bawaslu", _("Bawaslu Kabupaten Kutai Kartanegara")
    BKPSDM = "bkpsdm", _("BKPSDM Kabupaten Kutai Kartanegara")
    CAMAT = "camat", _("Kantor Kecamatan")
    ADMIN = "admin", _("Administrator sistem")


class Profile(models.Model):
    """A user's office and, for a camat clerk, the one kecamatan they serve (profil pengguna)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    office = models.CharField(_("kantor"), max_length=16, choices=Office.choices)
    kecamatan = models.ForeignKey(
        "personnel.Region",
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "kecamatan"},
        related_name="+",
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("profil pengguna")
        verbose_name_plural = _("profil pengguna")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(office="camat") | models.Q(kecamatan__isnull=False),
                name="camat_profile_has_kecamatan",
                violation_error_message=_("Petugas kecamatan wajib memiliki kecamatan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_office_display()})"
