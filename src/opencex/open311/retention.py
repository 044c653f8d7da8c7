"""What a GeoReport request kept about a case goes when the case is anonymised: retention (a
domain app) may not import Open311 (an interface app), so this registers itself with
`retention.anonymising.register_case_anonymiser` as the app starts (`apps.py`)."""

from __future__ import annotations

from opencex.open311.models import GeoReportRequest


def forget_georeport_details(case) -> int:
    """Blank the point on the map, the address as typed, the photo's address and the client's
    device and account ids sent with `case`; which partner sent it stays, for the statistics."""
    return GeoReportRequest.objects.filter(case=case).update(
        lat=None,
        long=None,
        address_string="",
        address_id="",
        media_url="",
        device_id="",
        account_id="",
    )
