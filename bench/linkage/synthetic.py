"""A seeded synthetic set of UK residents with known duplicates, for bench/record_linkage.py.

People live in households at addresses (family members share the surname, the address, the UPRN
and often a landline; some households have twins: the same surname, date of birth and address,
different first names). About a fifth of people have one to three duplicate records, each made
from the original with the errors council records carry: typos, nicknames, Arabic-origin names
transliterated another way, Polish letters typed plain, "Surname, Given" order, titles, day and
month swapped or a digit off in the date of birth, a moved address, a changed or missing email
and phone, missing fields. Names are English (about 70%), Polish and Arabic-origin.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta


def _words(text: str) -> list[str]:
    return text.split()


ENGLISH_GIVEN = _words(
    "oliver george harry jack jacob noah charlie thomas oscar william james henry leo "
    "alfie joshua freddie archie ethan isaac alexander joseph edward samuel max daniel "
    "arthur lucas logan adam david robert michael john richard peter paul mark andrew "
    "stephen christopher matthew anthony kevin gary ian simon neil jonathan timothy "
    "patrick benjamin olivia amelia isla ava emily sophia grace mia poppy ella lily evie "
    "isabella sophie jessica charlotte ruby chloe florence freya alice daisy phoebe "
    "elizabeth margaret katherine sarah rebecca rachel emma hannah laura helen susan "
    "deborah karen julie claire nicola victoria jennifer patricia mary joanne samantha "
    "amanda natalie abigail eleanor caroline"
)
ENGLISH_SURNAMES = _words(
    "smith jones williams taylor brown davies evans wilson thomas johnson roberts "
    "robinson thompson wright walker white edwards hughes green hall lewis harris clarke "
    "patel jackson wood turner martin cooper hill ward morris moore clark lee king baker "
    "harrison morgan allen james scott phillips watson davis parker price bennett young "
    "griffiths mitchell kelly cook carter richardson bailey collins bell shaw murphy "
    "miller cox richards khan marshall anderson simpson ellis adams singh begum wilkinson "
    "foster chapman powell webb rogers gray mason ali hunt hussain campbell matthews owen "
    "palmer holmes mills barnes knight lloyd butler russell barker fisher stevens jenkins "
    "murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson howard andrews "
    "stewart elliott reynolds saunders payne fox ford pearce day brooks west lawrence "
    "cole atkinson bradley spencer gill dawson ball burton obrien watts rose booth perry "
    "ryan grant wells armstrong francis rees hayes hart hudson newman barrett webster "
    "hunter gregory carr lowe page marsh riley dunn woods parsons berry stone smith-jones "
    "fox-talbot lloyd-webber"
)
POLISH_GIVEN = _words(
    "jan piotr krzysztof andrzej tomasz paweł michał marcin grzegorz józef łukasz adam "
    "zbigniew jerzy tadeusz mateusz dariusz mariusz wojciech jakub kamil stanisław anna "
    "maria katarzyna małgorzata agnieszka barbara ewa krystyna elżbieta zofia magdalena "
    "joanna aleksandra monika teresa danuta natalia julia karolina marta beata dorota"
)
POLISH_SURNAMES = _words(
    "nowak kowalski wiśniewski wójcik kowalczyk kamiński lewandowski zieliński szymański "
    "woźniak dąbrowski kozłowski jankowski mazur wojciechowski kwiatkowski krawczyk "
    "kaczmarek piotrowski grabowski zając pawłowski michalski król wieczorek jabłoński "
    "wróbel nowakowski majewski olszewski stępień malinowski jaworski adamczyk dudek "
    "nowicki pawlak górski witkowski"
)
ARABIC_GIVEN = _words(
    "mohammed ahmed ali omar hassan hussein ibrahim yusuf khalid mahmoud mustafa abdullah "
    "tariq bilal hamza ismail rashid walid said osman fatima aisha maryam zainab layla "
    "noor amina yasmin khadija sara huda salma rania hana"
)
ARABIC_SURNAMES = _words(
    "al-hassan hussain ahmed mohamed ali rahman abdullah ibrahim khalil haddad mansour "
    "nasser saleh hamid aziz karim farouk hakim qureshi siddiqui sheikh malik chaudhry "
    "rashid osman el-sayed yousef darwish hamdan"
)
# Another way the same Arabic-origin name is often written in English.
TRANSLITERATIONS = {
    "mohammed": ("muhammad", "mohamed", "mohammad"),
    "ahmed": ("ahmad",),
    "hussein": ("hussain", "husain"),
    "yusuf": ("yousef", "youssef"),
    "omar": ("umar",),
    "khalid": ("khaled",),
    "mahmoud": ("mahmood",),
    "mustafa": ("mostafa",),
    "abdullah": ("abdallah",),
    "said": ("saeed",),
    "osman": ("othman", "usman"),
    "fatima": ("fatimah",),
    "aisha": ("ayesha", "aysha"),
    "maryam": ("mariam",),
    "zainab": ("zaynab",),
    "layla": ("leila", "laila"),
    "noor": ("nour", "nur"),
    "yasmin": ("yasmine",),
    "khadija": ("khadijah",),
    "hassan": ("hasan",),
    "rashid": ("rasheed",),
    "walid": ("waleed",),
    "ismail": ("ismael",),
    "al-hassan": ("hassan", "al hassan"),
    "el-sayed": ("elsayed", "sayed"),
    "mohamed": ("mohammed",),
    "hussain": ("hussein",),
    "yousef": ("yusuf",),
}
NICKNAMES = {
    "robert": ("bob", "rob"),
    "william": ("bill", "will"),
    "margaret": ("peggy", "maggie"),
    "katherine": ("kate", "katie"),
    "elizabeth": ("liz", "beth"),
    "richard": ("rick", "dick"),
    "james": ("jim", "jamie"),
    "michael": ("mike", "mick"),
    "thomas": ("tom",),
    "edward": ("ed", "ted"),
    "anthony": ("tony",),
    "christopher": ("chris",),
    "alexander": ("alex",),
    "samuel": ("sam",),
    "joseph": ("joe",),
    "daniel": ("dan", "danny"),
    "david": ("dave",),
    "stephen": ("steve",),
    "matthew": ("matt",),
    "andrew": ("andy",),
    "benjamin": ("ben",),
    "charlotte": ("lottie",),
    "jennifer": ("jenny", "jen"),
    "rebecca": ("becky",),
    "victoria": ("vicky",),
    "jessica": ("jess",),
    "abigail": ("abby",),
    "samantha": ("sam",),
    "patricia": ("pat", "trish"),
    "deborah": ("debbie",),
    "eleanor": ("ellie",),
    "isabella": ("bella",),
    "timothy": ("tim",),
    "jonathan": ("jon",),
    "peter": ("pete",),
    "john": ("jack",),
    "katarzyna": ("kasia",),
    "małgorzata": ("gosia",),
    "aleksandra": ("ola",),
    "wojciech": ("wojtek",),
    "jakub": ("kuba",),
    "magdalena": ("magda",),
}
# Rarer surnames made from parts, so that names are as varied as a council's residents.
_RARE_SURNAME_PARTS = {
    "english": (
        _words(
            "ash brad whit hol cart ather black brook chad craw dar fair gold green hart "
            "hay kings lang lock mar mid new nor pem red ros shel stan thorn wake west wool "
            "bur cal fen hil lind mel pens ram sal til wren"
        ),
        _words("worth ley field ton wood ford by ham well more dale man stead croft ridge"),
    ),
    "polish": (
        _words(
            "kowal now wis bor sad las kos mal gor dom baj pol lip brz chm mroz kasp jar "
            "stan wal zal ryb kur kac pil sob"
        ),
        _words("ski czyk ewicz ak owski iak ecki ik"),
    ),
    "arabic": (
        _words("abdel al-rah al-ma al-ha al-sh el-kh bin-sa abu-ka al-am al-ja el-ma al-na"),
        _words("man di mid shami rawi tib zidi kari"),
    ),
}
_COMMON_SHARE = {"english": 0.35, "polish": 0.45, "arabic": 0.7}
_ZIPF_WEIGHTS = [1.0 / (rank + 1) ** 0.8 for rank in range(400)]
STREETS = _words(
    "high church station mill park victoria albert queen king manor green school chapel "
    "london north south west east new grange meadow orchard elm oak beech cedar willow "
    "ash springfield highfield windsor york clarence george alexandra"
)
STREET_KINDS = ("Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Gardens")
STREET_SHORT = {
    "Street": "St",
    "Road": "Rd",
    "Lane": "Ln",
    "Avenue": "Ave",
    "Close": "Cl",
    "Drive": "Dr",
    "Crescent": "Cres",
    "Gardens": "Gdns",
}
POSTCODE_AREAS = ("OX", "RG", "MK", "HP", "SN", "GL", "B", "M", "LS", "NG")
DOMAINS = ("gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "btinternet.com")
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")
ORIGINS = (("english", 0.7), ("polish", 0.15), ("arabic", 0.15))


@dataclass(frozen=True)
class SyntheticRecord:
    id: int
    person: int  # the true person: two records with one person are duplicates
    origin: str  # english, polish or arabic (the name's origin)
    full_name: str
    date_of_birth: date | None
    email: str
    phone: str
    address: str
    postcode: str
    uprn: str


@dataclass
class _Person:
    number: int
    origin: str
    given: str
    surname: str
    dob: date
    email: str
    phone: str
    address: str
    postcode: str
    uprn: str


def _surname(rng: random.Random, origin: str) -> str:
    """A few surnames are very common (Smith is about 1 in 80 in England); most are rare."""
    common = _name_lists(origin)[1]
    if rng.random() < _COMMON_SHARE[origin]:
        weights = _ZIPF_WEIGHTS[: len(common)]
        return rng.choices(common, weights=weights)[0]
    roots, endings = _RARE_SURNAME_PARTS[origin]
    return rng.choice(roots) + rng.choice(endings)


class _Addresses:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.count = 0

    def new(self) -> tuple[str, str, str]:
        rng = self.rng
        self.count += 1
        street = f"{rng.choice(STREETS).title()} {rng.choice(STREET_KINDS)}"
        area = rng.choice(POSTCODE_AREAS)
        postcode = (
            f"{area}{rng.randint(1, 29)} {rng.randint(1, 9)}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        )
        uprn = str(100000000000 + rng.randint(0, 899999999999))
        flat = f"Flat {rng.randint(1, 12)}, " if rng.random() < 0.15 else ""
        return f"{flat}{rng.randint(1, 180)} {street}", postcode, uprn


def _name_lists(origin: str) -> tuple[list[str], list[str]]:
    if origin == "polish":
        return POLISH_GIVEN, POLISH_SURNAMES
    if origin == "arabic":
        return ARABIC_GIVEN, ARABIC_SURNAMES
    return ENGLISH_GIVEN, ENGLISH_SURNAMES


def _polish_feminine(surname: str, given: str) -> str:
    if given.endswith("a") and surname.endswith("ski"):
        return surname[:-1] + "a"
    return surname


def _email(rng: random.Random, given: str, surname: str, taken: set[str]) -> str:
    """A personal address; one address is one person's (a number is added when it is taken)."""
    plain = _plain(given), _plain(surname).replace("-", "")
    form = rng.random()
    local = (
        f"{plain[0]}.{plain[1]}"
        if form < 0.4
        else f"{plain[0]}{plain[1]}{rng.randint(1, 99)}"
        if form < 0.7
        else f"{plain[0][0]}{plain[1]}{rng.randint(1, 999)}"
    )
    address = f"{local}@{rng.choice(DOMAINS)}"
    while address in taken:
        address = f"{local}{rng.randint(1, 9999)}@{rng.choice(DOMAINS)}"
    taken.add(address)
    return address


