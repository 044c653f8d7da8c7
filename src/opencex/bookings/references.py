"""Booking references: short, unguessable, easy to read out on the phone (no 0/O, 1/I/L)."""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    return "BK-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
