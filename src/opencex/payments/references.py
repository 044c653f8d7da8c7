"""Our payment references: short enough to read out on the phone, hard to guess."""

import secrets

# Without 0/O, 1/I/L and U, so a reference survives being read aloud (as case references).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_payment_reference() -> str:
    """A fresh reference such as PAY-7KQM-3XHD (uniqueness is the database's job)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"PAY-{body[:4]}-{body[4:]}"
