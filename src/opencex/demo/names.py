"""Made-up names for the demo's people, in the languages Oxford residents speak, and emails."""

from __future__ import annotations

import unicodedata

from opencex.demo.config import DemoError

# Transliterated as people write their names on an English form.
ARABIC_FIRST = (
    "Ahmed", "Fatima", "Omar", "Layla", "Yusuf", "Mariam", "Khalid", "Noor", "Hassan", "Amira",
    "Ibrahim", "Salma", "Karim", "Huda", "Tariq", "Rania", "Sami", "Dalia",
)  # fmt: skip
ARABIC_LAST = (
    "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Farouk", "Aziz", "Hamdan", "Darwish",
    "Abboud", "Jaber", "Sabbagh", "Younis", "Kassem",
)  # fmt: skip
URDU_FIRST = (
    "Imran", "Ayesha", "Bilal", "Sana", "Asif", "Nadia", "Usman", "Hina", "Zain", "Rabia",
    "Farah", "Kamran", "Saima", "Adeel", "Mehwish", "Faisal", "Shazia",
)  # fmt: skip
URDU_LAST = (
    "Hussain", "Khan", "Iqbal", "Malik", "Qureshi", "Chaudhry", "Raza", "Butt", "Akhtar",
    "Siddiqui", "Mirza", "Ahmed", "Shah", "Anwar",
)  # fmt: skip


def new_faker(locale: str):
    """A Faker for `locale`; Faker comes with the development dependencies (`make install`)."""
    try:
        from faker import Faker
    except ImportError:
        raise DemoError(
            "The demo needs the Faker package, which is installed with the development "
            "dependencies: run `make install` (or pip install the lock file's dev extras)."
        ) from None
    return Faker(locale)


def ascii_letters(text: str) -> str:
    """`text` without accents or anything but letters, digits and dots, in lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return "".join(ch for ch in plain if ch.isalnum() or ch == ".")


def unique_local_part(first: str, last: str, taken: set[str]) -> str:
    """first.last, or first.last2, first.last3 ... if that is in `taken`; adds it to `taken`."""
    base = ascii_letters(f"{first}.{last}").strip(".") or "resident"
    local, n = base, 1
    while local in taken:
        n += 1
        local = f"{base}{n}"
    taken.add(local)
    return local
