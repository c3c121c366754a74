"""Demo accounts (synthetic). Password: NETRAL_DEMO_PASSWORD, else generated once and kept."""

import secrets
import string
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from apps.core import roles
from apps.core.models import Office, Profile
from apps.personnel.models import Region


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str | None
    office: str
    kecamatan_code: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Administrator Netral", None, Office.ADMIN),
    DemoAccount("demo-koordinator", "Koordinator Demo", roles.COORDINATOR, Office.BAWASLU),
    DemoAccount("demo-investigator", "Investigator Demo", roles.INVESTIGATOR, Office.BAWASLU),
    DemoAccount("demo-bkpsdm", "Petugas BKPSDM Demo", roles.BKPSDM_OFFICER, Office.BKPSDM),
    DemoAccount(
        "demo-camat-loajanan",
        "Petugas Kecamatan Loa Janan",
        roles.CAMAT_CLERK,
        Office.CAMAT,
        "64.02.03",
    ),
    DemoAccount(
        "demo-camat-tenggarong",
        "Petugas Kecamatan Tenggarong",
        roles.CAMAT_CLERK,
        Office.CAMAT,
        "64.02.06",
    ),
]


def demo_password() -> str:
    """NETRAL_DEMO_PASSWORD when set; otherwise one generated on the first run and kept in var/."""
    if settings.NETRAL_DEMO_PASSWORD:
        return settings.NETRAL_DEMO_PASSWORD
    path = settings.VAR_DIR / "demo-password"
    if path.exists():
        return path.read_text().strip()
    settings.VAR_DIR.mkdir(exist_ok=True)
    alphabet = string.ascii_letters + string.digits
    password = "".join(secrets.choice(alphabet) for _ in range(16))
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


@transaction.atomic
def ensure_demo_account(account: DemoAccount, password: str):
    User = get_user_model()
    first, _sep, last = account.full_name.partition(" ")
    user, created = User.objects.get_or_create(
        username=account.username,
        defaults={
            "first_name": first,
            "last_name": last,
            "is_staff": account.office != Office.CAMAT,
            "is_superuser": account.role is None,
            "email": f"{account.username}@netral.invalid",
        },
    )
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    if account.role:
        user.groups.add(Group.objects.get(name=account.role))
    kecamatan = Region.objects.get(code=account.kecamatan_code) if account.kecamatan_code else None
    Profile.objects.get_or_create(
        user=user, defaults={"office": account.office, "kecamatan": kecamatan}
    )
    return user, created


def seed_demo(log=print) -> None:
    password = demo_password()
    for account in DEMO_ACCOUNTS:
        _user, created = ensure_demo_account(account, password)
        if created:
            log(f"akun demo dibuat: {account.username}")


def describe_demo_accounts() -> str:
    password = demo_password()
    lines = ["Akun demo (sandi sama untuk semua):"]
    for account in DEMO_ACCOUNTS:
        lines.append(f"  {account.username:<24} {account.role or 'superuser'}")
    lines.append(f"  sandi: {password}")
    return "\n".join(lines)
