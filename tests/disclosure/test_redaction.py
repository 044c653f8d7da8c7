"""The automatic redaction on realistic letters: the case's own people and the shapes of personal
data go; ordinary words, council contact details and figures stay."""

from __future__ import annotations

from datetime import date

import pytest

from opencex.disclosure.redaction import (
    REDACTED,
    Kind,
    PersonalDetails,
    personal_details_left,
    redact,
    without_marks,
)

JANE = PersonalDetails(
    names=("Jane Smith",),
    emails=("jane.smith@example.org",),
    phones=("07700 900123",),
    addresses=("12 Cowley Road",),
    postcodes=("OX4 1HR",),
    dates_of_birth=(date(1985, 3, 12),),
)


def text_of(text: str, details: PersonalDetails | None = None, **kwargs) -> str:
    return redact(text, details, **kwargs).text


# The requester, from what the case knows


def test_the_requesters_name_after_dear_and_a_title_is_removed_with_the_title():
    assert text_of("Dear Ms Jane Smith,\n\nThank you.", JANE) == f"Dear {REDACTED},\n\nThank you."


def test_the_requesters_surname_alone_with_a_title_is_removed():
    assert text_of("As Ms Smith asked, we looked again.", JANE) == (
        f"As {REDACTED} asked, we looked again."
    )


def test_the_requesters_first_name_alone_is_removed():
    assert text_of("Thanks Jane for the clarification.", JANE) == (
        f"Thanks {REDACTED} for the clarification."
    )


def test_the_requesters_name_in_capitals_is_removed():
    assert text_of("FAO: JANE SMITH", JANE) == f"FAO: {REDACTED}"


def test_an_initial_and_surname_of_the_requester_become_one_redaction():
    redacted = redact("Signed J. Smith on the form.", JANE)
    assert redacted.text == f"Signed {REDACTED} on the form."
    assert redacted.removed == (Kind.NAME,)


def test_a_surname_that_is_an_ordinary_word_is_kept_in_lower_case():
    details = PersonalDetails(names=("Robin Green",))
    assert text_of("Your green bin and Mr Green's garden.", details) == (
        f"Your green bin and {REDACTED}'s garden."
    )


def test_the_requesters_email_is_removed_whatever_its_case():
    assert text_of("Reply to Jane.Smith@Example.org please", JANE) == (
        f"Reply to {REDACTED} please"
    )


def test_the_requesters_phone_is_removed_however_it_is_spaced():
    assert text_of("Call 077009 00123 after six.", JANE) == f"Call {REDACTED} after six."


def test_the_requesters_address_line_is_removed_even_with_a_comma():
    assert text_of("I live at 12, Cowley Road, Oxford.", JANE) == (f"I live at {REDACTED}, Oxford.")


def test_the_requesters_postcode_is_removed_without_its_space():
    assert text_of("Postcode OX41HR.", JANE) == f"Postcode {REDACTED}."


def test_the_requesters_date_of_birth_is_removed_in_any_common_format():
    for written in ("12/03/1985", "12.03.1985", "12 March 1985", "March 12th, 1985", "1985-03-12"):
        assert text_of(f"Born {written} in Oxford", JANE) == f"Born {REDACTED} in Oxford"


def test_other_residents_on_the_case_are_removed():
    details = PersonalDetails(names=("Jane Smith", "Tomasz Nowak"))
    assert text_of("My lodger Tomasz Nowak agrees.", details) == f"My lodger {REDACTED} agrees."


def test_a_first_name_that_is_an_everyday_word_is_not_removed_on_its_own():
    details = PersonalDetails(names=("Will Jones",))
    assert text_of("Will you publish it? Will Jones asked.", details) == (
        f"Will you publish it? {REDACTED} asked."
    )


# The shapes of personal data, whoever it belongs to


