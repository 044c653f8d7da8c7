"""The demo's tenancies: consistent with the demo's residents and homes, loaded once per
history, replaced after `demo --reset`, and with the cases the portal shows off."""

from __future__ import annotations

import pytest
from django.utils import timezone

from opencex.cases.models import HazardClass, Priority
from opencex.demo.generate import load_demo
from opencex.housing.demo import load_demo_housing
from opencex.housing.models import AppointmentSlot, Repair, Tenancy, TenancyMember
from opencex.housing.rent import rent_account
from opencex.people.models import Occupancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    report = load_demo(size="small")
    load_demo_housing(history=report.history)
    return report


def test_every_demo_tenant_lives_in_the_home_of_their_tenancy(demo):
    members = TenancyMember.objects.select_related("tenancy", "resident")
    assert members.count() >= 5
    for member in members:
        assert Occupancy.objects.filter(
            resident=member.resident, property=member.tenancy.property, ended_on__isnull=True
        ).exists()


def test_the_demo_resident_account_is_a_tenant_and_some_accounts_are_in_arrears(demo):
    assert TenancyMember.objects.filter(resident__user__role="resident").exists()
    today = timezone.localdate()
    in_arrears = [t for t in Tenancy.objects.all() if rent_account(t, today=today).arrears > 0]
    assert 0 < len(in_arrears) < Tenancy.objects.count()
    assert AppointmentSlot.objects.filter(repair__isnull=True).count() == 20


def test_a_vulnerable_tenants_damp_and_mould_is_on_the_clock(demo):
    damp = Repair.objects.get(problem="damp-mould")
    assert damp.case.hazard_class == HazardClass.SIGNIFICANT
    assert damp.case.resident.is_priority
    assert damp.case.priority == Priority.HIGH


def test_loading_again_adds_nothing_and_a_reset_makes_them_again(demo):
    before = (Tenancy.objects.count(), Repair.objects.count(), AppointmentSlot.objects.count())
    assert "already loaded" in load_demo_housing(history=demo.history)
    assert before == (
        Tenancy.objects.count(),
        Repair.objects.count(),
        AppointmentSlot.objects.count(),
    )
    again = load_demo(size="small", reset=True)
    assert "replaced" in load_demo_housing(history=again.history)
    assert before == (
        Tenancy.objects.count(),
        Repair.objects.count(),
        AppointmentSlot.objects.count(),
    )


def test_a_demo_leaseholder_is_charged_on_the_first_of_each_month(demo):
    lease = Tenancy.objects.filter(tenancy_type="leasehold").first()
    assert lease is not None
    days = list(lease.transactions.filter(kind="charge").values_list("posted_on", flat=True))
    assert len(days) == 3
    assert {day.day for day in days} == {1}
    assert len({(day.year, day.month) for day in days}) == 3
