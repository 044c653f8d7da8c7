"""The labelled demo set of reports: seeded problems, each reported one to five times (positions
scattered around the spot, time gaps, reworded text, map points or only a postcode), with hard
negatives (another problem on the same street, the same spot a month later, another service at
the same spot). `labelled_reports` feeds the bench; `load_demo_duplicate_reports` puts the
recent part in the demo council as open reports, with the per-service distances."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.utils import timezone

from opencex.directory.postcodes import locate_postcode
from opencex.duplicatereports.models import PRECISION_METRES, PlaceSource
from opencex.duplicatereports.rule import Report

DEMO_SEED = 16

# Per service of the demo catalogue: metres, days, what people report, how they word it.
SERVICES: dict[str, tuple[int, int, list[str], list[str]]] = {
    "report-fly-tipping": (
        50,
        7,
        ["mattress", "sofa", "black bags", "fridge", "builders rubble", "tyres", "carpet"],
        [
            "{item} dumped {where}",
            "Someone has dumped a {item} {where}",
            "fly tipping: {item} left {where}",
            "There is a {item} fly-tipped {where}, been there since yesterday",
            "pile of {item} {where}",
        ],
    ),
    "report-graffiti": (
        30,
        10,
        [
            "tag on the wall",
            "spray paint on the bus shelter",
            "paint on the shop shutter",
            "scrawl on the phone box",
        ],
        [
            "Graffiti: {item} {where}",
            "new {item} {where}",
            "{item} {where}, please clean",
            "someone sprayed {item} {where}",
        ],
    ),
    "report-abandoned-vehicle": (
        20,
        14,
        ["silver Ford Focus", "white van", "red Vauxhall Corsa", "black BMW", "blue Fiesta"],
        [
            "{item} has not moved for weeks {where}",
            "abandoned {item} {where}, no tax",
            "{item} left {where} with flat tyres",
            "A {item} looks abandoned {where}",
        ],
    ),
    "report-dog-fouling": (
        30,
        5,
        ["dog mess on the pavement", "dog poo by the school gate", "fouling on the grass"],
        ["{item} {where}", "lots of {item} {where} again", "Please clean {item} {where}"],
    ),
    "report-full-litter-bin": (
        20,
        3,
        ["litter bin overflowing", "bin full with rubbish all round it", "bin not emptied"],
        ["{item} {where}", "The {item} {where}", "{item} {where}, smells"],
    ),
}
TEAMS = {
    "report-fly-tipping": "environmental-enforcement",
    "report-abandoned-vehicle": "environmental-enforcement",
    "report-graffiti": "street-cleansing",
    "report-dog-fouling": "street-cleansing",
    "report-full-litter-bin": "street-cleansing",
}
STREETS = [
    "Cowley Road",
    "Iffley Road",
    "Magdalen Road",
    "Howard Street",
    "Divinity Road",
    "Abingdon Road",
    "Botley Road",
    "London Road",
    "Headington Road",
    "Marston Road",
    "Banbury Road",
    "Walton Street",
    "Rose Hill",
    "Oxford Road",
    "Between Towns Road",
]
LANDMARKS = [
    "the corner shop",
    "the bus stop",
    "the post box",
    "the lamp post",
    "the park gate",
    "the church",
    "number 12",
    "the phone box",
    "the pub",
    "the recycling point",
]
SECTORS = [
    "OX1 1",
    "OX1 2",
    "OX1 3",
    "OX1 4",
    "OX2 6",
    "OX2 7",
    "OX3 0",
    "OX3 7",
    "OX3 8",
    "OX3 9",
    "OX4 1",
    "OX4 2",
    "OX4 3",
    "OX4 4",
    "OX4 6",
]
# About 165 m north-south and 100 m east-west: one made-up full postcode per cell.
CELL_DEGREES = 0.0015
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class LabelledReport:
    report: Report
    cluster: int
    service: str
    source: str
    subject: str
    description: str
    location: str


def _offset(lat: float, long: float, metres: float, bearing: float) -> tuple[float, float]:
    north, east = metres * math.cos(bearing), metres * math.sin(bearing)
    return (
        lat + north / 111_320,
        long + east / (111_320 * math.cos(math.radians(lat))),
    )


def _postcode(sector: str, lat: float, long: float) -> str:
    row, column = int(lat / CELL_DEGREES), int(long / CELL_DEGREES)
    return f"{sector}{_LETTERS[row % 20]}{_LETTERS[column % 20]}"


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 8 or rng.random() > 0.3:
        return text
    at = rng.randrange(1, len(text) - 2)
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


@dataclass
class _Problem:
    cluster: int
    service: str
    sector: str
    lat: float
    long: float
    street: str
    item: str
    start: datetime


def _reports_of(rng: random.Random, problem: _Problem, next_id: list[int]) -> list[LabelledReport]:
    metres, _days, _items, phrasings = SERVICES[problem.service]
    count = rng.choices([1, 2, 3, 4, 5], weights=[40, 25, 15, 10, 10])[0]
    landmark = rng.choice(LANDMARKS)
    made: list[LabelledReport] = []
    received = problem.start
    for index in range(count):
        if index:
            received += timedelta(hours=rng.expovariate(1 / 20))
        where = rng.choice(
            [
                f"on {problem.street}",
                f"on {problem.street} by {landmark}",
                f"outside {landmark}, {problem.street}",
                f"near {landmark}",
            ]
        )
        text = _typo(rng, rng.choice(phrasings).format(item=problem.item, where=where))
        if index and rng.random() < 0.08:  # the same words again, sent through another door
            text = made[0].description
        source = rng.choices(
            [PlaceSource.OPEN311, PlaceSource.POSTCODE, PlaceSource.PROPERTY], weights=[55, 30, 15]
        )[0]
        lat, long = _offset(
            problem.lat, problem.long, abs(rng.gauss(0, metres * 0.35)), rng.uniform(0, 6.283)
        )
        postcode = _postcode(problem.sector, lat, long)
        uprn = ""
        if source == PlaceSource.PROPERTY:  # placed by the reporter's home, a street away or so
            home = _offset(lat, long, rng.uniform(0, 150), rng.uniform(0, 6.283))
            postcode, uprn = _postcode(problem.sector, *home), str(100120900000 + next_id[0])
        if source != PlaceSource.OPEN311:
            centre = locate_postcode(problem.sector)
            lat, long = centre.latitude, centre.longitude
        next_id[0] += 1
        made.append(
            LabelledReport(
                report=Report(
                    id=next_id[0],
                    service_id=list(SERVICES).index(problem.service) + 1,
                    received_at=received,
                    text=f"{problem.service.removeprefix('report-').replace('-', ' ')}\n{text}",
                    latitude=lat,
                    longitude=long,
                    precision_m=PRECISION_METRES[source],
                    postcode=postcode,
                    uprn=uprn,
                ),
                cluster=problem.cluster,
                service=problem.service,
                source=str(source),
                subject=text[:80],
                description=text,
                location=where,
            )
        )
    return made


def labelled_reports(
    *, seed: int = DEMO_SEED, problems: int = 240, end: datetime | None = None
) -> list[LabelledReport]:
    """The labelled set: about 2.2 reports per problem plus the hard negatives, each report
    with the id of the problem it is about (its cluster)."""
    rng = random.Random(seed)
    end = end or datetime(2026, 11, 30, 17, 0, tzinfo=timezone.get_fixed_timezone(0))
    next_id, cluster = [0], 0
    made: list[LabelledReport] = []
    for _ in range(problems):
        service = rng.choice(list(SERVICES))
        sector = rng.choice(SECTORS)
        centre = locate_postcode(sector)
        lat, long = _offset(
            centre.latitude, centre.longitude, rng.uniform(0, 700), rng.uniform(0, 6.283)
        )
        start = end - timedelta(days=rng.uniform(0, 75))
        street, item = rng.choice(STREETS), rng.choice(SERVICES[service][2])
        cluster += 1
        problem = _Problem(cluster, service, sector, lat, long, street, item, start)
        made += _reports_of(rng, problem, next_id)
        roll = rng.random()
        negative = None
        if roll < 0.3:  # another problem on the same street, a short walk away, days later
            far = SERVICES[service][0] * rng.uniform(1.5, 4)
            there = _offset(lat, long, far, rng.uniform(0, 6.283))
            others = [i for i in SERVICES[service][2] if i != item]
            negative = replace(
                problem,
                lat=there[0],
                long=there[1],
                item=rng.choice(others),
                start=start + timedelta(days=rng.uniform(0, 3)),
            )
        elif roll < 0.45:  # the same spot a month later: cleared, and dumped again
            negative = replace(problem, start=start + timedelta(days=rng.uniform(25, 45)))
        elif roll < 0.6:  # another service at the same spot
            other = rng.choice([s for s in SERVICES if s != service])
            negative = replace(
                problem,
                service=other,
                item=rng.choice(SERVICES[other][2]),
                start=start + timedelta(hours=rng.uniform(0, 30)),
            )
        if negative is not None:
            cluster += 1
            made += _reports_of(rng, replace(negative, cluster=cluster), next_id)
    return made


DEMO_KEY = "demo-duplicate-report-"


def load_demo_duplicate_reports(*, days: int = 10) -> str:
    """Put the per-service distances in, and the labelled set's last `days` days in as open
    reports (shifted to end now) with their places; then run the sweep. Safe to run again."""
    from opencex.cases.models import Case, CaseKind, Channel
    from opencex.cases.references import new_reference
    from opencex.catalogue.models import Service
    from opencex.duplicatereports.models import MatchingRule
    from opencex.duplicatereports.places import record_place
    from opencex.duplicatereports.services import sweep

    services = {s.slug: s for s in Service.objects.filter(slug__in=list(SERVICES))}
    for slug, (metres, window, *_rest) in SERVICES.items():
        if slug in services:
            MatchingRule.objects.update_or_create(
                service=services[slug], defaults={"metres": metres, "days": window}
            )
    if Case.objects.filter(submission_key__startswith=DEMO_KEY).exists():
        return "Duplicate reports: the demo reports are already loaded."
    now = timezone.now()
    reports = labelled_reports(end=now)
    recent = [r for r in reports if r.report.received_at >= now - timedelta(days=days)]
    made = 0
    for labelled in recent:
        service = services.get(labelled.service)
        if service is None:
            continue
        report = labelled.report
        answers: dict[str, dict[str, object]]
        if labelled.source == PlaceSource.OPEN311:
            answers = {"map": {"lat": report.latitude, "long": report.longitude}}
        else:
            answers = {"location": {"description": labelled.location, "postcode": report.postcode}}
        received_on = timezone.localdate(report.received_at)
        case = Case.objects.create(
            reference=new_reference(CaseKind.SERVICE_REQUEST),
            kind=CaseKind.SERVICE_REQUEST,
            channel=Channel.WEB,
            service=service,
            team=service.team,
            contact_name="Demo reporter",
            contact_email=f"reporter{report.id}@example.org",
            subject=labelled.subject,
            description=labelled.description,
            answers=answers,
            received_at=report.received_at,
            received_on=received_on,
            clock_started_on=received_on,
            due_on=received_on + timedelta(days=7),
            submission_key=f"{DEMO_KEY}{report.id}",
        )
        record_place(case)
        made += 1
    proposed = sweep(now=now)
    return f"Duplicate reports: {made} open demo reports, {proposed} proposed as the same job."
