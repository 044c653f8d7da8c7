"""Leaving at any time: by the emailed link (no sign-in) or from the account, with the data
removed from the database, not just flagged; and a resident's erasure takes their panels too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.panels import links, services
from opencex.panels.models import (
    MemberMessage,
    Membership,
    PanelEvent,
    PanelKind,
    PanelProfile,
    ParentalConsent,
)
from tests.factories import UserFactory
from tests.panels.conftest import join

pytestmark = pytest.mark.django_db


def _young_member_with_everything():
    return join(
        PanelKind.YOUTH,
        full_name="Kai Brown",
        date_of_birth=dt.date(2012, 6, 1),
        email="kai@example.org",
        parent_name="Jo Brown",
        parent_email="jo@example.org",
        message="More things to do in Blackbird Leys",
    ).membership


def _assert_removed(membership: Membership) -> None:
    membership.refresh_from_db()
    assert membership.left_at is not None
    assert (membership.age_band, membership.ward, membership.tenure) == ("", "", "")
    assert not PanelProfile.objects.filter(membership=membership).exists()
    assert not ParentalConsent.objects.filter(membership=membership).exists()
    assert not MemberMessage.objects.filter(membership=membership).exists()
    assert membership not in Membership.objects.active()


def test_leaving_deletes_the_special_category_answers_the_parent_and_the_words(panels):
    membership = _young_member_with_everything()
    assert PanelProfile.objects.filter(membership=membership).exists()
    assert ParentalConsent.objects.filter(membership=membership).exists()
    assert MemberMessage.objects.filter(membership=membership).exists()
    services.leave_panel(actor=None, membership=membership, reason="Left by the member")
    _assert_removed(membership)
    event = PanelEvent.objects.get(action="left")
    assert event.membership_number == membership.pk
    assert "Kai" not in event.detail
    assert "kai@" not in event.detail


def test_the_leave_link_asks_first_then_removes_the_data(client, panels):
    membership = join().membership
    url = reverse("web:panel-leave", args=[links.token(links.LEAVE, membership.pk)])
    page = client.get(url)
    assert page.status_code == 200
    assert "Leave the Residents Panel" in page.content.decode()
    membership.refresh_from_db()
    assert membership.left_at is None  # a mail scanner opening the link changes nothing
    done = client.post(url)
    assert "You have left the panel" in done.content.decode()
    _assert_removed(membership)
    # The link now says so, and a forged one is refused.
    assert client.post(url).status_code == 404
    assert client.get(reverse("web:panel-leave", args=["forged"])).status_code == 404


def test_a_signed_in_resident_leaves_from_their_account(client, panels):
    membership = join().membership
    user = UserFactory(role=Role.RESIDENT, email="amara@example.org", password=None)
    membership.resident.user = user
    membership.resident.save()
    client.force_login(user)
    page = client.get(reverse("web:account-panels")).content.decode()
    assert "Residents Panel" in page
    response = client.post(reverse("web:account-panel-leave", args=[membership.pk]))
    assert response.status_code == 302
    _assert_removed(membership)


def test_a_resident_cannot_leave_someone_elses_membership(client, panels):
    membership = join().membership
    someone = UserFactory(role=Role.RESIDENT, password=None)
    join(email="someone@example.org").membership.resident.__class__.objects.filter(
        email="someone@example.org"
    ).update(user=someone)
    client.force_login(someone)
    response = client.post(reverse("web:account-panel-leave", args=[membership.pk]))
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.left_at is None


def test_erasing_a_resident_takes_them_off_every_panel(panels):
    membership = _young_member_with_everything()
    assert services.forget_panel_memberships(membership.resident) == 1
    _assert_removed(membership)
