"""Finding and creating residents, the single view of a resident and of a property."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from opencex.accounts.models import Role
from opencex.cases.models import CaseEvent, Channel, EventKind, Priority
from opencex.contacts.models import Contact, Outcome
from opencex.contacts.selectors import demand_by_channel, first_contact_resolution
from opencex.contacts.services import log_contact
from opencex.people.models import AccessKind, Occupancy, Resident, SensitiveAccess
from opencex.people.selectors import SECTION_SIZE
from opencex.people.services import record_sensitive_information
from tests.factories import (
    CaseFactory,
    DirectoryServiceFactory,
    PropertyFactory,
    ResidentFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STAFF_ROLES = sorted(set(Role) - {Role.RESIDENT, Role.PARTNER})
FIND = reverse("staff:find-resident")
NEW = reverse("staff:create-resident")


def _vulnerable_resident() -> Resident:
    resident = ResidentFactory(full_name="Maria Kowalska")
    record_sensitive_information(
        actor=UserFactory(role=Role.CONTACT_CENTRE),
        resident=resident,
        category="mental_health",
        details="Severe anxiety; call rather than write.",
        purpose="To adjust how we contact her",
        lawful_basis="Article 9(2)(g)",
        review_on=dt.date(2030, 1, 1),
    )
    resident.refresh_from_db()
    return resident


def _pages(resident, uprn):
    return [
        FIND,
        f"{FIND}?name=Maria",
        NEW,
        reverse("staff:resident", args=[resident.pk]),
        reverse("staff:log-contact", args=[resident.pk]),
        reverse("staff:log-anonymous-contact"),
        reverse("staff:property", args=[uprn]),
        f"{reverse('staff:assisted-forms')}?resident={resident.pk}",
    ]


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_staff_role_can_use_the_resident_pages(client, role):
    resident = ResidentFactory(full_name="Maria Kowalska")
    place = PropertyFactory()
    client.force_login(UserFactory(role=role))
    for url in _pages(resident, place.uprn):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PARTNER])
def test_residents_and_partners_are_refused_the_resident_pages(client, role):
    resident = ResidentFactory()
    place = PropertyFactory()
    client.force_login(UserFactory(role=role))
    for url in _pages(resident, place.uprn):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("staff:log-contact", args=[resident.pk])).status_code == 403
    assert client.post(NEW, {"full_name": "Someone"}).status_code == 403
    assert not Contact.objects.exists()
    assert Resident.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    resident = ResidentFactory()
    for url in _pages(resident, PropertyFactory().uprn):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("staff:sign-in"))


# ---- finding ---------------------------------------------------------------------------------


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.CONTACT_CENTRE, full_name="Chris Contact")
    client.force_login(user)
    return user


def test_residents_are_found_by_name_postcode_email_or_phone(client, officer):
    maria = ResidentFactory(
        full_name="Maria Kowalska", email="maria@example.org", phone="07700900123"
    )
    other = ResidentFactory(full_name="John Smith")
    Occupancy.objects.create(
        resident=maria, property=PropertyFactory(postcode="OX4 1HR"), relationship="tenant"
    )
    for query in (
        {"name": "maria kow"},
        {"postcode": "ox41hr"},
        {"email": "MARIA@example.org"},
        {"phone": "+44 7700 900123"},
    ):
        page = client.get(FIND, query).content.decode()
        assert "Maria Kowalska" in page, query
        assert escape(other.full_name) not in page, query


def test_a_search_with_nothing_in_it_asks_for_a_detail(client, officer):
    page = client.get(FIND, {"name": "", "postcode": ""}).content.decode()
    assert "There is a problem" in page
    assert "Enter a name, postcode, email address or phone number" in page


def test_no_results_offers_to_create_a_resident_record(client, officer):
    page = client.get(FIND, {"name": "Nobody Here"}).content.decode()
    assert "No residents match" in page
    assert f'href="{NEW}?name=Nobody%20Here' in page


def test_priority_residents_are_tagged_in_results(client, officer):
    _vulnerable_resident()
    assert "Priority" in client.get(FIND, {"name": "Maria"}).content.decode()


# ---- creating --------------------------------------------------------------------------------


def test_a_new_resident_without_likely_duplicates_is_created_at_once(client, officer):
    response = client.post(NEW, {"full_name": "Ada Lovelace", "email": "ada@example.org"})
    ada = Resident.objects.get(full_name="Ada Lovelace")
    assert response.url == reverse("staff:resident", args=[ada.pk])


def test_a_likely_duplicate_is_shown_and_nothing_is_created_until_confirmed(client, officer):
    existing = ResidentFactory(full_name="Maria Kowalska", phone="07700900123")
    details = {
        "full_name": "Maria Kowalski",
        "phone": "07700 900123",
        "dob_day": "3",
        "dob_month": "4",
        "dob_year": "1961",
    }

    page = client.post(NEW, details).content.decode()
    assert "These may be the same person" in page
    assert reverse("staff:resident", args=[existing.pk]) in page
    assert Resident.objects.count() == 1

    response = client.post(NEW, {**details, "confirmed": "yes"})
    created = Resident.objects.exclude(pk=existing.pk).get()
    assert response.url == reverse("staff:resident", args=[created.pk])
    assert created.date_of_birth == dt.date(1961, 4, 3)


def test_a_new_resident_needs_a_name_and_a_real_date_of_birth(client, officer):
    page = client.post(
        NEW, {"full_name": "", "dob_day": "31", "dob_month": "2", "dob_year": "1990"}
    ).content.decode()
    assert "Enter the resident&#x27;s full name" in page
    assert "Date of birth must be a real date" in page
    assert not Resident.objects.exists()


@time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False)
def test_a_new_resident_born_in_the_future_is_refused_in_govuk_words(client, officer):
    page = client.post(
        NEW, {"full_name": "Ada Okonkwo", "dob_day": "1", "dob_month": "1", "dob_year": "2026"}
    ).content.decode()
    assert "Date of birth must be in the past" in page
    assert not Resident.objects.exists()


@time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False)
def test_a_new_resident_born_more_than_130_years_ago_is_refused(client, officer):
    page = client.post(
        NEW, {"full_name": "Ada Okonkwo", "dob_day": "1", "dob_month": "1", "dob_year": "1890"}
    ).content.decode()
    assert "Date of birth must be the same as or after 10 June 1895" in page
    assert not Resident.objects.exists()


# ---- the single view -------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE])
def test_roles_that_need_it_see_vulnerability_details_and_the_view_is_recorded(client, role):
    resident = _vulnerable_resident()
    reader = UserFactory(role=role)
    CaseFactory(resident=resident, assigned_to=reader)  # need to know (test_need_to_know.py)
    client.force_login(reader)
    page = client.get(reverse("staff:resident", args=[resident.pk])).content.decode()
    assert "Priority resident" in page
    assert "Severe anxiety" in page
    access = SensitiveAccess.objects.exclude(kind=AccessKind.IMPORTED).get(resident=resident)
    assert (access.actor, access.purpose) == (reader, "Single view of resident")


def test_contact_centre_sees_the_priority_banner_but_not_the_details(client, officer):
    resident = _vulnerable_resident()
    page = client.get(reverse("staff:resident", args=[resident.pk])).content.decode()
    assert "Priority resident" in page
    assert "Severe anxiety" not in page
    assert "mental health" not in page.lower()
    # Only the import that put the data in: nothing read it.
    assert set(SensitiveAccess.objects.values_list("kind", flat=True)) == {AccessKind.IMPORTED}


def test_no_banner_for_a_resident_who_is_not_a_priority(client, officer):
    resident = ResidentFactory()
    page = client.get(reverse("staff:resident", args=[resident.pk])).content.decode()
    assert "Priority resident" not in page


def test_the_single_view_shows_details_household_and_visible_cases(client):
    team = TeamFactory()
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[team])
    client.force_login(caseworker)
    resident = ResidentFactory(full_name="Maria Kowalska", accessibility_needs="Large print")
    partner = ResidentFactory(full_name="Piotr Kowalski")
    home = PropertyFactory(address_line_1="12 Cowley Road")
    Occupancy.objects.create(resident=resident, property=home, relationship="tenant")
    Occupancy.objects.create(resident=partner, property=home, relationship="household_member")
    CaseFactory(resident=resident, team=team, reference="SR-MINE-0001")
    CaseFactory(resident=resident, team=TeamFactory(), reference="SR-HIDDEN-0001")

    page = client.get(reverse("staff:resident", args=[resident.pk])).content.decode()
    assert "Large print" in page
    assert "12 Cowley Road" in page
    assert reverse("staff:property", args=[home.uprn]) in page
    assert "Piotr Kowalski" in page
    assert "SR-MINE-0001" in page
    assert "SR-HIDDEN-0001" not in page  # another team's case is not visible to this caseworker


def test_a_contact_logged_from_the_single_view_appears_there_and_in_the_reports(client, officer):
    resident = ResidentFactory(full_name="Maria Kowalska")
    home = PropertyFactory()
    Occupancy.objects.create(resident=resident, property=home, relationship="tenant")

    response = client.post(
        reverse("staff:log-contact", args=[resident.pk]),
        {
            "channel": "face_to_face",
            "place": "westgate-library",
            "outcome": "signposted",
            "signposted_to": "Citizens Advice Oxfordshire",
            "note": "Benefit question",
        },
    )
    assert response.url == reverse("staff:resident", args=[resident.pk])
    contact = Contact.objects.get()
    assert (contact.resident, contact.property, contact.officer) == (resident, home, officer)

    page = client.get(response.url).content.decode()
    assert "Contact logged" in page
    assert "Signposted to Citizens Advice Oxfordshire" in page

    period = {
        "start": contact.at - dt.timedelta(hours=1),
        "end": contact.at + dt.timedelta(hours=1),
    }
    assert demand_by_channel(**period) == {"face_to_face": 1}
    assert first_contact_resolution(**period).rate == 1.0


def test_logging_a_contact_with_a_missing_answer_shows_the_error_and_logs_nothing(client, officer):
    resident = ResidentFactory()
    page = client.post(
        reverse("staff:log-contact", args=[resident.pk]),
        {"channel": "outreach", "outcome": "signposted"},
    ).content.decode()
    assert "There is a problem" in page
    assert "Select where you saw the resident" in page
    assert not Contact.objects.exists()


def test_the_contact_form_remembers_the_officers_channel_and_place(client, officer):
    url = reverse("staff:log-anonymous-contact")
    client.post(
        url,
        {
            "channel": "outreach",
            "place": "barton-community-larder",
            "outcome": "resolved_at_first_contact",
        },
    )
    page = client.get(url).content.decode()
    assert 'value="outreach" checked' in page
    assert 'value="barton-community-larder" selected' in page
    assert Contact.objects.get().resident is None


# ---- the property page -----------------------------------------------------------------------


def test_the_property_page_lists_every_case_and_contact_at_the_address(client, officer):
    home = PropertyFactory(address_line_1="12 Cowley Road")
    resident = ResidentFactory(full_name="Maria Kowalska")
    Occupancy.objects.create(
        resident=resident, property=home, relationship="tenant", ended_on=dt.date(2024, 1, 1)
    )
    CaseFactory(property=home, reference="SR-HOME-0001", subject="Damp and mould")
    CaseFactory(property=PropertyFactory(), reference="SR-ELSEWHERE-1")
    log_contact(
        actor=officer,
        resident=resident,
        property=home,
        channel=Channel.PHONE,
        outcome=Outcome.RESOLVED,
        note="Asked about bin day",
    )

    page = client.get(reverse("staff:property", args=[home.uprn])).content.decode()
    assert "12 Cowley Road" in page
    assert "SR-HOME-0001" in page
    assert "Damp and mould" in page
    assert "SR-ELSEWHERE-1" not in page
    assert "Asked about bin day" in page
    assert "Maria Kowalska" in page


def test_an_unknown_uprn_is_not_found(client, officer):
    assert client.get(reverse("staff:property", args=["999999999999"])).status_code == 404


# ---- the single view, part by part -------------------------------------------------------------


def _message(case, kind, body, minutes_ago):
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        summary="Message",
        body=body,
        is_visible_to_resident=True,
    )


def test_the_single_view_shows_messages_on_their_cases_newest_first(client, officer):
    resident = ResidentFactory()
    case = CaseFactory(resident=resident, reference="SR-MSG-0001")
    _message(case, EventKind.MESSAGE_IN, "The mould is back in the bedroom", minutes_ago=60)
    _message(case, EventKind.MESSAGE_OUT, "A surveyor will call on Tuesday", minutes_ago=5)
    CaseEvent.objects.create(case=case, kind=EventKind.NOTE, at=timezone.now(), summary="Note")

    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    messages = page[page.index('id="messages"') :]
    assert messages.index("A surveyor will call") < messages.index("The mould is back")
    assert "The resident" in messages


def test_messages_on_cases_the_officer_cannot_see_are_not_shown(client):
    team = TeamFactory()
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[team]))
    resident = ResidentFactory()
    _message(CaseFactory(resident=resident, team=team), EventKind.MESSAGE_IN, "Mine", 1)
    _message(CaseFactory(resident=resident, team=TeamFactory()), EventKind.MESSAGE_IN, "Theirs", 1)
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert "Mine" in page
    assert "Theirs" not in page


def test_the_single_view_shows_preferences_consent_and_accessibility_needs(client, officer):
    resident = ResidentFactory(
        preferred_channel="sms",
        consents_to_sms=True,
        consents_to_research=True,
        needs_interpreter=True,
        accessibility_needs="Hard of hearing: use text relay",
    )
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert "Text message" in page
    assert "needs an interpreter" in page
    assert "Hard of hearing: use text relay" in page
    consents = page[page.index("Agrees to text messages") :]
    assert consents.index("Yes") < consents.index("</div>")


def test_the_household_links_to_each_members_own_single_view(client, officer):
    resident, partner = ResidentFactory(), ResidentFactory(full_name="Piotr Kowalski")
    home = PropertyFactory()
    Occupancy.objects.create(resident=resident, property=home, relationship="tenant")
    Occupancy.objects.create(resident=partner, property=home, relationship="household_member")
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    link = reverse("staff:resident", args=[partner.pk])
    assert f'<a class="govuk-link" href="{link}"><span dir="auto">Piotr Kowalski</span></a>' in page


def test_the_single_view_says_which_line_a_case_came_in_on_and_its_priority(client, officer):
    resident = ResidentFactory()
    CaseFactory(
        resident=resident,
        channel=Channel.PHONE,
        priority=Priority.HIGH,
        answers={"received_by": {"phone_line": "Vulnerable residents line"}},
    )
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    cases = page[page.index('id="cases"') : page.index('id="contacts"')]
    assert "Vulnerable residents line" in cases
    assert "High priority" in cases


def test_the_single_view_offers_to_fill_in_a_form_for_this_resident(client, officer):
    resident = ResidentFactory()
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert f'href="{reverse("staff:assisted-forms")}?resident={resident.pk}"' in page


def test_a_long_list_of_cases_is_cut_short_with_a_link_to_show_them_all(client, officer):
    resident = ResidentFactory()
    for _ in range(SECTION_SIZE + 1):
        CaseFactory(resident=resident)
    url = reverse("staff:resident", args=[resident.pk])
    page = client.get(url).text
    assert page.count('href="/staff/cases/') == SECTION_SIZE
    assert f"Show all {SECTION_SIZE + 1}" in page
    assert 'href="?show=cases#cases"' in page

    everything = client.get(url, {"show": "cases"}).text
    assert everything.count('href="/staff/cases/') == SECTION_SIZE + 1
    assert "Show all" not in everything


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_history(officer, resident, home, count: int) -> None:
    entry = DirectoryServiceFactory()
    for _ in range(count):
        case = CaseFactory(resident=resident, property=home, service=ServiceFactory())
        _message(case, EventKind.MESSAGE_IN, "Still broken", 1)
        log_contact(
            actor=officer,
            resident=resident,
            property=home,
            channel=Channel.PHONE,
            phone_line="vulnerable-residents-line",
            outcome=Outcome.SIGNPOSTED,
            signposted_service=entry,
            service=case.service,
        )
        log_contact(
            actor=officer,
            resident=resident,
            property=home,
            channel=Channel.PHONE,
            outcome=Outcome.CASE_OPENED,
            case=case,
        )
        Occupancy.objects.create(
            resident=ResidentFactory(), property=home, relationship="household_member"
        )


@pytest.mark.parametrize("page", ["staff:resident", "staff:property"])
def test_the_single_views_make_as_many_queries_for_a_long_history_as_for_a_short_one(
    client, officer, page
):
    resident, home = ResidentFactory(), PropertyFactory()
    Occupancy.objects.create(resident=resident, property=home, relationship="tenant")
    url = reverse(page, args=[resident.pk if page == "staff:resident" else home.uprn])
    _add_history(officer, resident, home, 1)
    short = _queries_for(client, url)
    _add_history(officer, resident, home, 6)
    assert _queries_for(client, url) == short


def test_the_property_page_links_each_signposting_to_its_directory_entry(client, officer):
    home = PropertyFactory()
    entry = DirectoryServiceFactory(slug="warm-homes", name="Warm homes advice")
    log_contact(
        actor=officer,
        property=home,
        channel=Channel.PHONE,
        outcome=Outcome.SIGNPOSTED,
        signposted_service=entry,
    )
    page = client.get(reverse("staff:property", args=[home.uprn])).text
    assert reverse("web:directory-entry", args=["warm-homes"]) in page
    assert "Signposted to" in page


def test_the_property_page_shows_who_lived_there_before(client, officer):
    home = PropertyFactory()
    former = ResidentFactory(full_name="Former Tenant")
    Occupancy.objects.create(
        resident=former,
        property=home,
        relationship="tenant",
        started_on=dt.date(2015, 1, 1),
        ended_on=dt.date(2020, 6, 30),
    )
    page = client.get(reverse("staff:property", args=[home.uprn])).text
    assert "Former Tenant" in page
    assert "until 30 Jun 2020" in page


# ---- labels, not codes -----------------------------------------------------------------------


@pytest.mark.parametrize(("code", "name"), [("en", "English"), ("pl", "Polski"), ("ar", "العربية")])
def test_the_single_view_names_the_preferred_language_in_its_own_words(client, code, name):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    resident = ResidentFactory(preferred_language=code)

    page = client.get(reverse("staff:resident", args=[resident.pk])).content.decode()

    row = page[page.index(">Language<") :][:300]
    assert f">{name}" in row
    assert f">{code}<" not in row


def test_a_case_from_the_vulnerable_line_is_listed_with_the_line_named_once(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    resident = ResidentFactory()
    received = {"phone_line": "Vulnerable residents line", "is_vulnerable_line": True}
    CaseFactory(resident=resident, answers={"received_by": received})

    page = client.get(reverse("staff:resident", args=[resident.pk])).content.decode()

    assert '<strong class="govuk-tag govuk-tag--red">Vulnerable residents line</strong>' in page
    assert page.count("Vulnerable residents line") == 1
