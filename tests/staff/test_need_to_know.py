"""Need to know: a caseworker sees a resident's special-category details only where the resident
has a case with the caseworker's team (or assigned to them), or by breaking the glass with a
reason, which is recorded and shown to information governance. The vulnerable-priority flag,
not the details, stays visible to everyone on the staff side."""

from __future__ import annotations

import datetime as dt
import pathlib
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.people import policies
from opencex.people.models import AccessKind, Resident, SensitiveAccess
from opencex.people.services import (
    break_glass,
    read_sensitive_information,
    record_sensitive_information,
)
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

DETAILS = "Severe anxiety; call rather than write."


def reads():
    """The access log's rows besides the import that put the resident's data in."""
    return SensitiveAccess.objects.exclude(kind=AccessKind.IMPORTED)


@pytest.fixture
def resident() -> Resident:
    resident = ResidentFactory(full_name="Maria Kowalska")
    record_sensitive_information(
        actor=UserFactory(role=Role.CONTACT_CENTRE),
        resident=resident,
        category="mental_health",
        details=DETAILS,
        purpose="To adjust how we contact her",
        lawful_basis="Article 9(2)(g)",
        review_on=dt.date(2030, 1, 1),
    )
    resident.refresh_from_db()
    return resident


@pytest.fixture
def housing_caseworker():
    caseworker = UserFactory(role=Role.CASEWORKER, full_name="Hal Housing")
    TeamFactory(name="Housing").members.add(caseworker)
    return caseworker


def page_for(client, user, resident) -> str:
    client.force_login(user)
    return client.get(reverse("staff:resident", args=[resident.pk])).content.decode()


# ---- the rule --------------------------------------------------------------------------------


def test_a_caseworker_sees_the_details_of_a_resident_with_a_case_with_their_team(
    client, resident, housing_caseworker
):
    CaseFactory(resident=resident, team=housing_caseworker.teams.get())
    page = page_for(client, housing_caseworker, resident)
    assert DETAILS in page
    access = reads().get()
    assert (access.actor, access.kind) == (housing_caseworker, AccessKind.NEED_TO_KNOW)


def test_a_case_assigned_to_the_caseworker_is_a_need_to_know_too(resident, housing_caseworker):
    CaseFactory(resident=resident, assigned_to=housing_caseworker)
    assert policies.can_view_sensitive_information(housing_caseworker, resident)


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER])
def test_without_a_case_with_their_team_the_details_are_hidden_and_nothing_is_logged(
    client, resident, role
):
    officer = UserFactory(role=role)
    TeamFactory(name="Parks").members.add(officer)
    CaseFactory(resident=resident, team=TeamFactory(name="Housing"))  # another team's case

    page = page_for(client, officer, resident)

    assert DETAILS not in page
    assert "Priority resident" in page  # the flag stays
    assert "Why do you need to see this information?" in page
    assert not reads().exists()
    with pytest.raises(PermissionDenied):
        read_sensitive_information(actor=officer, resident=resident, purpose="Curious")


@pytest.mark.parametrize("role", [Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR])
def test_information_governance_and_administrators_see_every_residents_details(
    client, resident, role
):
    assert DETAILS in page_for(client, UserFactory(role=role), resident)
    assert reads().get().kind == AccessKind.NEED_TO_KNOW


def test_the_contact_centre_sees_the_flag_and_is_not_offered_to_break_the_glass(client, resident):
    page = page_for(client, UserFactory(role=Role.CONTACT_CENTRE), resident)
    assert "Priority resident" in page
    assert DETAILS not in page
    assert "Why do you need to see this information?" not in page
    assert not reads().exists()


def test_the_queue_still_shows_the_vulnerable_flag_without_a_need_to_know(client, resident):
    CaseFactory(resident=resident, team=TeamFactory(name="Housing"))
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))  # sees every team's cases
    page = client.get(reverse("staff:queues"), {"queue": "vulnerable"}).content.decode()
    assert 'govuk-tag--purple">Vulnerable resident</strong>' in page
    assert DETAILS not in page
    assert not reads().exists()


