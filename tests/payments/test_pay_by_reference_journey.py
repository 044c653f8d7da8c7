"""The citizen journey: choose, reference (checked before any payment), amount, email, the test
provider's card page, and the return page that asks the provider."""

from __future__ import annotations

import re

import pytest

from opencex.payments.bills.purposes import post_to_bills_system_job
from opencex.payments.models import DemoBill, Payment, PaymentStatus, TestProviderSession
from opencex.payments.providers import test_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.OPENCEX_SITE_URL = "http://testserver"
    settings.OPENCEX_PAYMENT_PROVIDER = "test"


@pytest.fixture
def pcn():
    return DemoBill.objects.create(
        kind="parking_pcn", reference="OX12345674", description="Car park", balance_pence=3500
    )


@pytest.fixture
def council_tax():
    return DemoBill.objects.create(
        kind="council_tax", reference="4001234564", description="2026/27", balance_pence=15000
    )


def to_card_page(client, kind="council_tax", reference="4001234564", amount="45.50"):
    client.post(f"/pay/{kind}/", {"reference": reference})
    if amount is not None:
        client.post(f"/pay/{kind}/amount/", {"amount": amount})
    response = client.post(f"/pay/{kind}/check-and-pay/", {"email": "sam@example.org"})
    assert response.status_code == 302, response.content
    return response["Location"]


def test_choosing_what_to_pay_leads_to_its_reference_page(client):
    page = client.get("/pay/")
    assert "Council tax" in page.content.decode()
    assert client.post("/pay/", {})["Content-Type"].startswith("text/html")
    response = client.post("/pay/", {"kind": "parking_pcn"})
    assert response["Location"] == "/pay/parking_pcn/"


def test_nothing_chosen_shows_the_error_summary(client):
    response = client.post("/pay/", {})
    assert response.status_code == 400
    assert 'href="#id_kind">Select what you want to pay' in response.content.decode()


