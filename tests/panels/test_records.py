"""A panel member's subject access export holds their memberships and answers; anonymising or
erasing the resident takes them off every panel with the data removed."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from opencex.accounts.models import Role
from opencex.inforights.export import export_everything_about
from opencex.panels.models import Membership, PanelEvent, PanelProfile
from opencex.retention.anonymising import anonymise_resident
from tests.factories import UserFactory
from tests.panels.conftest import join

pytestmark = pytest.mark.django_db


def test_the_subject_access_export_holds_the_panels(panels):
    membership = join(message="Please fix the swings").membership
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE, password=None)
    export = export_everything_about(actor=officer, resident=membership.resident)
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    [name] = [n for n in archive.namelist() if n.endswith("/panels.json")]
    [held] = json.loads(archive.read(name))
    assert held["panel"] == "Residents Panel"
    assert held["ward"] == "Cowley"
    assert held["tenure"] == "I rent from the council or a housing association"
    assert held["about_you"]["ethnic_group"] == (
        "Black, Black British, Black Welsh, Caribbean or African"
    )
    assert held["about_you"]["disability"] == "No"
    assert held["what_you_wrote"] == [{"text": "Please fix the swings", "status": "Approved"}]
    assert PanelEvent.objects.filter(action="subject_access_export").count() == 1


def test_anonymising_the_resident_takes_them_off_the_panel(panels):
    membership = join().membership
    anonymise_resident(membership.resident, because="test")
    membership.refresh_from_db()
    assert membership.left_at is not None
    assert membership.ward == ""
    assert not PanelProfile.objects.exists()
    assert not Membership.objects.active().exists()
