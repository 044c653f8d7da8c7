"""`opencex demo` gives the panel pages something to show, once, quickly."""

from __future__ import annotations

import time

import pytest

from opencex.panels.models import MemberMessage, Membership, MembershipStatus, PanelKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_fills_the_panels_once(client):
    from opencex.demo.generate import load_demo
    from opencex.demo.panels import load_demo_panels

    report = load_demo(size="small", seed=7, reset=False)
    started = time.perf_counter()
    said = load_demo_panels(history=report.history, seed=7)
    took = time.perf_counter() - started
    assert "Residents Panel members" in said
    residents = Membership.objects.active().filter(panel__kind=PanelKind.RESIDENTS)
    assert 20 <= residents.count() <= 60
    assert (
        Membership.objects.filter(
            status=MembershipStatus.AWAITING_PARENTAL_CONSENT, panel__kind=PanelKind.YOUTH
        ).count()
        == 1
    )
    assert MemberMessage.objects.filter(status="awaiting").exists()
    assert took < 10  # a shared, slow test machine; about 1 s alone
    assert "already" in load_demo_panels(history=report.history, seed=7)
    assert Membership.objects.filter(panel__kind=PanelKind.RESIDENTS).count() == residents.count()
