"""Demo cases (synthetic people only): every state, several kecamatan and agencies, deadlines
running, due soon and missed relative to today.

Each case is logged and walked through the real services (``case_create``, ``case_assign``,
``evidence_add_*``, ``case_transition``, ``followup_record``) with the clock set to the moment each
step "happened", so the timeline, the register numbers, the stored deadlines and the states agree
with each other. A case is recognised by its chronology: a second run adds nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from apps.cases import services
from apps.cases.deadlines import local_date
from apps.cases.evidence import evidence_add_file, evidence_add_link
from apps.cases.models import Case, Clarification, Election, Evidence, Respondent
from apps.core import clock
from apps.personnel.models import CivilServant, Region

WITA = ZoneInfo("Asia/Makassar")
PILKADA, PEMILU = "pilkada-kukar-2024", "pemilu-2024"
COORDINATOR, INVESTIGATOR, BKPSDM = "demo-koordinator", "demo-investigator", "demo-bkpsdm"
DEMO_CREATORS = (COORDINATOR, INVESTIGATOR)


@dataclass(frozen=True)
class Step:
    """One thing that happened to a case, ``after`` its receipt, done by ``actor``."""

    after: timedelta
    actor: str
    action: str
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DemoReporter:
    name: str
    nik: str
    phone: str
    occupation: str


@dataclass(frozen=True)
class DemoCase:
    kind: str
    kecamatan: str
    days_ago: int
    respondents: tuple[tuple[str, int], ...]
    forms: tuple[str, ...]
    place: str
    chronology: str
    steps: tuple[Step, ...] = ()
    reporter: DemoReporter | None = None
    known_days_before: int = 1
    witness: str = ""
    links: int = 1
    screenshot: bool = False
    clarified: bool = False
    election: str = PILKADA
    creator: str = INVESTIGATOR
    assign: bool = True


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def registered(extra: tuple[Step, ...] = ()) -> tuple[Step, ...]:
    return (Step(hours(2), COORDINATOR, "register"), *extra)


def in_clarification(extra: tuple[Step, ...] = ()) -> tuple[Step, ...]:
    return registered((Step(hours(4), INVESTIGATOR, "begin_clarification"), *extra))


def in_review(extra: tuple[Step, ...] = ()) -> tuple[Step, ...]:
    return in_clarification((Step(days(1), INVESTIGATOR, "begin_review"), *extra))


def forwarded(letter: str, sanction: str, extra: tuple[Step, ...] = ()) -> tuple[Step, ...]:
    forward = Step(
        days(2),
        COORDINATOR,
        "forward",
        {
            "letter_number": letter,
            "recommended_sanction": sanction,
            "conclusion": "Terbukti melanggar netralitas ASN berdasarkan klarifikasi dan alat bukti.",
        },
    )
    return in_review((forward, *extra))


def follow_up(after: timedelta, respondent: int, sanction: str, reason: str = "") -> Step:
    return Step(
        after,
        BKPSDM,
        "follow_up",
        {"respondent": respondent, "sanction": sanction, "reason": reason},
    )


REPORTERS = [
    DemoReporter("Hendra Wiratama (sintetis)", "6402031204880003", "+6281253400101", "Wiraswasta"),
    DemoReporter(
        "Nurul Aulia Safitri (sintetis)", "6402065507920004", "+6281253400102", "Guru honorer"
    ),
    DemoReporter("Bambang Setiadi (sintetis)", "6402130310850002", "+6281253400103", "Petani"),
    DemoReporter(
        "Rosdiana Maharani (sintetis)", "6402054111900001", "+6281253400104", "Pemantau pemilihan"
    ),
    DemoReporter("Yusuf Ardiansyah (sintetis)", "6402162008950005", "+6281253400105", "Mahasiswa"),
    DemoReporter("Lestari Wulandari (sintetis)", "6402026302870006", "+6281253400106", "Pedagang"),
    DemoReporter("Taufik Hidayatullah (sintetis)", "6402091506830007", "+6281253400107", "Nelayan"),
    DemoReporter(
        "Indah Permatasari (sintetis)", "6402144709940008", "+6281253400108", "Karyawan swasta"
    ),
]

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


def received_at(spec: DemoCase, today: date) -> datetime:
    minute = (spec.days_ago * 7 + len(spec.place)) % 50
    return datetime.combine(today - timedelta(days=spec.days_ago), time(9, minute), tzinfo=WITA)


def screenshot_png(text: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (480, 240), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 480, 36), fill=(59, 89, 152))
    draw.text((12, 10), "Tangkapan layar (sintetis)", fill=(255, 255, 255))
    for line, row in enumerate(text[i : i + 60] for i in range(0, min(len(text), 300), 60)):
        draw.text((12, 50 + 18 * line), row, fill=(20, 20, 20))
    out = BytesIO()
    image.save(out, "PNG")
    return SimpleUploadedFile("tangkapan-layar.png", out.getvalue(), content_type="image/png")


class DemoWalk:
    """Logs and walks one demo case through the services."""

    def __init__(self, spec: DemoCase, users: dict, start: datetime, pick: Callable):
        self.spec, self.users, self.start, self.pick = spec, users, start, pick
        self.case: Case | None = None

    def at(self, offset: timedelta) -> datetime:
        return self.start + offset

    def run(self) -> Case:
        spec = self.spec
        with clock.travel_to(self.start):
            self.case = services.case_create(
                actor=self.users[spec.creator],
                kind=spec.kind,
                election=Election.objects.get(code=spec.election),
                received_at=self.start,
                known_on=self.start.date() - timedelta(days=spec.known_days_before),
                incident_on=self.start.date() - timedelta(days=spec.known_days_before),
                incident_place=spec.place,
                kecamatan=Region.objects.get(code=spec.kecamatan),
                chronology=spec.chronology,
                reporter=self.reporter(),
                respondents=[{"civil_servant": self.pick(*r)} for r in spec.respondents],
                witnesses=[{"name": spec.witness, "phone": "+6281300000000"}]
                if spec.witness
                else [],
                violation_forms=list(spec.forms),
            )
        if spec.assign and spec.creator != INVESTIGATOR:
            with clock.travel_to(self.at(timedelta(minutes=5))):
                services.case_assign(
                    case=self.case,
                    investigators=[self.users[INVESTIGATOR]],
                    actor=self.users[COORDINATOR],
                )
        self.add_evidence()
        for step in spec.steps:
            with clock.travel_to(self.at(step.after)):
                self.perform(step)
            if step.action == "begin_clarification" and spec.clarified:
                self.clarify(step.after + hours(2))
        return self.case

    def reporter(self) -> dict | None:
        r = self.spec.reporter
        if r is None:
            return None
        address = f"RT 0{len(r.name) % 9 + 1}, Kecamatan {Region.objects.get(code=self.spec.kecamatan).name}"
        return {
            "name": r.name,
            "nik": r.nik,
            "phone": r.phone,
            "occupation": r.occupation,
            "address": address,
            "email": "",
        }

    def handler(self):
        return self.users[INVESTIGATOR] if self.spec.assign else self.users[COORDINATOR]

    def add_evidence(self) -> None:
        for index in range(self.spec.links):
            captured = self.at(timedelta(minutes=15 + index))
            with clock.travel_to(self.at(timedelta(minutes=20 + index))):
                evidence_add_link(
                    case=self.case,
                    url=f"https://media-sosial.invalid/demo/{self.case.pk}/{index + 1}",
                    captured_at=captured,
                    description="Unggahan yang dilaporkan (tautan sintetis)",
                    actor=self.handler(),
                )
        if self.spec.screenshot:
            with clock.travel_to(self.at(timedelta(minutes=25))):
                evidence_add_file(
                    case=self.case,
                    uploaded_file=screenshot_png(self.spec.chronology),
                    kind=Evidence.Kind.SCREENSHOT,
                    description="Tangkapan layar unggahan",
                    actor=self.handler(),
                )

    def clarify(self, after: timedelta) -> None:
        respondent = Respondent.objects.filter(case=self.case).order_by("id").first()
        with clock.travel_to(self.at(after)):
            services.clarification_record(
                case=self.case,
                actor=self.handler(),
                person_name=respondent.name,
                role=Clarification.Role.RESPONDENT,
                respondent=respondent,
                held_at=self.at(after),
                summary="Terlapor hadir dan memberikan keterangan di kantor Bawaslu Kutai "
                "Kartanegara.",
            )

    def perform(self, step: Step) -> None:
        actor = self.users[step.actor]
        if step.action == "follow_up":
            respondents = list(Respondent.objects.filter(case=self.case).order_by("id"))
            services.followup_record(
                respondent=respondents[step.fields["respondent"]],
                sanction_type=step.fields["sanction"],
                decree_number=""
                if step.fields["sanction"] == "none"
                else f"800.1.6/{self.case.pk:03d}/BKPSDM",
                decree_date=None if step.fields["sanction"] == "none" else local_date(clock.now()),
                reason=step.fields["reason"],
                actor=actor,
            )
            return
        fields = dict(step.fields)
        if step.action == "forward":
            fields.update(
                letter_date=local_date(clock.now()), recipients=["bkn-wasdal", "bkpsdm-kukar"]
            )
        services.case_transition(
            case_id=self.case.pk, action=step.action, actor=actor, fields=fields
        )


def civil_servant_picker() -> Callable[[str, int], CivilServant]:
    """The ``index``-th demo civil servant of an agency (by NIP), else of the whole registry."""
    everyone = CivilServant.objects.filter(is_active=True).order_by("nip")

    def pick(agency_code: str, index: int) -> CivilServant:
        in_agency = everyone.filter(agency__code=agency_code)
        return in_agency[index] if in_agency.count() > index else everyone[index]

    return pick


def seed_demo_cases(log=print) -> int:
    """Create the demo cases that are missing; returns how many were created."""
    User = get_user_model()
    users = {
        u.username: u for u in User.objects.filter(username__in=[COORDINATOR, INVESTIGATOR, BKPSDM])
    }
    if len(users) < 3 or not CivilServant.objects.exists():
        log("kasus demo: akun demo atau ASN demo belum ada, dilewati")
        return 0
    existing = set(
        Case.objects.filter(created_by__username__in=DEMO_CREATORS).values_list(
            "chronology", flat=True
        )
    )
    today = timezone.localdate()
    pick = civil_servant_picker()
    created = 0
    # Oldest first, so that register numbers follow the order of registration.
    for spec in sorted(CASES, key=lambda s: -s.days_ago):
        if spec.chronology in existing:
            continue
        with transaction.atomic():
            DemoWalk(spec, users, received_at(spec, today), pick).run()
        created += 1
    log(f"kasus demo baru: {created}")
    return created
