"""A resident asks for help with homelessness through the real pages: the case opens on the
housing options team with the triage's outcome and the duty's dates for the officer, and the
resident is told what happens next."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from opencex.accounts.models import Role
from opencex.cases.models import Case, Priority
from tests.factories import ResidentFactory, UserFactory
from tests.forms.conftest import CONTACT, FormWalker, date_parts

pytestmark = pytest.mark.django_db

# Monday 1 March 2027, mid-morning in Oxford.
NOW = dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC)
TODAY = dt.date(2027, 3, 1)


@pytest.fixture
def walker(client, housing_forms):
    return FormWalker(client, "get-help-at-risk-of-homelessness")


def send(walker, pages) -> Case:
    with time_machine.travel(NOW, tick=False):
        walker.start()
        for page_id, data in pages:
            response = walker.answer(page_id, data)
            assert response.status_code == 302, (page_id, response.content.decode()[:2000])
        assert response.url.endswith("/check-your-answers/"), response.url
        walker.submit()
    return Case.objects.get()


def settled(leaving="notice", *, notice=None, household=("children",), **extra):
    pages = [
        ("tonight", {"safe_tonight": "yes"}),
        ("home", {"living_now": "private_rent"}),
        ("leaving", {"leaving": leaving}),
    ]
    if leaving == "notice":
        pages.append(("notice", {"notice_type": "section_21", **date_parts("notice_ends", notice)}))
    pages += [
        ("reasons", {"reasons": extra.get("reasons", ["tenancy_ending"])}),
        ("household", {"household": list(household), "age": extra.get("age", "25_plus")}),
        ("about-you", {"about_you": ["none"], "support_needs": ["none"], "support_details": ""}),
        ("contact", CONTACT),
    ]
    return pages


def staff_page(client, case) -> str:
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[case.team]))
    return client.get(reverse("staff:case", args=[case.reference])).content.decode()


def test_nowhere_safe_tonight_goes_straight_to_contact_details(walker):
    with time_machine.travel(NOW, tick=False):
        walker.start()
        response = walker.answer("tonight", {"safe_tonight": "no"})
    assert response.url == walker.page_url("contact")


def test_nowhere_safe_tonight_is_urgent_and_shows_the_day_and_out_of_hours_numbers(walker):
    case = send(walker, [("tonight", {"safe_tonight": "no"}), ("contact", CONTACT)])
    assert case.priority == Priority.URGENT
    assert case.team.slug == "housing-options"
    assert case.answers["triage"]["outcome"] == "urgent"
    page = walker.confirmation().content.decode()
    assert 'id="triage-next-steps"' in page
    assert "Call us now on \u206601865 249811\u2069 (Monday to Friday, 9am to 5pm)" in page
    assert "When our offices are closed, call \u206601865 249811\u2069" in page
    assert "all day at weekends" in page


def test_the_urgent_acknowledgement_email_gives_the_numbers_too(walker, settings):
    send(walker, [("tonight", {"safe_tonight": "no"}), ("contact", CONTACT)])
    from opencex.notify.models import Notification

    email = Notification.objects.get(template="case_received")
    assert "Call us now on \u206601865 249811\u2069" in email.body
    assert "When our offices are closed" in email.body


def test_a_section_21_ending_in_30_days_is_the_prevention_duty_with_its_dates_for_the_officer(
    walker, client
):
    case = send(walker, settled(notice=TODAY + dt.timedelta(days=30)))
    assert case.team.slug == "housing-options"
    assert case.priority == Priority.NORMAL
    triage = case.answers["triage"]
    assert triage["outcome"] == "prevention"
    assert triage["homeless_on"] == "2027-03-31"
    assert triage["duty_ends_on"] == "2027-04-26"
    assert triage["flags"] == ["dependent_children"]
    page = staff_page(client, case)
    assert "Homelessness triage: threatened with homelessness, prevention duty" in page
    assert "s175(5)" in page
    assert "Date the resident must leave: Wednesday 31 March 2027 (in 30 days)" in page
    assert "the 56 days end on Monday 26 April 2027" in page
    assert "Dependent children (s189(1)(b))" in page


def test_the_prevention_path_tells_the_resident_the_service_standard(walker):
    send(walker, settled(notice=TODAY + dt.timedelta(days=30)))
    page = walker.confirmation().content.decode()
    assert "A housing adviser will contact you within 10 working days" in page
    assert "A landlord needs a court order" in page


def test_a_notice_ending_within_two_weeks_is_high_priority(walker):
    case = send(walker, settled(notice=TODAY + dt.timedelta(days=14)))
    assert case.priority == Priority.HIGH
    assert "we will contact you sooner" in walker.confirmation().content.decode()


def test_a_notice_ending_in_57_days_is_advice_with_the_date_to_come_back(walker, client):
    case = send(walker, settled(notice=TODAY + dt.timedelta(days=57)))
    assert case.answers["triage"]["outcome"] == "advice"
    assert "Ask us for help again by Tuesday 2 March 2027" in walker.confirmation().text
    assert "Within 56 days of losing their home (s175(4)) from" in staff_page(client, case)


def test_having_already_left_is_the_relief_duty_and_flags_domestic_abuse_and_age(walker, client):
    case = send(
        walker,
        settled("already_left", reasons=["domestic_abuse"], household=["alone"], age="16_17"),
    )
    triage = case.answers["triage"]
    assert triage["outcome"] == "relief"
    assert triage["duty"] == "homelessness-relief"
    assert triage["flags"] == ["domestic_abuse", "aged_16_or_17"]
    assert case.priority == Priority.HIGH
    page = staff_page(client, case)
    assert "Homelessness triage: homeless now, relief duty" in page
    assert "Domestic abuse (s177(1), s189(1)(e))" in page
    assert "Aged 16 or 17" in page


def test_the_next_steps_are_in_the_language_the_form_was_filled_in(walker, client):
    client.cookies["django_language"] = "pl"
    send(walker, [("tonight", {"safe_tonight": "no"}), ("contact", CONTACT)])
    case = Case.objects.get()
    assert case.answers["language"] == "pl"
    # The officer's note stays in English.
    assert case.events.filter(summary__startswith="Homelessness triage: urgent").exists()


def test_told_to_leave_by_family_is_not_told_a_landlord_needs_a_court_order(walker):
    pages = [
        ("tonight", {"safe_tonight": "yes"}),
        ("home", {"living_now": "family_friends"}),
        ("leaving", {"leaving": "told"}),
        ("leave-date", date_parts("leave_date", TODAY + dt.timedelta(days=30))),
        ("reasons", {"reasons": ["tenancy_ending"]}),
        ("household", {"household": ["alone"], "age": "25_plus"}),
        ("about-you", {"about_you": ["none"], "support_needs": ["none"], "support_details": ""}),
        ("contact", CONTACT),
    ]
    case = send(walker, pages)
    assert case.answers["triage"]["outcome"] == "prevention"
    page = walker.confirmation().content.decode()
    assert "court order" not in page
    assert "Do not leave your home before you talk to us." in page


def test_a_resident_who_prefers_polish_gets_polish_next_steps_from_the_english_page(walker):
    from opencex.notify.models import Notification
    from opencex.notify.services import notify_resident

    case = send(walker, [("tonight", {"safe_tonight": "no"}), ("contact", CONTACT)])
    assert "next_steps" not in case.answers["triage"]  # the outcome is kept, not its words
    # The page is in English, as it was filled in.
    assert "You told us you have nowhere safe to sleep tonight" in walker.confirmation().text
    # An officer records the resident, who prefers Polish: the acknowledgement is in Polish.
    case.resident = ResidentFactory(email=case.contact_email, preferred_language="pl")
    case.save(update_fields=["resident"])
    Notification.objects.all().delete()
    email = notify_resident(case=case, template="case_received")
    assert email.language == "pl"
    assert "You told us you have nowhere safe to sleep tonight" not in email.body
    with translation.override("pl"):
        polish = translation.gettext(
            "You told us you have nowhere safe to sleep tonight. Call us now on %(number)s "
            "(%(hours)s)."
        )
    assert polish.split("%(number)s")[0] in email.body
