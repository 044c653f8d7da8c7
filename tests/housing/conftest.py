"""Fixtures for the tenant portal: the repair form and its services, and a tenant in their home."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache

from opencex.accounts.models import Role
from opencex.forms.loading import sync_form_definitions
from opencex.housing.models import MemberRole, Tenancy, TenancyMember, TenancyType
from opencex.people.models import Occupancy, Relationship
from tests.factories import (
    PropertyFactory,
    ResidentFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)
from tests.forms.conftest import tiny_png  # noqa: F401 - a real image for the photo tests


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def repair_services(db):
    team = TeamFactory(slug="housing-repairs", name="Housing Repairs")
    return {
        slug: ServiceFactory(
            slug=slug,
            title=title,
            case_kind="service_request",
            team=team,
            standard_days=days,
            standard_text=f"We repair within {days} working days.",
            is_landlord_function=True,
        )
        for slug, title, days in (
            ("report-housing-repair", "Report a repair in your council home", 20),
            ("report-damp-and-mould", "Report damp and mould in your council home", 10),
        )
    }


@pytest.fixture
def repair_form(repair_services):
    sync_form_definitions()
    return repair_services


def make_tenant(
    *,
    tenancy_type: str = TenancyType.SECURE,
    housing_ref: str = "T-1001",
    role: str = MemberRole.TENANT,
    **tenancy_fields,
):
    """A resident account living in a council home, on a tenancy the housing system sent."""
    user = UserFactory(role=Role.RESIDENT)
    resident = ResidentFactory(user=user, email=user.email, full_name=user.full_name)
    home = PropertyFactory(is_council_owned=True)
    Occupancy.objects.create(
        resident=resident, property=home, relationship=Relationship.TENANT,
        started_on=dt.date(2019, 4, 1),
    )  # fmt: skip
    defaults = {
        "charge_amount": Decimal("98.50"),
        "first_charge_on": dt.date(2026, 4, 6),
        "started_on": dt.date(2019, 4, 1),
    }
    tenancy = Tenancy.objects.create(
        housing_ref=housing_ref,
        property=home,
        tenancy_type=tenancy_type,
        **{**defaults, **tenancy_fields},
    )
    TenancyMember.objects.create(
        tenancy=tenancy, resident=resident, person_ref=f"P-{housing_ref}", role=role
    )
    return user, tenancy


@pytest.fixture
def tenant(db):
    return make_tenant()
