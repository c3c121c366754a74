"""Run the deadline watch once, without beat: for cron where no broker is configured."""

from django.core.management.base import BaseCommand

from apps.notifications import watch


class Command(BaseCommand):
    help = "Pindai batas waktu kasus sekali (dan ringkasan harian dengan --digest)."

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="tulis ringkasan harian")

    def handle(self, *args, digest=False, **options):
        if digest:
            written = watch.daily_digest()
            self.stdout.write(f"ringkasan harian ditulis: {written}")
            return
        result = watch.deadline_scan()
        self.stdout.write(
            f"kasus diperiksa: {result.cases}, batas waktu diberitahukan: {result.claims}, "
            f"notifikasi: {result.notifications}"
        )
