"""The daily forecast per service: how many working days its recent requests took."""

from __future__ import annotations

from datetime import date

from django.db import models

from opencex.forecasts.model import MODEL_VERSION, History


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

    @classmethod
    def made_from(
        cls, *, service_id: int, history: History, computed_on: date, window_days: int
    ) -> ServiceForecast:
        """An unsaved forecast holding `history`, made by this model version."""
        return cls(
            service_id=service_id,
            computed_on=computed_on,
            window_days=window_days,
            model_version=MODEL_VERSION,
            cases=history.cases,
            counts=list(history.counts),
        )

    @property
    def history(self) -> History:
        return History(tuple(int(count) for count in self.counts))
