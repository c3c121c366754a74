"""The vocabulary of the demo cases: a step, a reporter, a case, and the usual walks."""

from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

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
