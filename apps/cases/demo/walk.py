"""Walking a demo case through the real services, with the clock set to each step's day."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from apps.cases import services
from apps.cases.deadlines import local_date
from apps.cases.demo.scenarios import CASES
from apps.cases.demo.steps import (
    BKPSDM,
    COORDINATOR,
    DEMO_CREATORS,
    INVESTIGATOR,
    WITA,
    DemoCase,
    Step,
    hours,
)
from apps.cases.evidence import evidence_add_file, evidence_add_link
from apps.cases.models import Case, Clarification, Election, Evidence, Respondent
from apps.core import clock
from apps.personnel.models import CivilServant, Region


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
        if "into_chronology" in fields:
            into = Case.objects.get(chronology=fields.pop("into_chronology"))
            fields["into"] = into.pk
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
