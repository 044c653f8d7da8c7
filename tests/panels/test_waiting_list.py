"""The waiting list: a young person under 16 on it still needs a parent's agreement (kept from
the start, asked for when a place is offered, with a fresh 14 days), and people on it are asked
once a year whether they are still happy to wait, and removed when they do not answer."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import time_machine

from opencex.notify.models import Notification
from opencex.panels import links, refresh, services
from opencex.panels.models import Membership, MembershipStatus, PanelKind, ParentalConsent
from tests.panels.conftest import NOW, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_place_each(settings, db):
    profile = settings.COUNCIL_PROFILE
    settings.COUNCIL_PROFILE = dataclasses.replace(
        profile,
        panels=dataclasses.replace(profile.panels, youth_capacity=1, residents_capacity=1),
    )


def _young(**overrides):
    values = {
        "full_name": "Kai Brown",
        "date_of_birth": dt.date(2012, 6, 1),
        "email": "kai@example.org",
        "parent_name": "Jo Brown",
        "parent_email": "jo@example.org",
        "ethnic_group": "",
        "disability": "",
        "main_language": "",
    }
    return join(PanelKind.YOUTH, **(values | overrides)).membership


def test_an_under_16_on_the_waiting_list_needs_a_parent_when_a_place_comes_free(one_place_each):
    first = join(PanelKind.YOUTH, date_of_birth=dt.date(2006, 1, 1)).membership
    waiting = _young()
    assert waiting.status == MembershipStatus.WAITING_LIST
    consent = ParentalConsent.objects.get(membership=waiting)
    assert consent.parent_email == "jo@example.org"
    assert consent.given_at is None
    assert not Notification.objects.filter(template="panel_parental_consent").exists()

    later = NOW + dt.timedelta(days=30)
    with time_machine.travel(later, tick=False):
        services.leave_panel(actor=None, membership=first, reason="Left")
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.AWAITING_PARENTAL_CONSENT  # not a member yet
    assert waiting not in Membership.objects.active()
    to_parent = Notification.objects.get(template="panel_parental_consent")
    assert to_parent.recipient == "jo@example.org"
    assert ParentalConsent.objects.get(membership=waiting).requested_at == later
    # The parent's 14 days run from the offer, not from the sign-up a month before.
    with time_machine.travel(later + dt.timedelta(days=10), tick=False):
        refresh.send_panel_refresh()
        assert services.give_parental_consent(token=links.token(links.PARENT, waiting.pk))
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.MEMBER


def test_a_parent_who_does_not_agree_after_the_offer_loses_the_place_in_14_days(one_place_each):
    first = join(PanelKind.YOUTH, date_of_birth=dt.date(2006, 1, 1)).membership
    waiting = _young()
    later = NOW + dt.timedelta(days=30)
    with time_machine.travel(later, tick=False):
        services.leave_panel(actor=None, membership=first, reason="Left")
    with time_machine.travel(later + dt.timedelta(days=15), tick=False):
        refresh.send_panel_refresh()
    waiting.refresh_from_db()
    assert waiting.left_at is not None
    assert not ParentalConsent.objects.exists()


def test_the_waiting_list_is_asked_each_year_and_removed_without_an_answer(one_place_each):
    join(email="first@example.org")
    waiting = join(email="second@example.org").membership
    assert waiting.status == MembershipStatus.WAITING_LIST
    a_year_on = NOW + dt.timedelta(days=366)
    with time_machine.travel(a_year_on, tick=False):
        asked, _removed = refresh.send_panel_refresh()
    assert asked == 2
    assert Notification.objects.filter(
        template="panel_still_happy", recipient="second@example.org"
    ).exists()
    with time_machine.travel(a_year_on + dt.timedelta(days=29), tick=False):
        refresh.send_panel_refresh()
    waiting.refresh_from_db()
    assert waiting.left_at is not None


def test_those_waiting_for_a_parent_or_their_own_confirmation_are_not_asked(panels):
    _young()
    services.join_panel(
        actor=None,
        kind=PanelKind.RESIDENTS,
        applicant=services.Applicant(
            full_name="Lee",
            date_of_birth=dt.date(1980, 1, 1),
            email="lee@example.org",
            agrees_to_join=True,
        ),
    )
    with time_machine.travel(NOW + dt.timedelta(days=5), tick=False):
        assert refresh.send_panel_refresh()[0] == 0
    assert not Notification.objects.filter(template="panel_still_happy").exists()
