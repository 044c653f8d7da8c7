"""Routing free text in a real browser: an officer opens a general enquiry, sees the routing
model's suggestion with how sure it is, tries to move it without choosing a service (the error
state), then picks one of the alternatives: the case is on that service and its team, and the
correction is recorded. Axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.aigovernance.models import Decision, Outcome
from opencex.cases.actions.opening import open_case
from opencex.cases.models import Case, CaseKind, Channel
from opencex.textrouting import training
from opencex.textrouting.model import Example
from tests.browser.conftest import assert_accessible
from tests.browser.test_journey_complaint import sign_in
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERVICES = {
    "report-rats-or-mice": ("Report rats or mice", "Pest Control", ["rats", "mice", "vermin"]),
    "report-noise-nuisance": ("Report noise", "Environmental Health", ["loud music", "noise"]),
    "report-missed-bin": ("Report a missed bin", "Waste Services", ["bin not emptied"]),
    "make-general-enquiry": ("Make a general enquiry", "Customer Services", ["question"]),
}


@pytest.fixture
def world(settings, tmp_path, run_jobs):
    settings.VAR_DIR = tmp_path
    services = {
        slug: ServiceFactory(
            slug=slug,
            title=title,
            summary=title + ".",
            team=TeamFactory(slug=team.lower().replace(" ", "-"), name=team),
            keywords=keywords,
        )
        for slug, (title, team, keywords) in SERVICES.items()
    }
    examples = [
        Example(text, slug, "history")
        for slug, (title, _team, keywords) in SERVICES.items()
        for text in [title, *keywords]
    ]
    training.train(examples=examples)
    case, _ = open_case(
        actor=None,
        kind=CaseKind.ENQUIRY,
        channel=Channel.WEB,
        subject="Rats and music",
        description="Rats in the garden, and the neighbours play loud music at night.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
        service=services["make-general-enquiry"],
    )
    run_jobs()  # the case.created event's consumers, as the worker runs them: the suggestion
    return case


def test_an_officer_picks_an_alternative_to_the_suggested_service(page: Page, world):
    officer = UserFactory(role=Role.CONTACT_CENTRE, full_name="Sam Okafor")
    sign_in(page, officer, f"/staff/cases/{world.reference}/")

    banner = page.locator("#routing-suggestion")
    expect(banner).to_contain_text("Suggested: ")
    expect(banner).to_contain_text("% sure")
    assert_accessible(page)

    page.locator("#action-route summary").click()
    page.get_by_role("button", name="Move to this service").click()  # no service chosen
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a service")
    assert_accessible(page)

    suggested = Case.objects.get(pk=world.pk)  # unchanged by the refusal
    assert suggested.service.slug == "make-general-enquiry"
    alternative = page.locator("#routing-alternatives button").first
    chosen_title = alternative.inner_text().split(" (")[0]
    alternative.click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Case moved to the service and its team"
    )
    assert_accessible(page)
    case = Case.objects.select_related("service", "team").get(pk=world.pk)
    assert case.service.title == chosen_title
    assert case.team == case.service.team
    decision = Decision.objects.get()
    assert decision.outcome == Outcome.CORRECTED
    assert decision.correction == {"service": case.service.slug}
