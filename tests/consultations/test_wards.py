"""The council's wards come from its profile, and the demo's homes are in them."""

from __future__ import annotations

from django.conf import settings

from opencex.demo.config import load_demo_council


def test_oxford_has_24_wards_and_every_demo_home_is_in_one():
    wards = settings.COUNCIL_PROFILE.wards
    assert len(wards) == len(set(wards)) == 24
    demo = load_demo_council(settings.COUNCIL_PROFILE.slug)
    used = {street.ward for street in demo.streets} | {b.ward for b in demo.tower_blocks}
    used |= {demo.resident_home.ward} - {""}
    assert used <= set(wards)
