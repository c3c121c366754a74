from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.personnel.models import PersonnelImport
from apps.personnel.services import personnel_import_create, personnel_import_run


class Command(BaseCommand):
    help = (
        "Mengimpor data ASN dari berkas CSV atau XLSX ekspor BKPSDM (lihat docs/import.md). "
        "Keluar dengan kode bukan nol jika impor gagal, termasuk mode ketat yang menolak berkas."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="berkas .csv atau .xlsx")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="mode ketat: tidak menyimpan apa pun jika ada satu baris tidak valid",
        )
        parser.add_argument(
            "--resume", type=int, metavar="ID", help="lanjutkan impor nomor ID yang terhenti"
        )
        parser.add_argument(
            "--errors", type=int, default=20, metavar="N", help="tampilkan N baris ditolak pertama"
        )

    def handle(self, *args, file=None, strict=False, resume=None, errors=20, **options):
        if resume is None:
            if not file:
                raise CommandError("Sebutkan berkas yang akan diimpor, atau --resume ID.")
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"Berkas {path} tidak ditemukan.")
            with path.open("rb") as handle:
                personnel_import = personnel_import_create(
                    file=handle, filename=path.name, strict=strict, actor=None
                )
            import_id = personnel_import.pk
        else:
            import_id = resume
            if not PersonnelImport.objects.filter(pk=import_id).exists():
                raise CommandError(f"Impor nomor {import_id} tidak ada.")
        try:
            personnel_import = personnel_import_run(import_id=import_id)
        except KeyboardInterrupt:
            raise CommandError(
                f"Dihentikan. Lanjutkan dengan: manage.py import_personnel --resume {import_id}"
            ) from None
        self.report(personnel_import, errors)
        if personnel_import.state == PersonnelImport.State.FAILED:
            raise CommandError(personnel_import.failure_message)

    def report(self, personnel_import, limit):
        out = self.stdout.write
        out(
            f"Impor #{personnel_import.pk} ({personnel_import.original_filename}): "
            f"{personnel_import.get_state_display()}"
        )
        out(
            f"  baru: {personnel_import.created}, diubah: {personnel_import.updated}, "
            f"tidak berubah: {personnel_import.unchanged}, ditolak: {personnel_import.rejected}"
        )
        shown = personnel_import.row_errors.all()[:limit]
        if shown:
            out(f"Baris yang ditolak ({len(shown)} kesalahan pertama):")
            for error in shown:
                column = f", kolom {error.column}" if error.column else ""
                out(f"  baris {error.row_number}{column}: {error.message}")
