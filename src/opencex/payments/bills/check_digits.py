"""Check digits a council reference may carry, worked over the digits before the last one. Pure
Python: no Django, so the arithmetic can be read and tested on its own."""

from __future__ import annotations

from collections.abc import Callable


def modulus_11_digit(digits: str) -> int | None:
    """Weights n+1 down to 2 from the left; the check digit is 11 minus the remainder (11 is 0).
    A remainder giving 10 has no digit: such numbers are never issued (None)."""
    weights = range(len(digits) + 1, 1, -1)
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def luhn_digit(digits: str) -> int:
    """The Luhn (mod 10) digit: from the right, double every other digit starting with the
    rightmost, add up the digits of the results, and make the total a multiple of 10."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * 2 if position % 2 == 0 else int(digit)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


SCHEMES: dict[str, Callable[[str], int | None]] = {
    "modulus_11": modulus_11_digit,
    "luhn": luhn_digit,
}


def has_valid_check_digit(reference: str, scheme: str) -> bool:
    """Is the last digit of `reference` the `scheme` check digit of the digits before it?
    Letters (a PCN's prefix) are not part of the arithmetic."""
    if scheme == "none":
        return True
    digits = "".join(ch for ch in reference if ch.isdigit())
    if len(digits) < 2:
        return False
    return SCHEMES[scheme](digits[:-1]) == int(digits[-1])
