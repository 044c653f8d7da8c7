"""Who may prepare, publish and withdraw: information governance and administrators publish,
caseworkers who can see the request prepare, nobody else touches the log."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.disclosure import policies
from opencex.disclosure.models import EntryStatus
from opencex.disclosure.services import (
    prepare_disclosure,
    publish_disclosure,
    update_draft,
    withdraw_disclosure,
)
from tests.factories import DisclosureEntryFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES_THAT_PREPARE = {Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR, Role.CASEWORKER}
ROLES_THAT_PUBLISH = {Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR}


def officer(role, ig_team):
    """Someone in the information-governance team, so only the role decides."""
    return UserFactory(role=role, teams=[ig_team])


@pytest.mark.parametrize("role", list(Role))
def test_only_information_governance_administrators_and_caseworkers_prepare(
    role, ig_team, released_case
):
    actor = officer(role, ig_team)
    if role in ROLES_THAT_PREPARE:
        assert prepare_disclosure(actor=actor, case=released_case).status == EntryStatus.DRAFT
    else:
        with pytest.raises(PermissionDenied):
            prepare_disclosure(actor=actor, case=released_case)


@pytest.mark.parametrize("role", list(Role))
def test_only_information_governance_and_administrators_publish(
    role, ig_team, ig_officer, released_case, waste_area
):
    entry = prepare_disclosure(actor=ig_officer, case=released_case)
    entry.service_area = waste_area
    entry.save()
    actor = officer(role, ig_team)
    if role in ROLES_THAT_PUBLISH:
        published = publish_disclosure(actor=actor, entry=entry, confirmed_no_personal_data=True)
        assert published.status == EntryStatus.PUBLISHED
    else:
        with pytest.raises(PermissionDenied):
            publish_disclosure(actor=actor, entry=entry, confirmed_no_personal_data=True)


@pytest.mark.parametrize("role", list(Role))
def test_only_information_governance_and_administrators_withdraw(role, ig_team):
    entry = DisclosureEntryFactory()
    actor = officer(role, ig_team)
    if role in ROLES_THAT_PUBLISH:
        withdrawn = withdraw_disclosure(actor=actor, entry=entry, reason="Personal data found")
        assert withdrawn.status == EntryStatus.WITHDRAWN
    else:
        with pytest.raises(PermissionDenied):
            withdraw_disclosure(actor=actor, entry=entry, reason="Personal data found")


def test_nobody_signed_out_prepares_publishes_or_withdraws(released_case):
    anonymous = AnonymousUser()
    assert not policies.can_prepare_disclosure(anonymous, released_case)
    assert not policies.can_publish_disclosure(anonymous)
    assert not policies.can_withdraw_disclosure(anonymous)
    assert not policies.visible_entries(anonymous).exists()


def test_a_caseworker_in_another_team_cannot_prepare_a_request_they_cannot_see(released_case):
    outsider = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory(slug="waste")])
    with pytest.raises(PermissionDenied):
        prepare_disclosure(actor=outsider, case=released_case)


def test_a_caseworker_edits_a_draft_but_an_outsider_does_not(ig_officer, caseworker, released_case):
    entry = prepare_disclosure(actor=ig_officer, case=released_case)
    outsider = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory(slug="waste")])
    assert policies.can_edit_draft(caseworker, entry)
    assert not policies.can_edit_draft(outsider, entry)
    with pytest.raises(PermissionDenied):
        update_draft(
            actor=outsider,
            entry=entry,
            title="New",
            request_text="x",
            response_text="y",
            decision=entry.decision,
            service_area=None,
        )


def test_a_caseworker_sees_published_entries_but_only_the_drafts_of_requests_they_can_see(
    ig_officer, released_case
):
    draft = prepare_disclosure(actor=ig_officer, case=released_case)
    published = DisclosureEntryFactory()
    outsider = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory(slug="waste")])
    assert list(policies.visible_entries(outsider)) == [published]
    assert set(policies.visible_entries(ig_officer)) == {draft, published}


def test_a_team_manager_has_no_staff_side_of_the_log(ig_team):
    manager = officer(Role.TEAM_MANAGER, ig_team)
    DisclosureEntryFactory()
    assert not policies.can_use_disclosure_log(manager)
    assert not policies.visible_entries(manager).exists()
