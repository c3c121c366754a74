"""Demo sessions (synthetic people only): the Loa Janan session of Friday 22 November 2024 with
about 50 participants, and a few sessions in other kecamatan. Idempotent: a second run finds the
sessions by kecamatan, start and title and adds nothing.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from apps.personnel.models import Agency, CivilServant, Region
from apps.personnel.seeds import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES
from apps.training import services
from apps.training.models import (
    AttendanceMethod,
    IntegrityPledge,
    ParticipantType,
    Registration,
    Session,
)

WITA = ZoneInfo("Asia/Makassar")
DEMO_SEED = 6403


@dataclass(frozen=True)
class DemoSession:
    kecamatan_code: str
    title: str
    starts_at: datetime
    hours: int
    venue: str
    asn: int
    non_asn: int
    present_share: float
    clerk: str | None


SPEAKERS = [
    {
        "name": "Rahmawati Syahrani, S.Sos.",
        "institution": "BKPSDM Kabupaten Kutai Kartanegara",
        "topic": "Disiplin dan netralitas ASN (PP 94/2021, SKB netralitas)",
    },
    {
        "name": "Muhammad Firdaus, S.H.",
        "institution": "Bawaslu Kabupaten Kutai Kartanegara",
        "topic": "Pengawasan netralitas ASN pada Pilkada 2024",
    },
]

DEMO_SESSIONS = [
    DemoSession(
        "64.02.03",
        "Sosialisasi Netralitas ASN Menjelang Pilkada Kukar 2024",
        datetime(2024, 11, 22, 9, 0, tzinfo=WITA),
        3,
        "Aula Kantor Camat Loa Janan",
        30,
        20,
        0.9,
        "demo-camat-loajanan",
    ),
    DemoSession(
        "64.02.06",
        "Sosialisasi Netralitas ASN Kecamatan Tenggarong",
        datetime(2024, 11, 20, 13, 30, tzinfo=WITA),
        3,
        "Pendopo Kantor Camat Tenggarong",
        24,
        6,
        0.8,
        "demo-camat-tenggarong",
    ),
    DemoSession(
        "64.02.06",
        "Pakta Integritas Netralitas ASN Kelurahan se-Tenggarong",
        datetime(2024, 10, 14, 9, 0, tzinfo=WITA),
        2,
        "Ruang Rapat Kantor Camat Tenggarong",
        12,
        0,
        1.0,
        "demo-camat-tenggarong",
    ),
    DemoSession(
        "64.02.11",
        "Sosialisasi Netralitas ASN dan Kepala Desa",
        datetime(2024, 11, 18, 9, 0, tzinfo=WITA),
        3,
        "Aula Kantor Camat",
        15,
        8,
        0.75,
        None,
    ),
]

NON_ASN_MIX = [
    (ParticipantType.VILLAGE_OFFICIAL, "Sekretaris Desa"),
    (ParticipantType.COMMUNITY_LEADER, "Ketua RT"),
    (ParticipantType.RELIGIOUS_LEADER, "Imam Masjid"),
    (ParticipantType.SECURITY, "Babinsa"),
    (ParticipantType.SECURITY, "Bhabinkamtibmas"),
    (ParticipantType.HONORARY, "Tenaga Honorer"),
    (ParticipantType.COMMUNITY_LEADER, "Tokoh Pemuda"),
    (ParticipantType.VILLAGE_OFFICIAL, "Kepala Urusan Pemerintahan"),
]


def _person_name(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES_F if rng.random() < 0.4 else FIRST_NAMES_M)
    return f"{first} {rng.choice(LAST_NAMES)}"


def _phone(rng: random.Random) -> str:
    return f"08{rng.choice(['11', '12', '13', '21', '52'])}{rng.randint(10_000_000, 99_999_999)}"


def _asn_for(kecamatan: Region, count: int) -> list[CivilServant]:
    """The kecamatan office first, then its school and health-centre units, then others there."""
    units = [f"KEC-{kecamatan.code}", f"SDN-{kecamatan.code}", f"PKM-{kecamatan.code}"]
    people = CivilServant.objects.filter(is_active=True, kecamatan=kecamatan).select_related(
        "agency"
    )
    picked: list[CivilServant] = []
    share = max(1, count // len(units))
    for code in units:
        picked += list(people.filter(agency__code=code).order_by("nip")[:share])
    picked += list(
        people.filter(
            Q(agency__parent__code__in=["DISDIKBUD", "DINKES"])
            | Q(agency__code__in=["DISDIKBUD", "DINKES"])
        )
        .exclude(pk__in=[p.pk for p in picked])
        .order_by("nip")[: count - len(picked)]
    )
    picked += list(
        people.exclude(pk__in=[p.pk for p in picked]).order_by("nip")[: count - len(picked)]
    )
    return picked[:count]


def _non_asn_for(kecamatan: Region, count: int, rng: random.Random) -> list[dict]:
    villages = list(
        Region.objects.filter(parent=kecamatan, level=Region.Level.VILLAGE).order_by("code")
    )
    desa = [v for v in villages if not v.is_kelurahan]
    people = [
        {
            "participant_type": ParticipantType.VILLAGE_HEAD,
            "name": _person_name(rng),
            "institution": f"Desa {village.name}",
            "position": "Kepala Desa",
            "phone": _phone(rng),
        }
        for village in desa[: count // 2]
    ]
    for index in range(count - len(people)):
        kind, position = NON_ASN_MIX[index % len(NON_ASN_MIX)]
        village = rng.choice(villages) if villages else None
        people.append(
            {
                "participant_type": kind,
                "name": _person_name(rng),
                "institution": f"{'Desa' if village and not village.is_kelurahan else 'Kelurahan'} "
                f"{village.name}"
                if village
                else kecamatan.name,
                "position": position,
                "phone": _phone(rng),
            }
        )
    return people


def _actor(username: str | None):
    User = get_user_model()
    user = User.objects.filter(username=username or "admin").first()
    if user is None:
        raise RuntimeError(
            f"Akun demo {username or 'admin'} belum ada: jalankan 'manage.py seed --demo'."
        )
    return user


def _seed_session(demo: DemoSession, rng: random.Random, admin) -> Session | None:
    kecamatan = Region.objects.get(code=demo.kecamatan_code)
    if Session.objects.filter(
        kecamatan=kecamatan, starts_at=demo.starts_at, title=demo.title
    ).exists():
        return None
    clerk = _actor(demo.clerk) if demo.clerk else admin
    office = Agency.objects.filter(code=f"KEC-{kecamatan.code}").first()
    # The demo's sessions lie in the past: written by the administrator, as a coordinator would
    # (a clerk may not date a session back), and audited as such.
    session = services.session_create(
        actor=admin,
        title=demo.title,
        starts_at=demo.starts_at,
        ends_at=demo.starts_at + timedelta(hours=demo.hours),
        venue=demo.venue,
        kecamatan=kecamatan,
        organiser=office,
        capacity=60,
        speakers=SPEAKERS,
    )
    registrations = [
        services.registration_add(session=session, actor=clerk, nip=person.nip)[0]
        for person in _asn_for(kecamatan, demo.asn)
    ]
    registrations += [
        services.registration_add(session=session, actor=clerk, **person)[0]
        for person in _non_asn_for(kecamatan, demo.non_asn, rng)
    ]
    _seed_attendance(session, registrations, demo, rng, clerk)
    services.session_update(session=session, actor=clerk, status=Session.Status.HELD)
    return session


def _seed_attendance(session, registrations, demo: DemoSession, rng, clerk) -> None:
    present = rng.sample(registrations, round(len(registrations) * demo.present_share))
    for index, registration in enumerate(present):
        if index % 15 == 14:  # a few came in from the paper list afterwards
            services.attendance_record_paper(
                session=session, actor=clerk, registration_ids=[registration.pk]
            )
            continue
        # Historical scans: the check-in service stamps "now", so the demo writes the past time.
        at = demo.starts_at - timedelta(minutes=rng.randint(-10, 40))
        method = AttendanceMethod.QR if index % 4 else AttendanceMethod.KIOSK_NIP
        Registration.objects.filter(pk=registration.pk, attended_at__isnull=True).update(
            attended_at=at,
            attendance_method=method,
            attendance_recorded_by=clerk,
            attendance_recorded_at=at,
        )
    for registration in present:
        if registration.civil_servant_id and rng.random() < 0.85:
            services.pledge_record(
                actor=clerk, civil_servant=registration.civil_servant, session=session
            )


@transaction.atomic
def seed_demo(log=print) -> None:
    rng = random.Random(DEMO_SEED)
    admin = _actor("admin")
    created = [s for demo in DEMO_SESSIONS if (s := _seed_session(demo, rng, admin))]
    for session in created:
        log(
            f"sesi demo: {session.title} ({session.kecamatan.name}), "
            f"{session.registrations.count()} peserta, "
            f"{session.registrations.filter(attended_at__isnull=False).count()} hadir"
        )
    if not created:
        log("sesi demo: sudah ada")
    log(f"pakta integritas demo: {IntegrityPledge.objects.count()}")
