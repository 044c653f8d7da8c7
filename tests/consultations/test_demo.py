"""The demo's consultations: made through the services, one checked pair that clashes on the
horizon scan, results published, and nothing added when run again."""

from __future__ import annotations

import pytest
from django.conf import settings

from opencex.accounts.models import Role
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.consultations.models import Consultation, FindingKind, Status
from opencex.demo.consultations import load_demo_consultations
from tests.consultations.conftest import TODAY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_clash_to_show_and_published_results():
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    said = load_demo_consultations(actor=administrator, today=TODAY)
    assert said.startswith("Consultations: 5 demo consultations")
    parking = Consultation.objects.get(title="A controlled parking zone in Cowley")
    assert parking.status == Status.CHECKED
    (clash,) = parking.findings.filter(kind=FindingKind.CLASH)
    assert clash.other.title == "Street trees in Cowley and Lye Valley"
    assert not clash.is_acknowledged
    assert Consultation.objects.filter(status=Status.OPEN).count() == 2
    assert Consultation.objects.get(status=Status.PUBLISHED).outcome.published_at
    assert "already" in load_demo_consultations(actor=administrator, today=TODAY)
