"""The demo's staff directory: every demo officer has a job title, responsibilities, a phone
number and an office, from the demo file, and running the demo again changes nothing."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencex.accounts.models import Role, User
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Team
from opencex.demo.config import load_demo_council
from opencex.demo.names import new_faker
from opencex.demo.staff import ensure_demo_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _load_staff():
    profile = settings.COUNCIL_PROFILE
    return ensure_demo_staff(
        council=load_demo_council(profile.slug),
        profile=profile,
        teams={team.slug: team for team in Team.objects.all()},
        faker=new_faker("en_GB"),
    )


@pytest.fixture
def demo_staff():
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    return _load_staff()


def _directory() -> list[User]:
    return list(User.objects.active_staff())


def test_the_demo_has_enough_staff_for_a_useful_directory(demo_staff):
    staff = _directory()
    assert 30 <= len(staff) <= 70
    assert Team.objects.filter(members__in=staff).distinct().count() >= 30


def test_every_demo_officer_has_directory_details(demo_staff):
    incomplete = [
        person.email
        for person in _directory()
        if not (
            person.job_title and person.responsibilities and person.work_phone and person.office
        )
    ]
    assert incomplete == []


def test_demo_phone_numbers_are_in_ofcoms_drama_range_and_unique(demo_staff):
    phones = [person.work_phone for person in _directory()]
    assert all(phone.startswith("01632 960") for phone in phones)
    assert len(set(phones)) == len(phones)


def test_a_team_of_three_or_more_has_its_manager_and_officers_titled_from_the_demo_file(
    demo_staff,
):
    tax = Team.objects.get(slug="council-tax")
    members = sorted(
        (person.role, person.job_title) for person in User.objects.active_staff().filter(teams=tax)
    )
    assert members == [
        (Role.CASEWORKER, "Council Tax Officer"),
        (Role.CASEWORKER, "Recovery Officer"),
        (Role.TEAM_MANAGER, "Revenues Manager"),
    ]


def test_the_people_to_sign_in_as_have_their_own_details(demo_staff):
    manager = demo_staff.accounts[Role.TEAM_MANAGER]
    assert (manager.full_name, manager.work_phone) == ("Helen Price", "01632 960003")
    assert "stage 2 complaints" in manager.responsibilities


def test_running_the_demo_staff_again_updates_no_account():
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    _load_staff()

    with CaptureQueriesContext(connection) as queries:
        _load_staff()

    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", 'INSERT INTO "accounts'))]
    assert writes == []


def test_an_officer_made_by_an_older_demo_gets_the_directory_details_on_the_next_run(demo_staff):
    older = User.objects.filter(role=Role.CASEWORKER, teams__slug="pest-control").get()
    User.objects.filter(pk=older.pk).update(
        job_title="Pest Control Officer", responsibilities="", work_phone="", office=""
    )

    _load_staff()

    older.refresh_from_db()
    assert older.job_title == "Pest Control Technician"
    assert older.office == "Cowley Marsh Depot, Marsh Road, Oxford OX4 2HH"
    assert older.work_phone.startswith("01632 960")