@pytest.mark.parametrize(
    "written",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)7700 900 123",
        "0044 7700 900123",
        "01865 249811",
        "(01865) 249811",
        "020 7946 0018",
    ],
)
def test_uk_phone_numbers_are_removed(written):
    redacted = redact(f"Ring me on {written} today.")
    assert redacted.text == f"Ring me on {REDACTED} today."
    assert redacted.removed == (Kind.PHONE,)


@pytest.mark.parametrize(
    "figures",
    [
        "The council spent £3,100,000 in 2023/24.",
        "Ward 4 had 0 12 15 20 18 incidents.",
        "Reference FOI-2025-000123 applies.",
        "There were 9,412 notices in 2021/22 and 11,087 in 2022/23.",
        "Tables 2019 2020 2021 2022 2023.",
    ],
)
def test_figures_and_years_are_not_mistaken_for_phone_numbers(figures):
    assert text_of(figures) == figures


@pytest.mark.parametrize("postcode", ["OX1 1AA", "OX4 6JN", "ox1 1aa", "SW1A 2AA", "M1 1AE"])
def test_full_postcodes_are_removed(postcode):
    redacted = redact(f"The property at {postcode} is empty.")
    assert redacted.text == f"The property at {REDACTED} is empty."
    assert redacted.removed == (Kind.POSTCODE,)


def test_a_postcode_district_alone_is_kept():
    text = "Call-outs in OX1, OX2, OX3 and OX4 by year."
    assert text_of(text) == text


@pytest.mark.parametrize("number", ["QQ 12 34 56 C", "AB123456C", "ab 12 34 56 d"])
def test_national_insurance_numbers_are_removed(number):
    redacted = redact(f"My NI number is {number}.")
    assert redacted.text == f"My NI number is {REDACTED}."
    assert redacted.removed == (Kind.NI_NUMBER,)


@pytest.mark.parametrize(
    "address", ["14 Howard Street", "Flat 3, 27 Iffley Road", "2a St Clement's Street"]
)
def test_house_addresses_are_removed(address):
    assert text_of(f"The noise comes from {address} at night.") == (
        f"The noise comes from {REDACTED} at night."
    )


def test_a_year_before_a_street_name_is_not_an_address():
    text = "In 2023 Cowley Road had 14 incidents."
    assert text_of(text) == text


@pytest.mark.parametrize(
    "email", ["j.bloggs@gmail.com", "foi+request-123-abc@whatdotheyknow.com", "a_b@x.co.uk"]
)
def test_email_addresses_are_removed(email):
    assert text_of(f"Sent from {email}.") == f"Sent from {REDACTED}."


@pytest.mark.parametrize(
    "said",
    [
        "date of birth: 04/07/1990",
        "Date of birth 4 July 1990",
        "DOB 04.07.90",
        "D.O.B. - July 4, 1990",
        "born on 4th July 1990",
    ],
)
def test_a_date_said_to_be_a_date_of_birth_is_removed(said):
    redacted = redact(f"My son, {said}, is affected.")
    assert REDACTED in redacted.text
    assert "1990" not in redacted.text
    assert "90," not in redacted.text
    assert redacted.removed == (Kind.DATE_OF_BIRTH,)


def test_other_dates_are_kept():
    text = "We received your request on 3 March 2025 and replied on 14/03/2025."
    assert text_of(text) == text


@pytest.mark.parametrize(
    ("written", "left"),
    [
        ("Dear Ms Jane Smith,", "Dear [redacted],"),
        ("Dear Mr Patel,", "Dear [redacted],"),
        ("Dear Dr A. O'Brien-Hughes,", "Dear [redacted],"),
        ("Dear Priya,", "Dear [redacted],"),
        ("Dear Sir or Madam,", "Dear Sir or Madam,"),
        ("Dear Oxford City Council,", "Dear Oxford City Council,"),
        ("Dear FOI Team,", "Dear FOI Team,"),
    ],
)
def test_a_greeting_loses_a_persons_name_but_not_an_organisations(written, left):
    assert text_of(f"{written}\nPlease send me the figures.") == (
        f"{left}\nPlease send me the figures."
    )


