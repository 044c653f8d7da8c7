"""The daily forecast per service: how many working days its recent requests took."""

from __future__ import annotations

from django.db import models

from opencex.forecasts.model import History


class ServiceForecast(models.Model):
    """One service's closed requests of the last `window_days`, as counts per working days
    taken (`counts[d]`: how many took d), rebuilt every day by `forecasts.history`. A page
    predicting for many cases reads one row per service, never their histories."""

    service = models.OneToOneField(
        "catalogue.Service", on_delete=models.CASCADE, related_name="completion_forecast"
    )
    computed_on = models.DateField()
    window_days = models.PositiveSmallIntegerField()
    model_version = models.CharField(max_length=64)
    cases = models.PositiveIntegerField()
    counts = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.service_id}: {self.cases} request(s) to {self.computed_on}"

    @property
    def history(self) -> History:
        return History(tuple(int(count) for count in self.counts))
