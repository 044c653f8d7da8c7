"""Residents opt in where they leave feedback: the comment and complaint forms' checkbox (kept in
the case's answers) and the rating page's (kept with the rating, with its time)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.cases.models import Case, CaseKind, Status
from opencex.feedback.models import Rating
from opencex.yousaidwedid.consent import case_asks_to_hear_of_changes
from tests.factories import CaseFactory, ResidentFactory, UserFactory
from tests.forms.conftest import (  # noqa: F401 (fixtures)
    FormWalker,
    _fresh_rate_limits,
    forms,
    services,
)

pytestmark = pytest.mark.django_db
CONTACT = {"name": "Amira Haddad", "email": "amira@example.org"}


@pytest.mark.parametrize("ticked", [True, False])
def test_the_comment_form_keeps_the_answer_with_the_case(client, forms, ticked):  # noqa: F811
    walker = FormWalker(client, "leave-comment")
    walker.start()
    walker.answer("comment", {"about": "South Park", "comment": "Please add benches."})
    walker.answer("contact", {**CONTACT, **({"hear_of_changes": "yes"} if ticked else {})})
    walker.submit()
    case = Case.objects.get()
    assert case.kind == CaseKind.COMMENT
    assert case_asks_to_hear_of_changes(case) is ticked


def test_the_complaint_form_asks_too(client, forms):  # noqa: F811
    walker = FormWalker(client, "make-complaint")
    walker.start()
    page = client.get(walker.page_url("contact")).content.decode()
    assert 'name="hear_of_changes"' in page
    assert "Tell me what changes because of this" in page


def test_the_rating_page_keeps_the_answer_with_its_time(client):
    account = UserFactory()
    case = CaseFactory(resident=ResidentFactory(user=account), status=Status.CLOSED)
    client.force_login(account)
    url = reverse("web:track-feedback", args=[case.reference])
    assert 'name="hear_of_changes"' in client.get(url).content.decode()
    response = client.post(url, {"score": "2", "comment": "Slow", "hear_of_changes": "on"})
    assert response.status_code == 302
    assert Rating.objects.get().hear_of_changes_at is not None


def test_a_rating_without_the_box_ticked_has_no_opt_in(client):
    account = UserFactory()
    case = CaseFactory(resident=ResidentFactory(user=account), status=Status.CLOSED)
    client.force_login(account)
    client.post(reverse("web:track-feedback", args=[case.reference]), {"score": "4"})
    assert Rating.objects.get().hear_of_changes_at is None
