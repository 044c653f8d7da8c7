"""Bill references are checked, format and check digit, before any payment starts. Each example
is worked by hand in its comment."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from opencex.payments.bills.check_digits import has_valid_check_digit, luhn_digit, modulus_11_digit
from opencex.payments.bills.references import check_reference, payable_bill


def test_modulus_11_worked_by_hand():
    # 4 0 0 1 2 3 4 5 6 with weights 10 9 8 7 6 5 4 3 2:
    # 40 + 0 + 0 + 7 + 12 + 15 + 16 + 15 + 12 = 117; 117 mod 11 = 7; 11 - 7 = 4.
    assert modulus_11_digit("400123456") == 4
    # 1..9 with the same weights: 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1;
    # 11 - 1 = 10, which no single digit can be: such an account number is never issued.
    assert modulus_11_digit("123456789") is None
    # 5 0 0 0 0 0 0 0 0: 50; 50 mod 11 = 6; 11 - 6 = 5.
    assert modulus_11_digit("500000000") == 5
    # 6 0 0 0 1 2 3 4 5: 60 + 0 + 0 + 0 + 6 + 10 + 12 + 12 + 10 = 110; 110 mod 11 = 0;
    # 11 - 0 = 11, written 0 (the business rates example, 6000123450).
    assert modulus_11_digit("600012345") == 0


def test_luhn_worked_by_hand():
    # 1234567 from the right: 7 6 5 4 3 2 1; double 7, 5, 3, 1 -> 14 (1+4=5), 10 (1), 6, 2;
    # add 6, 4, 2: 5 + 1 + 6 + 2 + 6 + 4 + 2 = 26; 10 - 6 = 4.
    assert luhn_digit("1234567") == 4
    # GOV.UK Pay's test card 4444333322221111 is itself Luhn-valid.
    assert luhn_digit("444433332222111") == 1


@pytest.mark.parametrize(
    ("reference", "scheme", "valid"),
    [
        ("4001234564", "modulus_11", True),
        ("4001234565", "modulus_11", False),  # last digit off by one
        ("4001234546", "modulus_11", False),  # two digits swapped
        ("5000000005", "modulus_11", True),
        ("OX12345674", "luhn", True),
        ("OX12345675", "luhn", False),
        ("OX21345674", "luhn", False),  # two digits swapped
        ("INV0012345", "none", True),
    ],
)
def test_check_digits(reference, scheme, valid):
    assert has_valid_check_digit(reference, scheme) is valid


def test_every_example_in_the_profile_passes_its_own_checks():
    from django.conf import settings

    for bill in settings.COUNCIL_PROFILE.payments.bills:
        assert check_reference(bill, bill.example) == bill.example


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("council_tax", "", "Enter your council tax account number"),
        (
            "council_tax",
            "40012345",
            "Enter your council tax account number in the right format, like 4001234564",
        ),
        (
            "council_tax",
            "4001234565",
            "Check your council tax account number: one of the numbers is wrong",
        ),
        (
            "parking_pcn",
            "XX12345674",
            "Enter your Penalty Charge Notice number in the right format, like OX12345674",
        ),
        (
            "parking_pcn",
            "OX12345675",
            "Check your Penalty Charge Notice number: one of the numbers is wrong",
        ),
    ],
)
def test_a_wrong_reference_gets_a_specific_message(kind, typed, message):
    with pytest.raises(ValidationError) as refused:
        check_reference(payable_bill(kind), typed)
    assert refused.value.messages == [message]


def test_a_reference_is_read_as_written_on_the_bill():
    assert check_reference(payable_bill("parking_pcn"), " ox 1234-5674 ") == "OX12345674"
    assert check_reference(payable_bill("council_tax"), "400 123 4564") == "4001234564"
