"""Provision API tokens for integrations: make (the key is printed once), list, revoke."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.core import tokens
from apps.core.errors import DomainError
from apps.core.models import ApiToken


class Command(BaseCommand):
    help = "Token API: buat (kunci dicetak sekali), daftar, atau cabut."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="buat token untuk pengguna")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="nama sistem yang memakai token")
        create.add_argument("--days", type=int, help="masa berlaku (hari)")
        listing = sub.add_parser("list", help="daftar token (tanpa kunci)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="cabut token")
        revoke.add_argument("token_key", help="awalan kunci, seperti pada daftar")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"handle_{action}")(**options)
        except DomainError as error:
            raise CommandError("; ".join(error.messages())) from error

    def handle_create(self, *, username, name, days, **options):
        user = self.user(username)
        token, key = tokens.api_token_create(user=user, name=name, days=days)
        expiry = timezone.localtime(token.expiry)
        self.stderr.write(f"token '{token.name}' untuk {username}, sampai {expiry:%Y-%m-%d %H:%M}")
        self.stdout.write(key)

    def handle_list(self, *, username=None, **options):
        found = ApiToken.objects.select_related("user").order_by("user__username", "-created")
        if username:
            found = found.filter(user=self.user(username))
        for token in found:
            expiry = f"{timezone.localtime(token.expiry):%Y-%m-%d %H:%M}" if token.expiry else "-"
            self.stdout.write(
                f"{token.token_key}  {token.user.username:<24} {token.name:<30} sampai {expiry}"
            )

    def handle_revoke(self, *, token_key, **options):
        deleted, _per_model = ApiToken.objects.filter(token_key=token_key).delete()
        if not deleted:
            raise CommandError(f"token {token_key} tidak ditemukan")
        self.stdout.write(f"token dicabut: {deleted}")

    def user(self, username):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"pengguna {username} tidak ada") from None
