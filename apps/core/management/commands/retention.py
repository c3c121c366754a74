"""Preview (default) or apply the retention of personal data (apps.core.retention)."""

from django.core.management.base import BaseCommand

from apps.core import retention


class Command(BaseCommand):
    help = (
        "Pratinjau data pribadi yang akan dipseudonimkan karena masa simpannya habis; "
        "--apply menjalankannya sekarang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="pseudonimkan sekarang")

    def handle(self, *args, apply=False, **options):
        for kind in retention.retention_preview():
            subjects = kind["subjects"]
            people = sum(count for _pk, _label, count in subjects)
            self.stdout.write(
                f"{kind['label']} (disimpan {kind['days']} hari setelah selesai): "
                f"{len(subjects)} kasus/sesi, {people} orang"
            )
            for pk, label, count in subjects:
                self.stdout.write(f"  #{pk} {label}: {count} orang")
        if not apply:
            self.stdout.write("pratinjau saja: tidak ada yang diubah (pakai --apply)")
            return
        done = retention.retention_apply()
        self.stdout.write("dipseudonimkan: " + ", ".join(f"{k} {n}" for k, n in done.items()))