def _mobile(rng: random.Random) -> str:
    return f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


def _plain(text: str) -> str:
    return text.translate(str.maketrans("łóąęśćżźńŁ", "loaesczznl"))


def _people(rng: random.Random, count: int) -> list[_Person]:
    addresses = _Addresses(rng)
    emails: set[str] = set()
    people: list[_Person] = []
    while len(people) < count:
        origin = rng.choices([o for o, _ in ORIGINS], weights=[w for _, w in ORIGINS])[0]
        givens, _surnames = _name_lists(origin)
        surname = _surname(rng, origin)
        address, postcode, uprn = addresses.new()
        landline = (
            f"01{rng.randint(100, 999)} {rng.randint(100000, 999999)}" if rng.random() < 0.3 else ""
        )
        size = rng.choices([1, 2, 3, 4, 5], weights=[30, 30, 18, 15, 7])[0]
        parent_year = rng.randint(1935, 1986)
        twins = size >= 3 and rng.random() < 0.12
        child_dob = date(parent_year + rng.randint(22, 38), 1, 1) + timedelta(
            days=rng.randint(0, 364)
        )
        used: set[str] = set()
        for member in range(size):
            given = rng.choice(givens)
            while given in used:
                given = rng.choice(givens)
            used.add(given)
            if member < 2:
                dob = date(parent_year + rng.randint(-3, 3), 1, 1) + timedelta(
                    days=rng.randint(0, 364)
                )
            elif twins and member in (2, 3):
                dob = child_dob  # twins: one date of birth, one address, one surname
            else:
                dob = child_dob + timedelta(days=rng.randint(400, 3000) * rng.choice((-1, 1)))
            family_surname = (
                surname if (member != 1 or rng.random() < 0.8) else _surname(rng, origin)
            )
            if origin == "polish":
                family_surname = _polish_feminine(family_surname, given)
            phone = _mobile(rng) if rng.random() < 0.7 else landline
            people.append(
                _Person(
                    number=len(people),
                    origin=origin,
                    given=given,
                    surname=family_surname,
                    dob=dob,
                    email=_email(rng, given, family_surname, emails) if rng.random() < 0.75 else "",
                    phone=phone,
                    address=address,
                    postcode=postcode,
                    uprn=uprn,
                )
            )
    return people[:count]


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word
    at = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    letters = "abcdefghijklmnopqrstuvwxyz"
    if kind < 0.3:
        return word[:at] + word[at + 1 :]
    if kind < 0.55:
        return word[:at] + rng.choice(letters) + word[at:]
    if kind < 0.8:
        return word[:at] + rng.choice(letters) + word[at + 1 :]
    return word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]