def test_a_name_after_a_title_is_removed_anywhere():
    assert text_of("My neighbour Mrs K. Chowdhury complained too.") == (
        f"My neighbour {REDACTED} complained too."
    )


def test_a_councillors_name_is_kept():
    text = "Cllr Susan Brown, the cabinet member, agreed."
    assert text_of(text) == text


@pytest.mark.parametrize(
    "sign_off", ["Yours sincerely,", "Yours faithfully", "Kind regards", "Many thanks,", "Thanks"]
)
def test_the_name_under_a_sign_off_is_removed(sign_off):
    assert text_of(f"Please reply soon.\n\n{sign_off}\nPriya Sharma\n") == (
        f"Please reply soon.\n\n{sign_off}\n{REDACTED}\n"
    )


def test_a_team_signing_off_is_kept():
    text = "Yours sincerely,\nInformation Governance Team"
    assert text_of(text) == text


def test_a_sentence_after_thank_you_is_not_taken_for_a_name():
    text = "Thank you\nWe hold the following information."
    assert text_of(text) == text


def test_my_name_is_gives_the_name_away():
    assert text_of("Hello, my name is Olu Adeyemi and I live nearby.") == (
        f"Hello, my name is {REDACTED} and I live nearby."
    )


# The whole letter


LETTER = """Dear Oxford City Council,

My name is Jane Smith (jane.smith@example.org, 07700 900123) of 12 Cowley Road, OX4 1HR.
Please tell me how many fixed penalty notices for fly-tipping were issued in each ward in 2023.
My neighbour Mr Tariq Hussain says nothing is done.

Yours faithfully,
Jane Smith
"""


def test_a_realistic_request_keeps_its_question_and_loses_every_personal_detail():
    redacted = redact(LETTER, JANE)
    for gone in ("Jane", "Smith", "jane.smith", "07700", "Cowley Road", "OX4 1HR", "Tariq"):
        assert gone not in redacted.text
    assert "fixed penalty notices for fly-tipping were issued in each ward in 2023" in (
        redacted.text
    )
    assert redacted.text.startswith("Dear Oxford City Council,")


def test_the_summary_counts_each_kind_removed():
    assert redact(LETTER, JANE).counts() == {
        Kind.NAME: 3,
        Kind.EMAIL: 1,
        Kind.PHONE: 1,
        Kind.ADDRESS: 1,
        Kind.POSTCODE: 1,
    }


def test_the_councils_own_contact_details_can_be_kept():
    text = "Write to foi@oxford.gov.uk or Town Hall, OX1 1BX, or call 01865 249811."
    kept = ("foi@oxford.gov.uk", "OX1 1BX", "01865 249811")
    assert text_of(text, keep=kept) == text
    assert text_of(text).count(REDACTED) == 3


def test_text_with_nothing_personal_is_unchanged():
    text = "The council issued 1,120 HMO licences in 2021 and refused 4 applications."
    redacted = redact(text)
    assert redacted.text == text
    assert redacted.removed == ()


# The last check before publishing


def test_the_requesters_whole_name_left_in_is_found_before_publishing():
    assert personal_details_left("Answer for Jane Smith.", JANE) == [Kind.NAME]


def test_every_kind_of_the_requesters_details_is_found_before_publishing():
    assert personal_details_left(LETTER, JANE) == sorted(
        [Kind.NAME, Kind.EMAIL, Kind.PHONE, Kind.ADDRESS, Kind.POSTCODE]
    )


def test_a_redacted_letter_passes_the_last_check():
    assert personal_details_left(redact(LETTER, JANE).text, JANE) == []


def test_a_surname_alone_does_not_stop_publishing():
    details = PersonalDetails(names=("Robin Green",))
    assert personal_details_left("Green waste collections resumed.", details) == []


def test_without_marks_takes_out_redaction_markers_and_separator_lines():
    text = "Dear [redacted],\n-----\nHow many?\n\n-----Original Message-----\nFrom: [redacted]"
    assert without_marks(text) == "Dear ,\n\nHow many?\n\nOriginal Message\nFrom:"
