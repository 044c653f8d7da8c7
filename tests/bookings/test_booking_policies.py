"""Who sees and changes which bookings, and the one rule for what a booking's pages offer.

Contact-centre officers and administrators: every booking. Caseworkers and team managers: the
bookings of the services their teams run, and nothing of another team's (the crew's list holds
names, phone numbers and addresses). `available_actions` decides what both pages offer and what
the acts refuse."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import escape

from opencex.accounts.models import Role
from opencex.bookings import changes, policies
from opencex.bookings.models import Booking, Slot
from opencex.bookings.services import BookingProblem
from tests.bookings.test_paying import _slot, clock, held, pay  # noqa: F401  (clock: pinned day)
from tests.factories import ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
COLLECTION = "book-bulky-waste-collection"


@pytest.fixture
def booking(resident, slots):
    confirmed = held(resident)
    pay(confirmed)
    return confirmed


def _officer(role, *teams):
    return UserFactory(role=role, teams=list(teams))


@pytest.fixture
def waste_team(services):
    return services[COLLECTION].team


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER])
def test_an_officer_of_another_team_is_refused_every_booking_page_and_act(
    client, booking, services, resident, role
):
    # Their team runs the community centre, not bulky waste collections.
    client.force_login(_officer(role, services["book-community-centre"].team))
    ref = [booking.reference]
    for name, method, data in [
        ("staff:booking", "get", {}),
        ("staff:booking-cancel", "post", {}),
        ("staff:booking-move", "post", {"slot": _slot("2026-09-09").pk}),
        ("staff:booking-deposit", "post", {"kept": "0"}),
        ("staff:booking-concession", "post", {"is_right": "yes"}),
    ]:
        response = getattr(client, method)(reverse(name, args=ref), data)
        assert response.status_code == 403, name
    refused = client.get(reverse("staff:book-for-resident", args=[resident.pk, COLLECTION]))
    assert refused.status_code == 403
    day = client.get(reverse("staff:bookings"), {"day": "2026-09-07"}).content.decode()
    assert booking.reference not in day
    csv = client.get(reverse("staff:bookings-csv"), {"day": "2026-09-07"}).content.decode()
    assert resident.full_name not in csv
    assert booking.address not in csv
    booking.refresh_from_db()
    assert booking.status == "confirmed"


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER])
def test_the_services_acts_refuse_an_officer_of_another_team(booking, services, role):
    other = _officer(role, services["book-community-centre"].team)
    with pytest.raises(PermissionDenied):
        changes.cancel_booking(actor=other, booking=booking)
    with pytest.raises(PermissionDenied):
        changes.move_booking(actor=other, booking=booking, to_slot=_slot("2026-09-09"))
    assert not policies.available_actions(other, booking)


def test_an_officer_whose_teams_run_no_bookable_service_sees_no_booking(client, booking, resident):
    client.force_login(_officer(Role.CASEWORKER, TeamFactory()))
    day = {"day": "2026-09-07"}
    for name in ("staff:bookings", "staff:bookings-csv", "staff:room-diary"):
        page = client.get(reverse(name), day)
        assert page.status_code == 200, name
        assert booking.reference not in page.content.decode()
        assert escape(resident.full_name) not in page.content.decode()
        assert resident.full_name not in page.content.decode()
    assert client.get(reverse("staff:booking", args=[booking.reference])).status_code == 403


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TEAM_MANAGER])
def test_an_officer_of_the_team_that_runs_the_service_sees_and_changes_its_bookings(
    client, booking, waste_team, resident, role
):
    client.force_login(_officer(role, waste_team))
    assert client.get(reverse("staff:booking", args=[booking.reference])).status_code == 200
    csv = client.get(reverse("staff:bookings-csv"), {"day": "2026-09-07"}).content.decode()
    assert resident.full_name in csv
    cancelled = client.post(reverse("staff:booking-cancel", args=[booking.reference]))
    assert cancelled.status_code == 302


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.ADMINISTRATOR])
def test_contact_centre_and_administrators_see_every_booking(client, booking, role):
    client.force_login(_officer(role))  # in no team
    assert client.get(reverse("staff:booking", args=[booking.reference])).status_code == 200


@pytest.mark.parametrize(
    "role",
    [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.RESIDENT],
)
def test_visible_bookings_and_can_view_booking_agree(booking, services, waste_team, role):
    ResidentFactory()  # someone else, with no booking
    for actor in (_officer(role), _officer(role, waste_team), booking.resident.user):
        visible = set(policies.visible_bookings(actor).values_list("pk", flat=True))
        one_by_one = {b.pk for b in Booking.objects.all() if policies.can_view_booking(actor, b)}
        assert visible == one_by_one


def test_after_the_cut_off_neither_page_offers_a_move_and_the_move_is_refused(
    client,
    booking,
    clock,  # noqa: F811 - the pinned clock, moved on
):
    # The collection is on Monday 7 September; its cut-off is 17:00 on Friday 4 September.
    clock.move_to("2026-09-05T10:00:00+01:00")
    officer = _officer(Role.CONTACT_CENTRE)
    assert policies.available_actions(officer, booking) == {"cancel"}
    assert policies.available_actions(booking.resident.user, booking) == {"cancel"}

    client.force_login(officer)
    staff_page = client.get(reverse("staff:booking", args=[booking.reference])).content.decode()
    assert "Move booking" not in staff_page
    assert "Cancel booking" in staff_page

    client.force_login(booking.resident.user)
    web_page = client.get(reverse("web:booking", args=[booking.reference])).content.decode()
    assert "Move to another date" not in web_page
    assert "Cancel booking" in web_page
    move_page = client.get(reverse("web:booking-move", args=[booking.reference]))
    assert move_page.status_code == 302

    with pytest.raises(BookingProblem, match="too late to move"):
        changes.move_booking(actor=officer, booking=booking, to_slot=_slot("2026-09-09"))


def test_once_it_has_started_nothing_is_offered_and_cancelling_is_refused(
    client,
    booking,
    clock,  # noqa: F811 - the pinned clock, moved on
):
    clock.move_to("2026-09-07T09:00:00+01:00")
    officer = _officer(Role.ADMINISTRATOR)
    assert policies.available_actions(officer, booking) == frozenset()
    client.force_login(officer)
    staff_page = client.get(reverse("staff:booking", args=[booking.reference])).content.decode()
    assert "Cancel booking" not in staff_page
    with pytest.raises(BookingProblem, match="has started"):
        changes.cancel_booking(actor=officer, booking=booking)


def test_a_rooms_deposit_is_offered_back_only_after_the_hire(
    booking,
    resident,
    clock,  # noqa: F811 - the pinned clock, moved on
):
    from opencex.bookings import services as booking_services
    from tests.bookings.conftest import key

    room = booking_services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-community-centre",
        slot=Slot.objects.get(resource="barton-meeting-room", day="2026-09-08", session="Morning"),
        details={},
        email=resident.email,
        idempotency_key=key(),
    )
    pay(room)
    officer = _officer(Role.CONTACT_CENTRE)
    assert "return-deposit" not in policies.available_actions(officer, room)
    with pytest.raises(BookingProblem, match="after the hire"):
        changes.return_deposit(actor=officer, booking=room)
    clock.move_to("2026-09-09T12:00:00+01:00")
    assert "return-deposit" in policies.available_actions(officer, room)
    assert "return-deposit" not in policies.available_actions(resident.user, room)
    changes.return_deposit(actor=officer, booking=room)
    room.refresh_from_db()
    assert room.deposit_returned
