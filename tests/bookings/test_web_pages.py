"""The citizen pages: book a bulky waste collection, pay through the test provider, come back,
then the booking's page, its calendar file, cancel; errors, double submits and refusals."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse

from opencex.bookings.models import Booking, Slot, Status
from opencex.payments.models import Payment
from opencex.payments.providers import test_provider
from tests.bookings.conftest import london
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db
SLUG = "book-bulky-waste-collection"
DETAILS = {
    "postcode": "ox3 9aa",
    "address": "14 Underhill Circus",
    "items-furniture": "2",
    "items-large-electrical": "1",
    "where_left": "By the gate",
    "concession": "",
    "email": "ann@example.org",
}


@pytest.fixture(autouse=True)
def _thursday(settings):
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    with time_machine.travel(london(2026, 9, 3, 12), tick=False):
        yield


@pytest.fixture
def signed_in(client, resident, slots):
    from django.core.cache import cache

    cache.clear()  # the rate limits count in the cache
    client.force_login(resident.user)
    return client


def _monday() -> Slot:
    return Slot.objects.get(resource="round-east", day="2026-09-07")


def _choose_date(client, token="tok-1"):  # noqa: S107 - a form token, not a password
    client.post(reverse("web:book-start", args=[SLUG]), DETAILS)
    return client.post(
        reverse("web:book-date", args=[SLUG]), {"slot": _monday().pk, "token": token}
    )


def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in(client, services):
    page = client.get(reverse("web:book-start", args=[SLUG]))
    assert b"Sign in to book" in page.content


def test_too_many_items_and_a_missing_postcode_show_the_error_summary(signed_in):
    page = signed_in.post(
        reverse("web:book-start", args=[SLUG]),
        {**DETAILS, "postcode": "", "items-furniture": "5", "items-large-electrical": "1"},
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "govuk-error-summary" in text
    assert "Enter the postcode" in text
    page = signed_in.post(
        reverse("web:book-start", args=[SLUG]),
        {**DETAILS, "items-furniture": "5", "items-large-electrical": "1"},
    )
    assert "We collect up to 5 items at a time" in page.content.decode()


def test_the_date_page_offers_only_the_rounds_days_within_the_window(signed_in):
    signed_in.post(reverse("web:book-start", args=[SLUG]), DETAILS)
    page = signed_in.get(reverse("web:book-date", args=[SLUG])).content.decode()
    assert "Monday 7 September" in page
    assert "Wednesday 9 September" in page
    assert "Tuesday" not in page  # the north round's day


def test_book_pay_come_back_confirmed_then_calendar_and_cancel(signed_in, resident):
    response = _choose_date(signed_in)
    booking = Booking.objects.get()
    assert response.url == reverse("web:booking-pay", args=[booking.reference])
    assert "Pay £77" in signed_in.get(response.url).content.decode()

    to_provider = signed_in.post(response.url)
    payment = Payment.objects.get()
    assert to_provider.url == payment.next_url
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")

    page = signed_in.get(reverse("web:booking-return", args=[booking.reference])).content.decode()
    assert "Booking confirmed" in page
    assert booking.reference in page

    ics = signed_in.get(reverse("web:booking-calendar", args=[booking.reference]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content

    account = signed_in.get(reverse("web:your-requests")).content.decode()
    assert booking.reference in account

    cancel = signed_in.get(reverse("web:booking-cancel", args=[booking.reference])).content.decode()
    assert "We will refund £77" in cancel
    signed_in.post(reverse("web:booking-cancel", args=[booking.reference]))
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert booking.refund_due_pence == 7700
    assert _monday().taken == 0


def test_a_declined_card_comes_back_not_confirmed_with_the_date_given_back(signed_in):
    _choose_date(signed_in)
    booking = Booking.objects.get()
    signed_in.post(reverse("web:booking-pay", args=[booking.reference]))
    test_provider.pay_with_card(Payment.objects.get().provider_payment_id, "4000000000000002")
    page = signed_in.get(reverse("web:booking-return", args=[booking.reference])).content.decode()
    assert "not confirmed" in page
    assert "not been charged" in page
    assert _monday().taken == 0


def test_submitting_the_date_twice_holds_once_and_paying_twice_starts_one_payment(signed_in):
    _choose_date(signed_in, token="same")
    again = signed_in.post(
        reverse("web:book-date", args=[SLUG]), {"slot": _monday().pk, "token": "same"}
    )
    booking = Booking.objects.get()
    assert again.url == reverse("web:booking-pay", args=[booking.reference])
    signed_in.post(reverse("web:booking-pay", args=[booking.reference]))
    signed_in.post(reverse("web:booking-pay", args=[booking.reference]))
    assert Payment.objects.count() == 1
    assert _monday().taken == 1


def test_another_resident_cannot_see_or_change_a_booking(client, signed_in, resident):
    _choose_date(signed_in)
    reference = Booking.objects.get().reference
    other = UserFactory(role="resident")
    ResidentFactory(user=other)
    client.force_login(other)
    for name in (
        "web:booking",
        "web:booking-pay",
        "web:booking-calendar",
        "web:booking-cancel",
        "web:booking-move",
        "web:booking-return",
    ):
        assert client.get(reverse(name, args=[reference])).status_code == 404, name
    assert client.post(reverse("web:booking-cancel", args=[reference])).status_code == 404
    assert reference not in client.get(reverse("web:your-requests")).content.decode()


def test_online_route_is_the_booking_start_for_bookable_services_only(services):
    from opencex.web.booking_views import online_route
    from tests.factories import ServiceFactory

    assert online_route(services[SLUG]) == f"/book/{SLUG}/"
    assert online_route(ServiceFactory(slug="report-missed-bin")) is None


def test_every_booking_page_names_its_title_for_screen_readers(signed_in):
    page = signed_in.get(reverse("web:book-start", args=[SLUG])).content.decode()
    assert re.search(r"<title>[^<]*Book a bulky waste collection", page)


def test_a_resident_may_hold_ten_dates_an_hour_and_no_more(signed_in):
    from django.core.cache import cache

    from opencex.web.booking_views import HOLDS_PER_HOUR

    cache.clear()
    signed_in.post(reverse("web:book-start", args=[SLUG]), DETAILS)
    for n in range(HOLDS_PER_HOUR):
        held = signed_in.post(
            reverse("web:book-date", args=[SLUG]), {"slot": _monday().pk, "token": f"t{n}"}
        )
        assert held.status_code == 302
    refused = signed_in.post(
        reverse("web:book-date", args=[SLUG]), {"slot": _monday().pk, "token": "one-more"}
    )
    assert refused.status_code == 400
    assert "too many bookings" in refused.content.decode()
    assert Booking.objects.count() == HOLDS_PER_HOUR


def test_signing_in_from_a_booking_page_comes_back_to_it(client, services, smtp_server):
    from tests.accounts.test_sign_in_links import ask_for_link, token_from

    start = reverse("web:book-start", args=[SLUG])
    client.get(start)  # not signed in: asked to sign in first
    ask_for_link(client, "new.resident@example.org")
    [message] = smtp_server.messages
    used = client.post(reverse("web:sign-in-link", kwargs={"token": token_from(message)}))
    assert used.url == start
    assert b"What do you want to book?" in client.get(start).content


def _confirmed(client) -> Booking:
    _choose_date(client)
    booking = Booking.objects.get()
    client.post(reverse("web:booking-pay", args=[booking.reference]))
    test_provider.pay_with_card(Payment.objects.get().provider_payment_id, "4444333322221111")
    client.get(reverse("web:booking-return", args=[booking.reference]))
    return booking


def test_moving_twice_by_a_double_click_moves_once(signed_in):
    booking = _confirmed(signed_in)
    wednesday = Slot.objects.get(resource="round-east", day="2026-09-09")
    page = signed_in.get(reverse("web:booking-move", args=[booking.reference])).content.decode()
    assert "Wednesday 9 September" in page
    assert "Monday 7 September" not in page  # the date it has
    for _click in range(2):
        moved = signed_in.post(
            reverse("web:booking-move", args=[booking.reference]),
            {"slot": wednesday.pk, "token": "move"},
        )
        assert moved.url == reverse("web:booking", args=[booking.reference])
    booking.refresh_from_db()
    assert booking.slot == wednesday
    assert booking.events.filter(what="moved").count() == 1
    assert (_monday().taken, Slot.objects.get(pk=wednesday.pk).taken) == (0, 1)


def test_cancelling_twice_by_a_double_click_cancels_and_refunds_once(signed_in):
    booking = _confirmed(signed_in)
    for _click in range(2):
        done = signed_in.post(reverse("web:booking-cancel", args=[booking.reference]))
        assert done.url == reverse("web:booking", args=[booking.reference])
    booking.refresh_from_db()
    assert booking.refund_due_pence == 7700
    assert booking.events.filter(what="cancelled").count() == 1


def test_too_many_items_puts_the_whole_items_fieldset_in_its_error_state(signed_in):
    page = signed_in.post(
        reverse("web:book-start", args=[SLUG]),
        {**DETAILS, "items-furniture": "5", "items-large-electrical": "1"},
    )
    text = page.content.decode()
    # The GOV.UK pattern for an error about a group: the fieldset's form group is in error, the
    # message sits after its hint (and describes the fieldset), the summary links to its first box.
    fieldset = re.search(
        r'<div class="govuk-form-group govuk-form-group--error">\s*'
        r'<fieldset class="govuk-fieldset" aria-describedby="items-hint items-error">'
        r"(.*?)</fieldset>",
        text,
        re.S,
    )
    assert fieldset, "the items fieldset is not in its error state"
    assert re.search(
        r'<p id="items-error" class="govuk-error-message">.*We collect up to 5 items',
        fieldset[1],
        re.S,
    )
    assert 'href="#id_items-furniture">We collect up to 5 items' in text
    assert text.count("We collect up to 5 items at a time. Book another") == 2  # summary, fieldset
