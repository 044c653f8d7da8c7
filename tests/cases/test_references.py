"""References: the shape issued, and every example shown to people in exactly that shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

import opencex
from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.cases.references import (
    PREFIXES,
    REFERENCE_PATTERN,
    example_reference,
    new_reference,
    reference_hint,
)
from tests.factories import UserFactory

SOURCE = Path(opencex.__file__).parent
# Anything that looks like an attempt at one of our references, in any format.
_LOOKS_LIKE_A_REFERENCE = re.compile(
    rf"\b(?:{'|'.join(PREFIXES.values())})-[A-Z0-9]{{2,}}(?:-[A-Z0-9]+)*\b"
)
# Not the .po catalogues: `make messages` makes them from these, and their msgstrs use
# %(reference)s like the source.
SHOWN_TO_PEOPLE = ("*.html", "*.txt", "*.json", "*.toml", "*.py")


def _shape(reference: str) -> str:
    return re.sub(r"[A-Z0-9]", "x", reference.split("-", 1)[1])


@pytest.mark.parametrize("kind", list(CaseKind))
def test_a_new_reference_is_one_the_pattern_finds(kind):
    assert REFERENCE_PATTERN.fullmatch(new_reference(kind))


@pytest.mark.parametrize("kind", list(CaseKind))
def test_the_example_reference_has_the_prefix_and_shape_of_a_real_one(kind):
    example, real = example_reference(kind), new_reference(kind)
    assert REFERENCE_PATTERN.fullmatch(example)
    assert example.split("-")[0] == real.split("-")[0] == PREFIXES[kind]
    assert _shape(example) == _shape(real)


def test_a_reference_hint_is_filled_in_the_language_of_the_page():
    hint = reference_hint(gettext_lazy("For example %(reference)s."), CaseKind.FOI)
    with translation.override("en"):
        assert str(hint) == "For example FOI-7KQM-3XHD."


def test_every_reference_shown_in_the_shipped_text_is_the_example_for_its_kind():
    """Hints in templates, forms, form definitions and messages: none may show a format the
    system never issues (a drifted hint fails here)."""
    examples = {example_reference(kind) for kind in CaseKind}
    shown = {
        (str(path.relative_to(SOURCE)), found)
        for pattern in SHOWN_TO_PEOPLE
        for path in SOURCE.rglob(pattern)
        if "migrations" not in path.parts
        for found in _LOOKS_LIKE_A_REFERENCE.findall(path.read_text(encoding="utf-8"))
    }
    assert shown, "the scan found no examples at all: is it looking in the right place?"
    assert {(where, found) for where, found in shown if found not in examples} == set()


@pytest.mark.django_db
def test_the_tracking_page_hints_at_a_reference_the_system_issues(client):
    page = client.get(reverse("web:track")).content.decode()
    assert f"for example {example_reference(CaseKind.SERVICE_REQUEST)}" in page


@pytest.mark.django_db
def test_the_disclosure_log_asks_for_an_foi_reference_in_the_issued_format(client):
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE))
    page = client.get(reverse("staff:disclosure")).content.decode()
    assert f"For example {example_reference(CaseKind.FOI)}." in page
