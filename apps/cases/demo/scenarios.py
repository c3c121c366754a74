"""The demo cases themselves (synthetic people only): every state, several kecamatan and
agencies, deadlines running, due soon and missed relative to today."""

from apps.cases.demo.steps import (
    BKPSDM,
    COORDINATOR,
    INVESTIGATOR,
    PEMILU,
    REPORTERS,
    DemoCase,
    Step,
    days,
    follow_up,
    forwarded,
    hours,
    in_clarification,
    in_review,
    registered,
)
from apps.cases.models import Case

CASES = [
    # --- RECEIVED: the demo path (complete), due soon, overdue, expired, not yet assigned ---
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.03",
        days_ago=1,
        respondents=(("DISDIKBUD", 0),),
        forms=("media-sosial",),
        place="Grup Facebook warga Loa Janan Ilir",
        chronology="Terlapor, guru SD di Loa Janan, mengunggah poster pasangan calon nomor urut 2 "
        "dengan ajakan 'ayo coblos' di grup Facebook warga dan akun pribadinya.",
        reporter=REPORTERS[0],
        witness="Samsul Bahri (sintetis)",
        screenshot=True,
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.06",
        days_ago=3,
        respondents=(("DINKES", 0),),
        forms=("foto-bersama",),
        place="Posko relawan Jl. Panjaitan, Tenggarong",
        chronology="Terlapor, pegawai Dinas Kesehatan, berfoto bersama calon bupati sambil "
        "mengacungkan dua jari; foto diunggah akun relawan.",
        reporter=REPORTERS[1],
        witness="Maya Anggraini (sintetis)",
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.13",
        days_ago=5,
        respondents=(("SETDA", 0),),
        forms=("hadir-dukungan-aktif",),
        place="Lapangan Kecamatan Samboja",
        chronology="Terlapor disebut hadir dan berorasi dalam kampanye terbuka salah satu "
        "pasangan calon; pelapor belum menyerahkan alat bukti.",
        reporter=REPORTERS[2],
        links=0,
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.05",
        days_ago=2,
        known_days_before=12,
        respondents=(("DPMD", 0),),
        forms=("pertemuan-ajakan-pemberian",),
        place="Balai Desa Tanjung Limau, Muara Badak",
        chronology="Terlapor membagikan paket sembako bergambar pasangan calon dalam pertemuan "
        "warga; peristiwa baru dilaporkan dua belas hari setelah diketahui.",
        reporter=REPORTERS[3],
        witness="Agus Salim (sintetis)",
    ),
    DemoCase(
        kind=Case.Kind.FINDING,
        kecamatan="64.02.08",
        days_ago=1,
        respondents=(("KEC-64.02.08", 0),),
        forms=("alat-peraga",),
        place="Kantor Kecamatan Kota Bangun",
        chronology="Pengawas kecamatan menemukan baliho pasangan calon terpasang di pagar kantor "
        "kecamatan atas perintah terlapor.",
        creator=COORDINATOR,
        assign=False,
    ),
    # --- REGISTERED, CLARIFICATION (one extended), REVIEW (one overdue) ---
    DemoCase(
        kind=Case.Kind.FINDING,
        kecamatan="64.02.16",
        days_ago=2,
        respondents=(("KEC-64.02.16", 0), ("DPMD", 1)),
        forms=("pertemuan-ajakan-pemberian", "mobilisasi-asn"),
        place="Aula Desa Bukit Raya, Tenggarong Seberang",
        chronology="Pengawas menemukan pertemuan staf kecamatan dan pendamping desa yang diarahkan "
        "untuk memenangkan salah satu pasangan calon.",
        creator=COORDINATOR,
        steps=registered(),
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.02",
        days_ago=2,
        respondents=(("PKM-64.02.02", 0),),
        forms=("reaksi-media-sosial",),
        place="Instagram",
        chronology="Terlapor, perawat puskesmas, berulang kali menyukai dan membagikan unggahan "
        "kampanye akun resmi pasangan calon.",
        reporter=REPORTERS[4],
        clarified=True,
        steps=in_clarification(),
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.07",
        days_ago=4,
        respondents=(("DISTANAK", 0),),
        forms=("fasilitas-negara",),
        place="Gudang Balai Penyuluhan Pertanian Sebulu",
        chronology="Mobil dinas penyuluh pertanian dipakai mengangkut alat peraga kampanye ke "
        "beberapa desa.",
        reporter=REPORTERS[5],
        witness="Wahyu Nugraha (sintetis)",
        clarified=True,
        steps=in_clarification(
            (Step(days(2), INVESTIGATOR, "extend", {"reason": "Menunggu keterangan saksi kedua."}),)
        ),
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.03",
        days_ago=2,
        respondents=(("DISHUB", 0),),
        forms=("kampanye-atribut",),
        place="Jl. Poros Samarinda–Tenggarong, Loa Janan",
        chronology="Terlapor ikut konvoi kampanye mengenakan seragam dinas perhubungan.",
        reporter=REPORTERS[6],
        witness="Iwan Setiawan (sintetis)",
        links=2,
        clarified=True,
        steps=in_review(),
    ),
    # --- JOINED: a second report of the same convoy, joined into the one under review ---
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.03",
        days_ago=1,
        respondents=(("DISHUB", 0),),
        forms=("kampanye-atribut",),
        place="Jl. Poros Samarinda–Tenggarong, Loa Janan",
        chronology="Warga melaporkan pegawai dinas perhubungan berseragam dalam konvoi kampanye "
        "di Loa Janan (kejadian yang sama dengan laporan sebelumnya).",
        reporter=REPORTERS[7],
        links=1,
        steps=(
            Step(
                hours(3),
                COORDINATOR,
                "join",
                {
                    "into_chronology": "Terlapor ikut konvoi kampanye mengenakan seragam dinas "
                    "perhubungan.",
                    "reason": "Kejadian yang sama dengan laporan yang sedang dikaji.",
                },
            ),
        ),
    ),
    DemoCase(
        kind=Case.Kind.FINDING,
        kecamatan="64.02.07",
        days_ago=6,
        respondents=(("DPUPR", 0),),
        forms=("keputusan-menguntungkan",),
        place="Kantor UPT PU Sebulu",
        chronology="Pengawas menemukan perbaikan jalan desa dipercepat di lokasi kampanye "
        "pasangan calon atas disposisi terlapor.",
        creator=COORDINATOR,
        clarified=True,
        steps=in_review(),
    ),
    # --- FORWARDED: for BKPSDM (follow-up running, overdue, due soon) ---
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.06",
        days_ago=5,
        respondents=(("SATPOLPP", 0),),
        forms=("media-sosial",),
        place="TikTok",
        chronology="Terlapor membuat video ajakan memilih pasangan calon dengan latar kantor "
        "Satpol PP.",
        reporter=REPORTERS[7],
        clarified=True,
        steps=forwarded("101/PP.01.02/K.KT-05/2024", "berat"),
    ),
    DemoCase(
        kind=Case.Kind.FINDING,
        kecamatan="64.02.04",
        days_ago=18,
        respondents=(("KEC-64.02.04", 0), ("SDN-64.02.04", 0)),
        forms=("mobilisasi-asn",),
        place="Kantor Kecamatan Anggana",
        chronology="Pengawas menemukan pesan berantai terlapor yang mewajibkan guru dan staf "
        "menghadiri kampanye pasangan calon.",
        creator=COORDINATOR,
        clarified=True,
        steps=forwarded(
            "102/PP.01.02/K.KT-05/2024",
            "berat",
            (follow_up(days(9), 1, "teguran-tertulis"),),
        ),
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.11",
        days_ago=16,
        respondents=(("BAPPEDA", 0),),
        forms=("alat-peraga",),
        place="Desa Muara Kaman Ulu",
        chronology="Terlapor memasang spanduk dukungan pasangan calon di depan rumahnya yang "
        "juga dipakai sebagai posko.",
        reporter=REPORTERS[0],
        clarified=True,
        steps=forwarded("103/PP.01.02/K.KT-05/2024", "berat"),
    ),
    # --- CLOSED (a sanction; no sanction), NOT_REGISTERED (expired; not an election matter) ---
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.03",
        days_ago=25,
        respondents=(("RSUD-AMP", 0),),
        forms=("foto-bersama",),
        place="RSUD Aji Muhammad Parikesit",
        chronology="Terlapor berfoto dengan calon bupati dan simbol jari dalam kunjungan "
        "kampanye ke rumah sakit.",
        reporter=REPORTERS[1],
        clarified=True,
        steps=forwarded(
            "090/PP.01.02/K.KT-05/2024",
            "etik",
            (
                follow_up(days(10), 0, "moral-terbuka"),
                Step(days(10) + hours(1), BKPSDM, "close"),
            ),
        ),
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.06",
        days_ago=30,
        respondents=(("DISKOMINFO", 0),),
        forms=("hadir-tanpa-dukungan",),
        place="Gedung Serbaguna Tenggarong",
        chronology="Terlapor hadir dalam deklarasi pasangan calon tanpa atribut dan tanpa "
        "menyampaikan dukungan.",
        reporter=REPORTERS[2],
        clarified=True,
        steps=forwarded(
            "085/PP.01.02/K.KT-05/2024",
            "etik",
            (
                follow_up(
                    days(12),
                    0,
                    "none",
                    "PPK menilai kehadiran tanpa dukungan aktif cukup dibina oleh atasan langsung.",
                ),
                Step(days(12) + hours(2), BKPSDM, "close"),
            ),
        ),
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.09",
        days_ago=9,
        known_days_before=15,
        respondents=(("DISPAR", 0),),
        forms=("media-sosial",),
        place="Facebook",
        chronology="Terlapor membagikan tautan penggalangan dana kampanye; dilaporkan lima belas "
        "hari setelah diketahui.",
        reporter=REPORTERS[3],
        steps=(
            Step(
                days(1),
                COORDINATOR,
                "reject",
                {
                    "reason": "Laporan melewati batas waktu pelaporan tujuh hari.",
                    "reason_code": Case.ReasonCode.EXPIRED,
                },
            ),
        ),
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.14",
        days_ago=8,
        respondents=(("DLHK", 0),),
        forms=("pendekatan-partai",),
        place="Muara Jawa",
        chronology="Terlapor disebut menghadiri rapat internal organisasi kemasyarakatan; "
        "kegiatan tidak berkaitan dengan pemilihan.",
        reporter=REPORTERS[4],
        steps=(
            Step(
                days(1),
                COORDINATOR,
                "reject",
                {
                    "reason": "Kegiatan yang dilaporkan bukan bagian dari tahapan pemilihan.",
                    "reason_code": Case.ReasonCode.NOT_ELECTION,
                },
            ),
        ),
    ),
    # --- DISMISSED (Pilkada; Pemilu 2024 with working days) ---
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.14",
        days_ago=10,
        respondents=(("DINSOS", 0),),
        forms=("reaksi-media-sosial",),
        place="Instagram",
        chronology="Terlapor diduga mengikuti akun kampanye pasangan calon; akun ternyata bukan "
        "milik terlapor.",
        reporter=REPORTERS[5],
        clarified=True,
        steps=in_review(
            (
                Step(
                    days(2),
                    COORDINATOR,
                    "dismiss",
                    {
                        "reason": "Akun yang dilaporkan bukan milik terlapor.",
                        "reason_code": Case.ReasonCode.NOT_PROVEN,
                    },
                ),
            )
        ),
    ),
    DemoCase(
        kind=Case.Kind.REPORT,
        kecamatan="64.02.15",
        days_ago=40,
        respondents=(("DISPORA", 0),),
        forms=("hadir-tanpa-dukungan",),
        place="Sanga Sanga",
        chronology="Terlapor menghadiri acara olahraga yang juga dihadiri calon anggota "
        "legislatif; tidak ada ajakan atau dukungan.",
        reporter=REPORTERS[6],
        clarified=True,
        election=PEMILU,
        steps=in_review(
            (
                Step(
                    days(4),
                    COORDINATOR,
                    "dismiss",
                    {
                        "reason": "Kehadiran pada acara olahraga bukan pelanggaran netralitas.",
                        "reason_code": Case.ReasonCode.NOT_NEUTRALITY,
                    },
                ),
            )
        ),
    ),
]