def _variant_given(rng: random.Random, given: str, origin: str) -> str:
    roll = rng.random()
    if given in NICKNAMES and roll < 0.25:
        return rng.choice(NICKNAMES[given])
    if origin == "arabic" and given in TRANSLITERATIONS and roll < 0.5:
        return rng.choice(TRANSLITERATIONS[given])
    if roll < 0.65:
        return _typo(rng, given)
    return given


def _variant_surname(rng: random.Random, surname: str, origin: str) -> str:
    roll = rng.random()
    if origin == "arabic" and surname in TRANSLITERATIONS and roll < 0.35:
        return rng.choice(TRANSLITERATIONS[surname])
    if "-" in surname and roll < 0.4:
        return rng.choice(surname.split("-"))
    if roll < 0.6:
        return _typo(rng, surname)
    return surname


def _name(rng: random.Random, given: str, surname: str, origin: str) -> str:
    if origin == "polish" and rng.random() < 0.5:
        given, surname = _plain(given), _plain(surname)  # typed on an English keyboard
    shown_given, shown_surname = given.title(), "-".join(p.title() for p in surname.split("-"))
    roll = rng.random()
    if roll < 0.1:
        return f"{shown_surname}, {shown_given}"
    if roll < 0.13:
        return f"{shown_surname} {shown_given}"  # first name and surname swapped round
    if roll < 0.23:
        return f"{rng.choice(TITLES)} {shown_given} {shown_surname}"
    if roll < 0.28:
        return f"{shown_given.upper()} {shown_surname.upper()}"
    return f"{shown_given} {shown_surname}"


