"""The tenant portal in Polish and Arabic: the repairs catalogue's rooms, items and problems, and
the visit times, read in the page's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from opencex.housing.models import AppointmentSlot, Repair
from tests.housing.conftest import make_tenant
from tests.housing.test_repairs import DRIPPING_TAP, report

pytestmark = pytest.mark.django_db


def _in(client, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


@pytest.fixture
def repair_with_a_free_visit(client, repair_form):
    user, tenancy = make_tenant()
    client.force_login(user)
    report(client, tenancy, DRIPPING_TAP, "The tap drips.")
    starts = timezone.make_aware(dt.datetime(2030, 3, 4, 8, 0))
    AppointmentSlot.objects.create(
        slot_ref="S-9", starts_at=starts, ends_at=starts + dt.timedelta(hours=4)
    )
    return tenancy, Repair.objects.get(tenancy=tenancy)


def test_the_rooms_of_the_repairs_catalogue_read_in_polish(client, repair_with_a_free_visit):
    tenancy, _repair = repair_with_a_free_visit
    page = _in(client, "pl").get(f"/housing/repairs/new/?tenancy={tenancy.pk}").text
    assert "Kuchnia" in page
    assert "Łazienka lub toaleta" in page
    assert "Kitchen" not in page


def test_a_problem_reads_in_arabic(client, repair_with_a_free_visit):
    tenancy, _repair = repair_with_a_free_visit
    page = _in(client, "ar").get(f"{DRIPPING_TAP}?tenancy={tenancy.pk}").text
    assert "صنبور يقطر أو لا يُغلق تمامًا" in page


def test_the_visit_times_read_in_polish(client, repair_with_a_free_visit):
    _tenancy, repair = repair_with_a_free_visit
    page = _in(client, "pl").get(f"/housing/repairs/{repair.pk}/visit/").text
    assert "poniedziałek 4 marca 2030, od 8:00 do 12:00" in page
    assert "Monday 4 March" not in page


def test_the_visit_times_read_in_arabic(client, repair_with_a_free_visit):
    _tenancy, repair = repair_with_a_free_visit
    page = _in(client, "ar").get(f"/housing/repairs/{repair.pk}/visit/").text
    assert "الاثنين 4 مارس 2030، من 8:00 إلى 12:00" in page


def test_the_tenancy_and_its_members_read_in_polish(client, repair_with_a_free_visit):
    page = _in(client, "pl").get("/housing/").text
    assert "Najem stały (secure tenancy)" in page
    assert "(najemca)" in page
    assert "Secure tenancy" not in page
