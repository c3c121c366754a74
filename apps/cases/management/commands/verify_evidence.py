from django.core.management.base import BaseCommand, CommandError

from apps.cases.evidence import evidence_files, evidence_verify_all

PROBLEMS = {
    "missing": "berkas hilang",
    "sha256": "SHA-256 berbeda",
    "size": "ukuran berbeda",
}


class Command(BaseCommand):
    help = (
        "Menghitung ulang SHA-256 setiap berkas alat bukti dan mencantumkan yang hilang atau "
        "berubah; keluar dengan kode bukan nol bila ada."
    )

    def handle(self, *args, **options):
        total = evidence_files().count()
        mismatches = evidence_verify_all()
        for found in mismatches:
            self.stdout.write(
                f"alat bukti #{found.evidence_id} (kasus #{found.case_id}) {found.path}: "
                f"{PROBLEMS[found.problem]}; tercatat {found.expected or '-'}, "
                f"ditemukan {found.found or '-'}"
            )
        summary = f"{total} berkas diperiksa, {len(mismatches)} tidak cocok."
        if mismatches:
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))