def _dob(rng: random.Random, dob: date) -> date | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.15 and dob.day <= 12 and dob.day != dob.month:
        return date(dob.year, dob.day, dob.month)
    if roll < 0.2:
        digits = list(dob.strftime("%Y%m%d"))
        at = rng.choice([2, 3, 5, 6, 7])
        digits[at] = rng.choice("0123456789")
        try:
            return date(
                int("".join(digits[:4])), int("".join(digits[4:6])), int("".join(digits[6:]))
            )
        except ValueError:
            return dob
    return dob


def _address(rng: random.Random, address: str) -> str:
    roll = rng.random()
    if roll < 0.25:
        for long, short in STREET_SHORT.items():
            address = address.replace(long, short)
    elif roll < 0.35:
        address = address.lower()
    elif roll < 0.45:
        address = _typo(rng, address)
    return address


def _postcode(rng: random.Random, postcode: str) -> str:
    roll = rng.random()
    if roll < 0.2:
        return postcode.replace(" ", "")
    if roll < 0.35:
        return postcode.lower()
    return postcode


def _phone(rng: random.Random, phone: str) -> str:
    if phone and rng.random() < 0.3:
        return "+44 " + phone[1:]
    return phone


def _record(record_id: int, person: _Person, fields: dict[str, object]) -> SyntheticRecord:
    return SyntheticRecord(id=record_id, person=person.number, origin=person.origin, **fields)  # type: ignore[arg-type]