# ---- breaking the glass ----------------------------------------------------------------------


def break_the_glass(client, user, resident, reason):
    client.force_login(user)
    return client.post(
        reverse("staff:resident-break-glass", args=[resident.pk]), {"reason": reason}
    )


def test_breaking_the_glass_with_a_reason_shows_the_details_once_and_records_the_reason(
    client, resident, housing_caseworker
):
    response = break_the_glass(
        client, housing_caseworker, resident, "Police welfare check request, ref 4471"
    )
    assert response.status_code == 200
    assert DETAILS in response.content.decode()
    access = reads().get()
    assert (access.actor, access.kind, access.purpose) == (
        housing_caseworker,
        AccessKind.BREAK_GLASS,
        "Police welfare check request, ref 4471",
    )
    # Looking again needs a reason again.
    assert DETAILS not in client.get(reverse("staff:resident", args=[resident.pk])).content.decode()


def test_breaking_the_glass_without_a_reason_is_refused_with_an_error_summary(
    client, resident, housing_caseworker
):
    response = break_the_glass(client, housing_caseworker, resident, "   ")
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#id_reason">Enter why you need to see this information</a>' in page
    assert page.count("<title>Error:") == 1
    assert DETAILS not in page
    assert not reads().exists()


def test_a_reason_too_long_to_record_is_refused(client, resident, housing_caseworker):
    response = break_the_glass(client, housing_caseworker, resident, "x" * 201)
    assert "Your reason must be 200 characters or fewer" in response.content.decode()
    assert not reads().exists()


def test_the_contact_centre_cannot_break_the_glass(client, resident):
    response = break_the_glass(client, UserFactory(role=Role.CONTACT_CENTRE), resident, "Need it")
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        break_glass(actor=UserFactory(role=Role.CONTACT_CENTRE), resident=resident, reason="x")
    assert not reads().exists()


def test_with_a_need_to_know_there_is_no_glass_to_break(client, resident, housing_caseworker):
    CaseFactory(resident=resident, assigned_to=housing_caseworker)
    response = break_the_glass(client, housing_caseworker, resident, "Just because")
    assert response.status_code == 403


# ---- information governance sees it ----------------------------------------------------------


def test_information_governance_sees_who_broke_the_glass_when_and_why(
    client, resident, housing_caseworker
):
    break_the_glass(client, housing_caseworker, resident, "Safeguarding referral from school")
    ig = UserFactory(role=Role.INFORMATION_GOVERNANCE)
    client.force_login(ig)

    page = client.get(reverse("staff:break-glass-reads")).content.decode()

    assert "Hal Housing (Caseworker)" in page
    assert "Maria Kowalska" in page
    assert "Safeguarding referral from school" in page
    assert re.search(r"\d{1,2} \w{3} \d{4}, \d{2}:\d{2}", page)


def test_ordinary_reads_are_not_listed_as_break_glass(client, resident):
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE))
    client.get(reverse("staff:resident", args=[resident.pk]))
    page = client.get(reverse("staff:break-glass-reads")).content.decode()
    assert "Nobody has broken the glass." in page


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER, Role.CONTACT_CENTRE])
def test_only_information_governance_and_administrators_see_the_list(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("staff:break-glass-reads")).status_code == 403


# ---- every read is logged --------------------------------------------------------------------

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "opencex"
# The reverse relation, the manager, and the way through a review task to its entry.
READS = re.compile(
    r"\.sensitive_information\b|SensitiveInformation\.objects|information\.details|information__details"
)


def test_the_details_are_read_only_through_the_services_that_log_the_read():
    """Every path that reads special-category details goes through people.services, which logs
    it: no other module touches the table (the API exposes nothing of it). people.policies asks
    which entries an officer may read, never what they say."""
    readers = {
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and READS.search(path.read_text())
    }
    assert readers == {"people/services.py", "people/policies.py"}
