"""Messages in the resident's language: which language (notify.language), every message template
translated into every language the site offers, officers' messages in English, and text
messages measured in the fragments their alphabet gives them.

The translations are read from the compiled catalogues (locale/<language>/LC_MESSAGES/django.mo),
as the site reads them.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import translation
from django.utils.translation.template import templatize

from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel, Status
from opencex.languages import ENGLISH, offered_languages
from opencex.notify import letters
from opencex.notify.language import (
    EMAILS_IN_ENGLISH_ONLY,
    message_language,
    resident_language,
)
from opencex.notify.letters import resident_context
from opencex.notify.models import Notification
from opencex.notify.rendering import (
    IN_ENGLISH_NOTICE,
    TEMPLATES_DIR,
    isolate_left_to_right,
    render_message,
    template_names,
)
from opencex.notify.services import notify_resident, notify_staff
from tests.factories import (
    CaseFactory,
    ResidentFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)

OTHER_LANGUAGES = [code for code in offered_languages() if code != ENGLISH]
RESIDENT_TEMPLATES = [name for name in template_names() if not name.startswith("staff_")]
STAFF_TEMPLATES = [name for name in template_names() if name.startswith("staff_")]
# Emails written by the bookings app, which renders them in English itself (bookings.messages).
BOOKINGS = frozenset(name for name in template_names() if name.startswith("booking_"))
LRI, PDI = "\u2066", "\u2069"

# GSM 03.38's basic alphabet: a text message of only these characters has 160 a fragment (153
# when in several), anything else makes it UCS-2: 70 a fragment, 67 when in several.
GSM_ALPHABET = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


def fragments(text: str) -> int:
    single, each = (160, 153) if set(text) <= GSM_ALPHABET else (70, 67)
    return 1 if len(text) <= single else math.ceil(len(text) / each)


@pytest.fixture(autouse=True)
def _a_wednesday_in_september():
    with time_machine.travel(dt.datetime(2026, 9, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


# --- Which language -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_case_with_a_resident_is_written_in_the_residents_language():
    case = CaseFactory(resident=ResidentFactory(preferred_language="pl"), language="ar")
    assert message_language(case) == "pl"


@pytest.mark.django_db
def test_a_case_without_a_resident_is_written_in_the_language_it_was_made_in():
    case = CaseFactory(resident=None, contact_email="amira@example.org", language="ar")
    assert message_language(case) == "ar"


def test_a_language_the_site_does_not_offer_is_english():
    assert resident_language(SimpleNamespace(preferred_language="fr")) == ENGLISH
    assert resident_language(None, otherwise="pl-pl") == "pl"
    assert resident_language(None, otherwise="xx") == ENGLISH


@pytest.mark.django_db
def test_open_case_records_the_language_of_the_page_it_was_made_from():
    with translation.override("pl"):
        case, _created = open_case(
            actor=None,
            kind=CaseKind.SERVICE_REQUEST,
            channel=Channel.WEB,
            subject="Porzucone śmieci",
            description="Materac przy latarni.",
            contact_name="Piotr Nowak",
            contact_email="piotr@example.org",
        )
    assert case.language == "pl"
    notification = Notification.objects.get(case=case)
    assert notification.language == "pl"
    assert notification.subject.startswith("Otrzymaliśmy Państwa sprawę")


@pytest.mark.django_db
def test_open_case_takes_a_language_chosen_for_the_resident_and_refuses_one_not_offered():
    common = {
        "actor": None,
        "kind": CaseKind.ENQUIRY,
        "channel": Channel.WEB,
        "subject": "Pytanie",
        "description": "Pytanie o kosze.",
        "contact_name": "Ala",
    }
    chosen, _created = open_case(**common, contact_email="ala@example.org", language="ar")
    unknown, _created = open_case(**common, contact_email="ola@example.org", language="fr")
    assert (chosen.language, unknown.language) == ("ar", ENGLISH)


@pytest.mark.django_db
def test_messages_to_officers_stay_in_english_whatever_the_page_or_the_resident():
    officer = UserFactory(email="sam@example.org", full_name="Sam Officer")
    case = CaseFactory(resident=ResidentFactory(preferred_language="pl"), language="pl")
    with translation.override("pl"):
        notification = notify_staff(
            user=officer, template="staff_case_assigned", context={"case": case}
        )
    assert notification.language == ENGLISH
    assert notification.subject == f"Case {case.reference} is assigned to you"
    assert notification.body.startswith("Hello Sam Officer,")


@pytest.mark.django_db
def test_a_resident_message_is_recorded_with_the_language_it_was_written_in():
    resident = ResidentFactory(preferred_language="ar", email="amira@example.org")
    case = CaseFactory(resident=resident, status=Status.IN_PROGRESS)

    notification = notify_resident(
        case=case, template="message_to_resident", extra_context={"message": "Hello"}
    )

    assert notification.language == "ar"
    assert notification.subject.startswith("رسالة بشأن")
    # What the officer typed is sent as typed, kept left to right inside the Arabic.
    assert f"\n{LRI}Hello{PDI}\n" in notification.body


# --- Every template in every language ---------------------------------------------------------


def _message_texts() -> dict[str, set[str]]:
    """Every text a resident message template asks gettext for, by template file."""
    found: dict[str, set[str]] = {}
    for path in sorted((TEMPLATES_DIR / "notify").rglob("*.txt")):
        relative = str(path.relative_to(TEMPLATES_DIR / "notify"))
        if relative.startswith("staff_") or relative.split("/")[0] in BOOKINGS:
            continue
        code = templatize(path.read_text())
        texts = {
            ast.literal_eval(literal)
            for literal in re.findall(r"gettext\((u'(?:[^'\\]|\\.)*')", code)
        }
        found[relative] = texts
    return found


MESSAGE_TEXTS = _message_texts()
with translation.override(ENGLISH):
    LETTER_TEXTS = [
        str(text)
        for text in [
            *letters.KIND_NAMES.values(),
            *letters.DUE_ACTS.values(),
            *letters.DUE_ACTS_BRIEFLY.values(),
        ]
    ]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("part", sorted(MESSAGE_TEXTS))
def test_every_text_of_every_message_part_is_translated(part, language):
    with translation.override(language):
        untranslated = [text for text in MESSAGE_TEXTS[part] if translation.gettext(text) == text]
    assert untranslated == []


def test_the_templates_ask_for_translations_except_the_english_only_emails():
    english_only = {f"{name}/email.txt" for name in EMAILS_IN_ENGLISH_ONLY}
    without_texts = {part for part, texts in MESSAGE_TEXTS.items() if not texts}
    # Parts that hold no words of their own: only the case's or the council's data.
    assert without_texts - english_only == {
        "_unhappy/default.txt",
        "case_status_changed/_escalated.txt",
    }


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_letters_words_for_kinds_and_dates_are_translated(language):
    with translation.override(language):
        untranslated = [text for text in LETTER_TEXTS if translation.gettext(text) == text]
    assert untranslated == []


def every_template_context(case) -> dict:
    ombudsman = SimpleNamespace(
        name="Housing Ombudsman",
        covers="housing complaints",
        contact_lines=["Phone: 0300 111 3000", "https://www.housing-ombudsman.org.uk"],
        phone="0300 111 3000",
        website="https://www.housing-ombudsman.org.uk",
    )
    return resident_context(case, recipient=case.contact_email, channel="email") | {
        "reason": "We are waiting for a report from the surveyor.",
        "note": "",
        "message": "Our surveyor will visit on Tuesday.",
        "officer_name": "Gareth Jones",
        # the survey invitation and reminder (surveys.services)
        "survey_title": "Residents Panel survey",
        "survey_url": "https://example.org/surveys/AbC:xYz/",
        "closes_on": dt.date(2026, 12, 31),
        "if_late": case.service.if_late if case.service else "",
        "ombudsman": ombudsman,
        "stage": 1,
        "is_final": False,
        "outcome": "Upheld",
        "letter": SimpleNamespace(
            complaint_as_understood="The fan.",
            decision_and_reasons="We agree.",
            apology=True,
            remedy_action="",
            remedy_amount=None,
            still_to_do="",
        ),
        "has_remedy": True,
        "decision": "information sent",
        "response": "Here it is.",
        "amount": "25.00",
        "pay_by": dt.date(2026, 12, 2),
        "fees_notice_on": dt.date(2026, 6, 2),
        "form_title": "Zgłoszenie",
        "resume_url": "https://www.example.org/forms/resume/abc/",
        "expires_on": dt.date(2026, 9, 9),
        "original": None,
        "original_track_url": "",
    }


def render_in(template: str, channel: str, case, language: str):
    with translation.override(language):
        context = every_template_context(case)
    return render_message(template, channel, context, language=language)


@pytest.fixture
def fly_tipping_case(db):
    service = ServiceFactory(
        slug="report-fly-tipping",
        title="Report fly-tipping",
        case_kind="service_request",
        team=TeamFactory(),
        standard_days=2,
        if_late="If we have not cleared it by then, call us.",
        translations={
            "pl": {
                "title": "Zgłoszenie nielegalnie porzuconych śmieci",
                "if_late": "Prosimy zadzwonić.",
            },
            "ar": {"title": "الإبلاغ عن نفايات مرمية", "if_late": "اتصل بنا."},
        },
    )
    return CaseFactory(
        service=service,
        kind=CaseKind.SERVICE_REQUEST,
        status=Status.IN_PROGRESS,
        contact_email="piotr@example.org",
        resident=None,
    )


ENGLISH_WORDING = sorted(
    {
        fragment.strip(' .,:;()"')
        for text in [*set().union(*MESSAGE_TEXTS.values()), *LETTER_TEXTS]
        for fragment in re.split(r"%\(\w+\)s", text)
        if len(fragment.split()) >= 3
    }
)


def _english_wording(text: str) -> list[str]:
    """The fixed wording of any English message text (three words or more) found in `text`."""
    text = text.replace(LRI, "").replace(PDI, "")
    return [wording for wording in ENGLISH_WORDING if wording in text]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("template", sorted(set(RESIDENT_TEMPLATES) - BOOKINGS))
def test_every_resident_message_renders_in_the_language_with_no_english_left(
    template, language, fly_tipping_case
):
    for channel in ("email", "sms"):
        message = render_in(template, channel, fly_tipping_case, language)
        if channel == "email" and template in EMAILS_IN_ENGLISH_ONLY:
            assert message.language == ENGLISH
            continue
        assert message.language == language
        assert _english_wording(message.subject + "\n" + message.body) == [], channel


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("template", sorted(EMAILS_IN_ENGLISH_ONLY))
def test_an_email_still_in_english_says_so_first_in_the_residents_language(
    template, language, fly_tipping_case
):
    body = render_in(template, "email", fly_tipping_case, language).body
    with translation.override(language):
        notice = translation.gettext(IN_ENGLISH_NOTICE)
    first_paragraph = body.split("\n\n", 1)[0].replace(LRI, "").replace(PDI, "")
    assert first_paragraph == notice % {"phone": "01865 249811"}


def test_the_polish_date_names_the_month_in_the_genitive(fly_tipping_case):
    body = render_in("case_received", "email", fly_tipping_case, "pl").body
    assert "Termin: piątek 4 września 2026." in body
    assert "wrzesień" not in body


def test_periods_take_the_plural_of_their_number():
    with translation.override("pl"):
        assert [letters.period(n, "working day") for n in (1, 2, 5, 22)] == [
            "1 dnia roboczego",
            "2 dni roboczych",
            "5 dni roboczych",
            "22 dni roboczych",
        ]
    with translation.override("ar"):
        assert letters.period(2, "working day") == "يومَي عمل"
        assert letters.period(20, "working day") == "20 يوم عمل"
    assert letters.period(1, "calendar month") == "one calendar month"


def test_right_to_left_messages_isolate_references_numbers_and_links():
    text = "اتصل على 01865 249811 واذكر SR-2026-0001 (https://example.org/a?b=1)."
    assert isolate_left_to_right(text) == (
        f"اتصل على {LRI}01865 249811{PDI} واذكر {LRI}SR-2026-0001{PDI} "
        f"({LRI}https://example.org/a?b=1{PDI})."
    )


# --- Text messages ------------------------------------------------------------------------------


def test_text_messages_in_every_language_are_measured_in_fragments(fly_tipping_case, capsys):
    """Polish letters (ą, ł, ś) and Arabic are outside the GSM alphabet, so their texts go as UCS-2:
    70 characters in one fragment, 67 in each of several. None may take more than 5 fragments."""
    longest: dict[str, tuple[int, int, str]] = {}
    for language in offered_languages():
        for template in sorted(set(RESIDENT_TEMPLATES) - BOOKINGS):
            body = render_in(template, "sms", fly_tipping_case, language).body
            measured = (fragments(body), len(body), template)
            longest[language] = max(longest.get(language, measured), measured)
    with capsys.disabled():
        print(f"\nLongest text message by language (fragments, characters, template): {longest}")
    assert all(count <= 5 for count, _length, _template in longest.values()), longest
    assert longest[ENGLISH][0] <= 3


def test_the_template_folder_is_where_the_renderer_looks():
    assert Path(TEMPLATES_DIR, "notify", "case_received", "sms.txt").is_file()