def _original(rng: random.Random, record_id: int, person: _Person) -> SyntheticRecord:
    return _record(
        record_id,
        person,
        {
            "full_name": _name(rng, person.given, person.surname, person.origin)
            if rng.random() < 0.3
            else f"{person.given.title()} {'-'.join(p.title() for p in person.surname.split('-'))}",
            "date_of_birth": person.dob if rng.random() > 0.08 else None,
            "email": person.email,
            "phone": person.phone if rng.random() > 0.2 else "",
            "address": person.address,
            "postcode": person.postcode,
            "uprn": person.uprn if rng.random() < 0.6 else "",
        },
    )


def _duplicate(
    rng: random.Random,
    record_id: int,
    person: _Person,
    addresses: _Addresses,
    taken_emails: set[str],
) -> SyntheticRecord:
    address, postcode, uprn = person.address, person.postcode, person.uprn
    if rng.random() < 0.15:
        address, postcode, uprn = addresses.new()  # moved house since
    email = person.email
    roll = rng.random()
    if roll < 0.15:
        email = _email(rng, person.given, person.surname, taken_emails)
    elif roll < 0.4:
        email = ""
    elif email and rng.random() < 0.2 and email.endswith("gmail.com"):
        local, _, domain = email.partition("@")
        email = f"{local.replace('.', '').upper()}@{domain}"
    phone = person.phone
    roll = rng.random()
    if roll < 0.1:
        phone = _mobile(rng)
    elif roll < 0.4:
        phone = ""
    return _record(
        record_id,
        person,
        {
            "full_name": _name(
                rng,
                _variant_given(rng, person.given, person.origin),
                _variant_surname(rng, person.surname, person.origin)
                if rng.random() < 0.5
                else person.surname,
                person.origin,
            ),
            "date_of_birth": _dob(rng, person.dob),
            "email": email,
            "phone": _phone(rng, phone),
            "address": _address(rng, address),
            "postcode": _postcode(rng, postcode),
            "uprn": uprn if rng.random() < 0.5 else "",
        },
    )


def generate(size: int, *, seed: int = 16, duplicate_share: float = 0.2) -> list[SyntheticRecord]:
    """About `size` records; `duplicate_share` of the people have one to three duplicates."""
    rng = random.Random(seed)
    people_count = int(size / (1 + duplicate_share * 1.5))
    people = _people(rng, people_count)
    addresses = _Addresses(rng)
    taken_emails = {p.email for p in people}
    records: list[SyntheticRecord] = []
    for person in people:
        records.append(_original(rng, len(records) + 1, person))
        if rng.random() < duplicate_share:
            for _ in range(rng.choices([1, 2, 3], weights=[60, 30, 10])[0]):
                records.append(_duplicate(rng, len(records) + 1, person, addresses, taken_emails))
    records = records[:size]
    rng.shuffle(records)
    return records
