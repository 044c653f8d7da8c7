"""Joining a panel: the checks, matching the resident, the profile held apart with consent,
submit-twice safety, the waiting list, and a parent's or carer's agreement for under-16s."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import time_machine
from django.conf import settings

from opencex.notify.models import Notification
from opencex.panels import links, services
from opencex.panels.models import (
    Membership,
    MembershipStatus,
    PanelEvent,
    PanelKind,
    PanelProfile,
    ParentalConsent,
)
from opencex.people.models import Resident
from tests.factories import PropertyFactory, ResidentFactory
from tests.panels.conftest import join

pytestmark = pytest.mark.django_db


def test_the_panels_come_from_the_council_profile_and_follow_its_changes(panels):
    config = settings.COUNCIL_PROFILE.panels
    assert panels["residents"].capacity == config.residents_capacity == 1000
    assert (panels["youth"].min_age, panels["youth"].max_age) == (13, 24)
    panels["residents"].capacity = 3
    panels["residents"].save()
    again = services.ensure_panels()
    assert again["residents"].capacity == 1000
    assert again["residents"].pk == panels["residents"].pk


def test_joining_makes_a_resident_a_member_with_the_strata_and_a_profile_apart(panels):
    joined = join()
    membership = joined.membership
    assert membership.status == MembershipStatus.MEMBER
    assert Membership.objects.active().get() == membership
    assert (membership.age_band, membership.ward, membership.tenure) == (
        "45_54",
        "Cowley",
        "social_rented",
    )
    profile = PanelProfile.objects.get(membership=membership)
    assert (profile.ethnic_group, profile.disability) == ("black", "no")
    assert profile.consented_at is not None
    assert "panel" in profile.purpose
    assert membership.resident.email == "amara@example.org"
    welcome = Notification.objects.get(template="panel_joined")
    assert welcome.recipient == "amara@example.org"
    assert "/panels/leave/" in welcome.body


def test_the_ward_comes_from_the_property_list_when_the_postcode_is_known(panels):
    PropertyFactory(postcode="OX4 6BX", ward="Blackbird Leys")
    membership = join(ward="", postcode="ox46bx").membership
    assert membership.ward == "Blackbird Leys"


def test_a_ward_not_in_the_census_profile_is_refused(panels):
    with pytest.raises(services.JoinError) as refusal:
        join(ward="Atlantis")
    assert refusal.value.field == "ward"


def test_an_existing_resident_is_matched_by_email_and_not_overwritten(panels):
    held = ResidentFactory(full_name="Amara N. Okafor", email="Amara@Example.org")
    membership = join().membership
    assert membership.resident == held
    held.refresh_from_db()
    assert held.full_name == "Amara N. Okafor"
    assert Resident.objects.count() == 1


def test_sending_the_sign_up_twice_leaves_one_membership(panels):
    first = join()
    second = join()
    assert second.already_on_panel
    assert second.membership == first.membership
    assert Membership.objects.count() == 1


def test_the_residents_panel_refuses_children(panels):
    with pytest.raises(services.JoinError) as refusal:
        join(date_of_birth=dt.date(2010, 1, 1))
    assert refusal.value.field == "date_of_birth"
    assert "18 or older" in str(refusal.value)
    assert not Membership.objects.exists()


@pytest.mark.parametrize("born", [dt.date(2014, 1, 1), dt.date(2001, 11, 30)])
def test_the_youth_panel_refuses_anyone_outside_13_to_24(panels, born):
    # 1 December 2026: born 1 Jan 2014 is 12; born 30 Nov 2001 turned 25 yesterday.
    with pytest.raises(services.JoinError) as refusal:
        join(PanelKind.YOUTH, date_of_birth=born)
    assert "aged 13 to 24" in str(refusal.value)


def test_answers_about_oneself_need_their_own_agreement(panels):
    with pytest.raises(services.JoinError) as refusal:
        join(agrees_to_profile=False)
    assert refusal.value.field == "agrees_to_profile"
    membership = join(agrees_to_profile=False, ethnic_group="", disability="", main_language="")
    assert not PanelProfile.objects.filter(membership=membership.membership).exists()


def test_joining_needs_the_agreement_to_join(panels):
    with pytest.raises(services.JoinError) as refusal:
        join(agrees_to_join=False)
    assert refusal.value.field == "agrees_to_join"


def test_a_full_panel_puts_new_sign_ups_on_the_waiting_list(settings, db):
    profile = settings.COUNCIL_PROFILE
    settings.COUNCIL_PROFILE = dataclasses.replace(
        profile, panels=dataclasses.replace(profile.panels, residents_capacity=1)
    )
    first = join(email="first@example.org").membership
    waiting = join(email="second@example.org").membership
    assert waiting.status == MembershipStatus.WAITING_LIST
    assert list(Membership.objects.active()) == [first]
    # A member leaves: the first on the waiting list takes the place, and is told.
    services.leave_panel(actor=None, membership=first, reason="Left")
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.MEMBER
    assert list(Membership.objects.active()) == [waiting]
    assert (
        Notification.objects.filter(template="panel_joined", recipient="second@example.org").count()
        == 2
    )


def test_a_young_person_under_16_waits_for_a_parent_who_agrees_by_the_emailed_link(panels):
    with pytest.raises(services.JoinError) as refusal:
        join(PanelKind.YOUTH, date_of_birth=dt.date(2012, 6, 1), email="kai@example.org")
    assert refusal.value.field == "parent_name"
    joined = join(
        PanelKind.YOUTH,
        full_name="Kai Brown",
        date_of_birth=dt.date(2012, 6, 1),
        email="kai@example.org",
        parent_name="Jo Brown",
        parent_email="Jo.Brown@example.org",
    )
    membership = joined.membership
    assert membership.status == MembershipStatus.AWAITING_PARENTAL_CONSENT
    assert membership.age_band == "under_18"
    assert membership not in Membership.objects.active()
    to_parent = Notification.objects.get(template="panel_parental_consent")
    assert to_parent.recipient == "jo.brown@example.org"
    token = links.token(links.PARENT, membership.pk)
    assert token in to_parent.body
    # A leave link is not a consent link.
    assert services.give_parental_consent(token=links.token(links.LEAVE, membership.pk)) is None
    assert services.give_parental_consent(token=token) == membership
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.MEMBER
    assert ParentalConsent.objects.get(membership=membership).given_at is not None
    assert PanelEvent.objects.filter(action="parental_consent_given").count() == 1


def test_a_parents_link_runs_out_after_14_days(panels):
    membership = join(
        PanelKind.YOUTH,
        date_of_birth=dt.date(2012, 6, 1),
        parent_name="Jo Brown",
        parent_email="jo@example.org",
    ).membership
    token = links.token(links.PARENT, membership.pk)
    with time_machine.travel(dt.datetime(2026, 12, 16, 10, tzinfo=dt.UTC), tick=False):
        assert services.give_parental_consent(token=token) is None


def test_a_16_year_old_joins_the_youth_panel_without_a_parent(panels):
    membership = join(PanelKind.YOUTH, date_of_birth=dt.date(2010, 11, 30)).membership
    assert membership.status == MembershipStatus.MEMBER
    assert not ParentalConsent.objects.exists()
