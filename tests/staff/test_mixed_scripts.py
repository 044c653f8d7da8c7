"""Staff pages are in English, but a resident's name and words may be in Arabic or Polish: each
keeps its own direction (dir="auto") without upsetting the page around it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "أمل حداد"
WORDS = "لم يتم إفراغ الصندوق الأخضر يوم الاثنين."


@pytest.fixture
def caseworker_and_case(client):
    team = TeamFactory(slug="waste")
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[team])
    resident = ResidentFactory(full_name=NAME)
    case = CaseFactory(
        team=team, assigned_to=caseworker, resident=resident, subject=WORDS, description=WORDS
    )
    client.force_login(caseworker)
    return resident, case


def test_the_resident_page_shows_a_name_in_another_script_in_its_own_direction(
    client, caseworker_and_case
):
    resident, _case = caseworker_and_case
    page = client.get(reverse("staff:resident", args=[resident.pk])).text
    assert f'<h1 class="govuk-heading-l"><span dir="auto">{NAME}</span></h1>' in page


def test_the_case_page_shows_the_residents_name_and_words_in_their_own_direction(
    client, caseworker_and_case
):
    _resident, case = caseworker_and_case
    page = client.get(reverse("staff:case", args=[case.reference])).text
    assert f'<span dir="auto">{NAME}</span>' in page
    assert f'<p class="govuk-body" dir="auto">{WORDS}</p>' in page


def test_the_queue_shows_a_subject_in_another_script_in_its_own_direction(
    client, caseworker_and_case
):
    page = client.get(reverse("staff:queues")).text
    assert f'<td class="govuk-table__cell"><span dir="auto">{WORDS}</span></td>' in page
