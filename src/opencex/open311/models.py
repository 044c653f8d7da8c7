"""What a GeoReport v2 client sent with a request that the case itself has no place for."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class GeoReportRequest(models.Model):
    """The location and references a report-it service sent with a case it opened: the case
    keeps the report (service, description, answers, contact, property by UPRN); this keeps the
    point on the map, the address as typed, the photo's address and the client's own ids, shown
    back only to the partner that sent them."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="georeport_request"
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address_string = models.CharField(max_length=250, blank=True)
    address_id = models.CharField(max_length=100, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"GeoReport request for case {self.case_id}"
