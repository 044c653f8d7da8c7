"""Plans the demo's cases: what each is about, who sent it, by which channel and when."""

from __future__ import annotations

from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import accumulate

from opencex.cases.models import Case, CaseKind, Channel
from opencex.catalogue.models import Service
from opencex.council.profile import WEEKDAYS
from opencex.demo import texts
from opencex.demo.config import DemoError
from opencex.demo.names import new_faker, unique_local_part
from opencex.demo.world import LONDON, ONE_DAY, World
from opencex.people.models import Resident

K, C = CaseKind, Channel
HISTORY_DAYS = 730
KIND_MIX = (
    (K.SERVICE_REQUEST, 70.0),
    (K.ENQUIRY, 13.0),
    (K.COMPLAINT, 3.0),
    (K.COMPLIMENT, 1.4),
    (K.COMMENT, 1.0),
    (K.FOI, 9.0),
    (K.EIR, 1.2),
    (K.SAR, 1.6),
)
CHANNEL_MIX = {
    K.SERVICE_REQUEST: {
        C.WEB: 62, C.PHONE: 32.5, C.FACE_TO_FACE: 1.5, C.EMAIL: 2, C.LETTER: 0.5,
        C.OUTREACH: 0.5, C.PARTNER_API: 2,
    },
    K.ENQUIRY: {
        C.WEB: 30, C.PHONE: 55, C.FACE_TO_FACE: 5, C.EMAIL: 5, C.LETTER: 1, C.OUTREACH: 3,
        C.PARTNER_API: 1,
    },
    K.COMPLAINT: {C.WEB: 58, C.EMAIL: 17, C.PHONE: 15, C.LETTER: 7, C.FACE_TO_FACE: 3},
    K.COMPLIMENT: {C.WEB: 45, C.EMAIL: 30, C.PHONE: 15, C.FACE_TO_FACE: 10},
    K.COMMENT: {C.WEB: 55, C.EMAIL: 25, C.PHONE: 10, C.FACE_TO_FACE: 5, C.OUTREACH: 5},
    K.FOI: {C.EMAIL: 55, C.WEB: 43, C.LETTER: 2},
    K.EIR: {C.EMAIL: 55, C.WEB: 43, C.LETTER: 2},
    K.SAR: {C.WEB: 55, C.EMAIL: 35, C.LETTER: 10},
    K.FOI_INTERNAL_REVIEW: {C.EMAIL: 75, C.WEB: 25},
}  # fmt: skip
INTERNAL_REVIEW_SHARE = 0.06
STALLED_SHARE = 0.006  # open cases nobody is working: the overdue list a manager chases
REQUEST_SERVICE_KINDS = frozenset({"service_request", "booking", "application"})

# Hours of the day people use each channel (weights from 00:00 to 23:00).
ONLINE_HOURS = (1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 2.5, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 3, 2)
OFFICE_HOURS = (0,) * 9 + (3.0, 2.2, 1.8, 1.5, 1.4, 1.6, 1.5, 1.2) + (0,) * 7
POST_HOURS = (0,) * 9 + (3, 2, 1) + (0,) * 12
_WEEKDAY = {name: n for n, name in enumerate(WEEKDAYS)}


@dataclass
class Plan:
    kind: str
    channel: str
    received_at: datetime
    service: Service | None = None
    subject: str = ""
    description: str = ""
    resident: Resident | None = None
    contact: tuple[str, str, str] = ("", "", "")
    home: object = None
    is_stalled: bool = False
    parent: Case | None = None


