"""What a reporter reads on /lacak/ for each state of a case: the next step, in plain Bahasa
Indonesia. Every state of ``Case.Status`` has a line (a system check would be overkill: the test
``test_every_status_has_a_next_step`` holds it)."""

from django.utils.translation import gettext_lazy as _

from apps.cases.models import Case

S = Case.Status

NEXT_STEPS = {
    S.RECEIVED: _(
        "Laporan Anda sudah diterima. Bawaslu sedang memeriksa syarat formal dan materielnya; "
        "keputusan diregistrasi atau tidak akan diumumkan di papan pengumuman."
    ),
    S.REGISTERED: _(
        "Laporan Anda diregistrasi. Bawaslu akan mengundang pihak-pihak untuk klarifikasi dan "
        "mengkaji laporan dalam batas waktu yang ditentukan undang-undang."
    ),
    S.CLARIFICATION: _(
        "Bawaslu sedang meminta keterangan (klarifikasi) dari pihak-pihak terkait. Bila Anda "
        "diundang, harap hadir sesuai undangan."
    ),
    S.REVIEW: _(
        "Bawaslu sedang mengkaji hasil klarifikasi dan alat bukti. Hasilnya diputuskan dalam "
        "rapat pleno dan diberitahukan kepada Anda."
    ),
    S.FORWARDED: _(
        "Laporan terbukti dan rekomendasinya telah diteruskan kepada instansi yang berwenang "
        "menjatuhkan sanksi. Bawaslu memantau tindak lanjutnya."
    ),
    S.CLOSED: _(
        "Penanganan laporan selesai: instansi yang berwenang telah menindaklanjuti rekomendasi. "
        "Tidak ada langkah lanjutan yang perlu Anda lakukan."
    ),
    S.NOT_REGISTERED: _(
        "Laporan tidak diregistrasi karena alasan di bawah. Bila syaratnya dapat dipenuhi dan "
        "batas waktu pelaporan belum lewat, Anda dapat mengajukan laporan baru."
    ),
    S.DISMISSED: _(
        "Penanganan laporan dihentikan karena alasan di bawah. Tidak ada langkah lanjutan yang "
        "perlu Anda lakukan."
    ),
    S.JOINED: _(
        "Laporan Anda digabungkan dengan laporan lain tentang kejadian yang sama; penanganannya "
        "dilanjutkan bersama laporan tersebut."
    ),
}
