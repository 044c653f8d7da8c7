"""The demo directory: loaded once, marked as demo data, and loading again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from opencex.directory.models import Contact, Location, Organization, Service, TaxonomyTerm


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Organization, Service, Location, Contact, TaxonomyTerm)
    )


@pytest.mark.django_db
def test_load_directory_loads_about_twenty_demo_entries_and_is_idempotent():
    out = StringIO()
    call_command("load_directory", stdout=out)
    assert "22 created, 0 updated" in out.getvalue()
    first = counts()
    ids = set(Service.objects.values_list("oruk_id", flat=True))
    call_command("load_directory", stdout=StringIO())
    assert counts() == first
    assert set(Service.objects.values_list("oruk_id", flat=True)) == ids
    assert 18 <= first[1] <= 25
    assert not Service.objects.filter(is_demo=False).exists()
    assert not Organization.objects.filter(is_demo=False).exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("oxford_directory")
def test_every_demo_place_is_in_oxford_with_coordinates():
    for location in Location.objects.all():
        assert location.postal_code[:3] in {"OX1", "OX2", "OX3", "OX4"}, location
        assert location.has_coordinates, location
        assert 51.70 < location.latitude < 51.80, location
        assert -1.32 < location.longitude < -1.17, location


@pytest.mark.django_db
@pytest.mark.usefixtures("oxford_directory")
def test_the_database_refuses_half_a_coordinate():
    location = Location.objects.first()
    with pytest.raises(IntegrityError):
        Location.objects.filter(pk=location.pk).update(longitude=None)


@pytest.mark.django_db
@pytest.mark.usefixtures("oxford_directory")
def test_the_database_refuses_an_age_range_the_wrong_way_round():
    with pytest.raises(IntegrityError):
        Service.objects.filter(slug="oxford-food-bank").update(minimum_age=60, maximum_age=18)