class Planner:
    """Decides what each case is about, who sent it, how and when."""

    def __init__(self, world: World) -> None:
        self.w = world
        rng = world.rng
        self.first_day = world.today - timedelta(days=HISTORY_DAYS - 1)
        self.days = [self.first_day + n * ONE_DAY for n in range(HISTORY_DAYS)]
        live = list(
            Service.objects.live()
            .provided_by_council()
            .filter(team__isnull=False)
            .select_related("team")
            .order_by("slug")
        )
        self.services = {s.slug: s for s in live}
        doorways = world.council.all_doorways
        self.request_services = self._weighted(
            [s for s in live if s.case_kind in REQUEST_SERVICE_KINDS and s.slug not in doorways]
        )
        self.enquiry_services = self._weighted(
            [s for s in live if s.case_kind == "enquiry" and s.slug not in doorways]
        )
        self.service_complaints = [
            c for c in world.council.complaints if c.service in self.services
        ]
        residents = world.population.residents
        weights = world.population.propensity
        self.anyone = self._pool(range(len(residents)), weights)
        self.reachable_online = self._pool([i for i, r in enumerate(residents) if r.email], weights)
        self.reachable_by_phone = self._pool(
            [i for i, r in enumerate(residents) if r.phone], weights
        )
        # Only the council's tenants and leaseholders report repairs to their homes.
        homes = world.population.homes
        self.council_tenants = self._pool(
            [i for i, r in enumerate(residents) if r.pk in homes and homes[r.pk].is_council_owned],
            weights,
        )
        self.requester_faker = new_faker("en_GB")
        self.requester_faker.seed_instance(rng.getrandbits(32))
        self.requester_emails: set[str] = set()
        self.day_weights: dict[tuple[str, str], list[float]] = {}

    def _weighted(self, services: list[Service]) -> tuple[list[Service], list[float]]:
        council = self.w.council
        weights = [council.service_volumes.get(s.slug, council.default_volume) for s in services]
        return services, list(accumulate(weights))

    @staticmethod
    def _pool(indexes, weights) -> tuple[list[int], list[float]]:
        indexes = list(indexes)
        return indexes, list(accumulate(weights[i] for i in indexes))

    def plan(self, count: int) -> list[Plan]:
        rng = self.w.rng
        kinds, kind_weights = zip(*KIND_MIX, strict=True)
        plans = []
        for kind in rng.choices(kinds, weights=kind_weights, k=count):
            mix = CHANNEL_MIX[kind]
            channel = rng.choices(list(mix), weights=list(mix.values()))[0]
            plan = Plan(kind=kind, channel=channel, received_at=self.w.now)
            self._choose_subject(plan)
            plan.received_at = self._moment(plan)
            self._choose_sender(plan)
            plans.append(plan)
        plans.sort(key=lambda p: p.received_at)
        self._stall_some(plans)
        self._give_some_to_the_demo_resident(plans)
        return plans

    def _choose_subject(self, plan: Plan) -> None:
        rng, council = self.w.rng, self.w.council
        kind = plan.kind
        doorway = self.services.get(council.doorways.get(kind, ""))
        if kind in {K.SERVICE_REQUEST, K.ENQUIRY}:
            pool = self.request_services if kind == K.SERVICE_REQUEST else self.enquiry_services
            if not pool[0]:
                pool = self.request_services
            if not pool[0]:
                raise DemoError("The catalogue has no council service for a service request.")
            plan.service = rng.choices(pool[0], cum_weights=pool[1])[0]
            plan.subject = plan.service.title
            written = council.descriptions.get(plan.service.slug)
            plan.description = rng.choice(written) if written else rng.choice(texts.GENERIC_DETAILS)
        elif kind == K.COMPLAINT:
            if self.service_complaints and rng.random() < 0.6:
                about = rng.choice(self.service_complaints)
                plan.service, plan.subject = self.services[about.service], about.subject
            else:
                plan.service = doorway
                plan.subject = rng.choice(texts.GENERAL_COMPLAINT_SUBJECTS)
            plan.description = rng.choice(texts.COMPLAINT_DETAILS)
        else:
            plan.service = doorway
            subjects = {
                K.COMPLIMENT: texts.COMPLIMENT_SUBJECTS,
                K.COMMENT: texts.COMMENT_SUBJECTS,
                K.FOI: texts.FOI_SUBJECTS,
                K.EIR: texts.EIR_SUBJECTS,
                K.SAR: texts.SAR_SUBJECTS,
            }[kind]
            plan.subject = rng.choice(subjects)
            plan.description = plan.subject + "."

    def _group(self, channel: str) -> str:
        if channel in {C.WEB, C.EMAIL, C.PARTNER_API}:
            return "online"
        if channel in {C.FACE_TO_FACE, C.OUTREACH}:
            kind = "desk" if channel == C.FACE_TO_FACE else "outreach"
            if any(place.kind == kind for place in self.w.profile.places):
                return kind
        return "office"

    def _weights(self, group: str, service_slug: str) -> list[float]:
        peaks = self.w.council.service_peaks.get(service_slug, {})
        key = (group, service_slug if peaks else "")
        if key not in self.day_weights:
            open_days = {
                _WEEKDAY[h.day]
                for place in self.w.profile.places
                if place.kind == group
                for h in place.hours
            }
            weights = []
            for n, day in enumerate(self.days):
                progress = n / HISTORY_DAYS
                if group == "online":
                    weight = (0.6 if day.weekday() >= 5 else 1.0) * (0.8 + 0.4 * progress)
                elif not self.w.calendar.is_working_day(day):
                    weight = 0.0
                elif group == "office":
                    weight = (1.3, 1.1, 1.05, 1.0, 0.9)[day.weekday()] * (1.1 - 0.2 * progress)
                else:
                    weight = 1.0 if day.weekday() in open_days else 0.0
                weights.append(weight * peaks.get(day.month, 1.0))
            self.day_weights[key] = list(accumulate(weights))
        return self.day_weights[key]

    def _moment(self, plan: Plan) -> datetime:
        rng = self.w.rng
        group = self._group(plan.channel)
        cumulative = self._weights(group, plan.service.slug if plan.service else "")
        day = self.days[bisect(cumulative, rng.random() * cumulative[-1])]
        if group in {"desk", "outreach"}:
            hours = [
                h
                for place in self.w.profile.places
                if place.kind == group
                for h in place.hours
                if _WEEKDAY[h.day] == day.weekday()
            ]
            chosen = rng.choice(hours)
            start = chosen.opens.hour * 60 + chosen.opens.minute
            end = chosen.closes.hour * 60 + chosen.closes.minute
            minute = rng.randrange(start, max(start + 1, end - 5))
        else:
            by_hour = {
                C.PHONE: OFFICE_HOURS,
                C.LETTER: POST_HOURS,
                C.EMAIL: ONLINE_HOURS,
            }.get(plan.channel, ONLINE_HOURS)
            minute = rng.choices(range(24), weights=by_hour)[0] * 60 + rng.randrange(60)
        moment = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=LONDON)
        if moment > self.w.now and group in {"desk", "outreach", "office"}:
            # Later today than now: the same session a week earlier (one that opened).
            while moment > self.w.now or not self.w.calendar.is_working_day(moment.date()):
                moment -= timedelta(days=7)
        elif moment > self.w.now:
            moment = self.w.now - timedelta(minutes=rng.randint(5, 90))
        return moment

    def _choose_sender(self, plan: Plan) -> None:
        rng = self.w.rng
        residents = self.w.population.residents
        known = {
            K.SAR: 1.0,
            K.FOI: 0.25,
            K.EIR: 0.35,
        }.get(plan.kind, 0.92)
        landlord = plan.service is not None and plan.service.is_landlord_function
        if rng.random() >= known and not landlord:
            plan.contact = self._requester()
            return
        landlord = plan.service is not None and plan.service.is_landlord_function
        if landlord and self.council_tenants[0]:
            pool = self.council_tenants
        elif plan.channel in {C.WEB, C.EMAIL, C.PARTNER_API}:
            pool = self.reachable_online
        elif plan.channel == C.PHONE:
            pool = self.reachable_by_phone
        else:
            pool = self.anyone
        if not pool[0]:
            pool = self.anyone
        resident = residents[rng.choices(pool[0], cum_weights=pool[1])[0]]
        self._send_as(plan, resident)

    def _send_as(self, plan: Plan, resident: Resident) -> None:
        plan.resident = resident
        plan.contact = (resident.full_name, resident.email, resident.phone)
        home = self.w.population.homes.get(resident.pk)
        landlord = plan.service is not None and plan.service.is_landlord_function
        if (
            plan.kind == K.SERVICE_REQUEST
            and home is not None
            and (landlord or self.w.rng.random() < 0.75)
        ):
            plan.home = home

    def _requester(self) -> tuple[str, str, str]:
        fake = self.requester_faker
        first, last = fake.first_name(), fake.last_name()
        local = unique_local_part(first, last, self.requester_emails)
        return f"{first} {last}", f"{local}@example.net", ""

    def _stall_some(self, plans: list[Plan]) -> None:
        today = self.w.today
        eligible = [
            p
            for p in plans
            if p.kind in {K.SERVICE_REQUEST, K.ENQUIRY}
            and 20 <= (today - p.received_at.date()).days <= 120
        ]
        count = min(len(eligible), max(4, round(len(plans) * STALLED_SHARE)))
        for plan in self.w.rng.sample(eligible, k=count):
            plan.is_stalled = True

    def _give_some_to_the_demo_resident(self, plans: list[Plan]) -> None:
        """A few web cases of every state for the resident demo account to see."""
        today = self.w.today
        web = [p for p in plans if p.channel == C.WEB and not p.is_stalled]

        def received_days_ago(plan: Plan) -> int:
            return (today - plan.received_at.date()).days

        def one(kind: str, newest: int, oldest: int) -> list[Plan]:
            found = [p for p in web if p.kind == kind and newest <= received_days_ago(p) < oldest]
            return found[len(found) // 2 : len(found) // 2 + 1]

        for plan in (
            one(K.SERVICE_REQUEST, 0, 4)
            + one(K.SERVICE_REQUEST, 60, 200)
            + one(K.SERVICE_REQUEST, 200, 400)
            + one(K.COMPLAINT, 30, 200)
            + one(K.ENQUIRY, 10, 200)
        ):
            self._send_as(plan, self.w.demo_resident)
            plan.home = self.w.population.homes.get(self.w.demo_resident.pk)

    def internal_reviews(self, cases: Sequence[Case]) -> list[Plan]:
        """Some FOI requesters ask for an internal review of the response they got."""
        rng, now = self.w.rng, self.w.now
        doorway = self.services.get(self.w.council.doorways.get(K.FOI_INTERNAL_REVIEW, ""))
        plans = []
        for case in cases:
            if case.kind != K.FOI or case.responded_on is None:
                continue
            if rng.random() >= INTERNAL_REVIEW_SHARE:
                continue
            day = case.responded_on + timedelta(days=rng.randint(2, 40))
            moment = datetime.combine(day, time(rng.randint(8, 21), rng.randrange(60)), LONDON)
            if moment > now:
                continue
            mix = CHANNEL_MIX[K.FOI_INTERNAL_REVIEW]
            plans.append(
                Plan(
                    kind=K.FOI_INTERNAL_REVIEW,
                    channel=rng.choices(list(mix), weights=list(mix.values()))[0],
                    received_at=moment,
                    service=doorway,
                    subject=f"Internal review: {case.subject}",
                    description="I am not satisfied with the response and ask for a review.",
                    resident=case.resident,
                    contact=(case.contact_name, case.contact_email, case.contact_phone),
                    parent=case,
                )
            )
        return plans