def test_a_wrong_check_digit_is_refused_before_any_payment(client, council_tax):
    response = client.post("/pay/council_tax/", {"reference": "4001234565"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "govuk-error-summary" in text
    assert "Check your council tax account number: one of the numbers is wrong" in text
    assert not Payment.objects.exists()
    assert not TestProviderSession.objects.exists()


def test_an_unknown_pcn_is_refused_because_its_amount_comes_from_the_bill(client):
    response = client.post("/pay/parking_pcn/", {"reference": "OX12345674"})
    assert response.status_code == 400
    assert "We cannot find a Penalty Charge Notice number with that number" in (
        response.content.decode()
    )


def test_a_pcn_is_paid_for_the_amount_on_the_notice(client, pcn, told):
    response = client.post("/pay/parking_pcn/", {"reference": "ox1234 5674"})
    assert response["Location"] == "/pay/parking_pcn/check-and-pay/"
    page = client.get("/pay/parking_pcn/check-and-pay/").content.decode()
    assert "£35.00" in page
    card_page = to_card_page(client, "parking_pcn", "OX12345674", amount=None)
    payment = Payment.objects.get()
    assert payment.amount_pence == 3500
    assert payment.purpose == "parking_pcn"
    assert card_page == payment.next_url


def test_an_amount_over_what_is_owed_is_refused(client, council_tax):
    client.post("/pay/council_tax/", {"reference": "4001234564"})
    response = client.post("/pay/council_tax/amount/", {"amount": "150.01"})
    assert response.status_code == 400
    assert "Enter an amount of £150.00 or less: that is what you owe" in response.content.decode()
    response = client.post("/pay/council_tax/amount/", {"amount": "twelve"})
    assert "Enter an amount in pounds and pence, like 45.50" in response.content.decode()


def test_paying_council_tax_with_the_success_card_shows_a_receipt_and_posts_to_the_bill(
    client, council_tax
):
    card_page = to_card_page(client)
    session_id = card_page.rstrip("/").rsplit("/", 1)[1]
    page = client.get(card_page).content.decode()
    assert "This is a test payment provider. No real money moves." in page
    back = client.post(card_page, {"card_number": "4444 3333 2222 1111"})
    receipt = client.get(back["Location"]).content.decode()
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCESS
    assert "Payment received" in receipt
    assert payment.reference in receipt
    # Posted to the bills system by the job queued on commit, not inside the payment's lock.
    council_tax.refresh_from_db()
    assert (council_tax.balance_pence, council_tax.paid_pence) == (15000, 0)
    assert post_to_bills_system_job.call(payment_id=payment.pk) is True
    council_tax.refresh_from_db()
    assert (council_tax.balance_pence, council_tax.paid_pence) == (15000 - 4550, 4550)
    assert TestProviderSession.objects.get(pk=session_id).state == "success"


def test_a_return_url_visited_before_paying_does_not_say_paid(client, council_tax):
    """The return address proves nothing: the resident (or anyone) arriving there early is told
    what the provider says, and nothing is posted to the bill."""
    to_card_page(client)
    payment = Payment.objects.get()
    page = client.get(payment.return_url.removeprefix("http://testserver")).content.decode()
    assert "We are checking your payment" in page
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CREATED
    council_tax.refresh_from_db()
    assert council_tax.paid_pence == 0


def test_a_declined_card_is_not_taken_and_trying_again_is_a_new_payment(client, council_tax):
    card_page = to_card_page(client)
    back = client.post(card_page, {"card_number": "4000000000000002"})
    page = client.get(back["Location"]).content.decode()
    assert "Your card was declined" in page
    retry = client.post("/pay/council_tax/check-and-pay/", {"email": "sam@example.org"})
    assert Payment.objects.count() == 2
    assert retry["Location"] != card_page


def test_double_submitting_the_email_page_starts_one_payment(client, council_tax):
    first = to_card_page(client)
    second = client.post("/pay/council_tax/check-and-pay/", {"email": "sam@example.org"})
    assert second["Location"] == first
    assert Payment.objects.count() == 1
    assert TestProviderSession.objects.count() == 1


def test_returning_twice_after_paying_posts_to_the_bill_once(client, council_tax, told):
    card_page = to_card_page(client)
    back = client.post(card_page, {"card_number": "4444333322221111"})
    client.get(back["Location"])
    client.get(back["Location"])
    again = client.post("/pay/council_tax/check-and-pay/", {"email": "sam@example.org"})
    assert back["Location"].endswith(again["Location"])  # the receipt, not a second payment
    payment = Payment.objects.get()
    assert post_to_bills_system_job.call(payment_id=payment.pk) is True
    assert post_to_bills_system_job.call(payment_id=payment.pk) is False
    council_tax.refresh_from_db()
    assert council_tax.paid_pence == 4550
    assert Payment.objects.count() == 1


def test_cancelling_on_the_card_page_comes_back_not_taken(client, council_tax):
    card_page = to_card_page(client)
    confirm = client.get(card_page + "cancel/").content.decode()
    assert "Are you sure you want to cancel this payment?" in confirm
    back = client.post(card_page + "cancel/")
    page = client.get(back["Location"]).content.decode()
    assert "You cancelled the payment." in page
    assert Payment.objects.get().failure_code == "P0030"


def test_an_unknown_return_journey_is_not_found(client):
    assert client.get("/pay/return/no-such-journey/").status_code == 404


def test_reference_look_ups_are_rate_limited(client, council_tax, settings):
    from opencex.web import payment_views

    for _ in range(payment_views.LOOKUPS_PER_HOUR):
        client.post("/pay/council_tax/", {"reference": "4001234564"})
    response = client.post("/pay/council_tax/", {"reference": "4001234564"})
    assert response.status_code == 429


def test_the_card_page_accepts_only_card_shaped_numbers(client, council_tax):
    card_page = to_card_page(client)
    response = client.post(card_page, {"card_number": "1234"})
    assert response.status_code == 400
    assert "Enter a card number that is 12 to 19 digits long" in response.content.decode()
    assert re.search(r"govuk-error-summary", response.content.decode())
    assert test_provider.TestProviderSession.objects.get().state == "started"


def test_catalogue_services_that_are_paid_online_lead_to_the_journey():
    from types import SimpleNamespace

    from opencex.web.payment_views import online_route

    assert online_route(SimpleNamespace(slug="pay-council-tax")) == "/pay/council_tax/"
    assert online_route(SimpleNamespace(slug="pay-parking-fine-car-park")) == "/pay/parking_pcn/"
    assert online_route(SimpleNamespace(slug="pay-business-rates")) == "/pay/business_rates/"
    assert online_route(SimpleNamespace(slug="report-missed-bin")) is None


def test_every_page_of_the_test_provider_says_no_real_money_moves(client, council_tax):
    card_page = to_card_page(client)
    label = "This is a test payment provider. No real money moves."
    assert label in client.get(card_page).content.decode()
    assert label in client.get(card_page + "cancel/").content.decode()
    client.post(card_page + "cancel/")
    assert label in client.get(card_page).content.decode()  # the finished page


def test_a_signed_in_residents_payment_is_theirs(client, council_tax):
    from opencex.accounts.models import Role
    from tests.factories import ResidentFactory, UserFactory

    user = UserFactory(role=Role.RESIDENT)
    resident = ResidentFactory(user=user)
    client.force_login(user)
    to_card_page(client)
    assert Payment.objects.get().resident == resident


def test_a_resident_sees_their_own_payments_and_nobody_elses(client, council_tax):
    from opencex.accounts.models import Role
    from tests.factories import ResidentFactory, UserFactory

    ada = UserFactory(role=Role.RESIDENT)
    ResidentFactory(user=ada)
    ben = UserFactory(role=Role.RESIDENT)
    ResidentFactory(user=ben)
    client.force_login(ada)
    to_card_page(client)
    adas = Payment.objects.get()
    assert adas.reference in client.get("/account/payments/").content.decode()
    client.force_login(ben)
    assert adas.reference not in client.get("/account/payments/").content.decode()
    client.logout()
    assert client.get("/account/payments/")["Location"] == "/account/sign-in/"
    staff = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(staff)
    assert client.get("/account/payments/")["Location"] == "/account/sign-in/"
