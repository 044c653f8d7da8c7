"""The profile's `[payments]`: each payable bill's pattern must compile and its example match,
and a mistake names the entry and field."""

from __future__ import annotations

import tomllib

import pytest

from opencex.council.profile import PROFILES_DIR, ProfileError, parse_profile


def oxford_with(bill_change: dict) -> dict:
    raw = tomllib.loads((PROFILES_DIR / "oxford.toml").read_text())
    raw["payments"]["bills"][0] |= bill_change
    return raw


def test_oxford_takes_council_tax_pcns_business_rates_and_invoices_by_reference():
    profile = parse_profile(oxford_with({}))
    assert [bill.kind for bill in profile.payments.bills] == [
        "council_tax",
        "parking_pcn",
        "business_rates",
        "invoice",
    ]
    assert profile.payments.bill("council_tax").check_digit == "modulus_11"


def test_an_example_that_does_not_match_its_pattern_is_refused():
    with pytest.raises(ProfileError, match=r"payments\.bills\[0\].*example '123'"):
        parse_profile(oxford_with({"example": "123"}))


def test_a_pattern_that_does_not_compile_is_refused():
    with pytest.raises(ProfileError, match=r"payments\.bills\[0\]\.pattern"):
        parse_profile(oxford_with({"pattern": "^(\\d{10}$"}))


def test_an_unknown_check_digit_scheme_is_refused():
    with pytest.raises(ProfileError, match=r"check_digit"):
        parse_profile(oxford_with({"check_digit": "modulus_97"}))


def test_the_test_provider_with_a_real_bills_system_refuses_to_start(settings):
    from opencex.payments.checks import check_payment_provider

    assert check_payment_provider() == []
    settings.OPENCEX_BILLS_SYSTEM = "councils.revenues.Bills"
    assert [error.id for error in check_payment_provider()] == ["payments.E002"]
    settings.OPENCEX_PAYMENT_PROVIDER = "govuk_pay"
    assert check_payment_provider() == []
    settings.OPENCEX_PAYMENT_PROVIDER = "stripe"
    assert [error.id for error in check_payment_provider()] == ["payments.E001"]
