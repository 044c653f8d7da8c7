"""A record of each synthetic history `opencex demo` loaded, so that it is loaded only once."""

from __future__ import annotations

from django.db import models


class DemoLoad(models.Model):
    """One synthetic history: how it was made and which rows it made (for `--reset`)."""

    seed = models.PositiveIntegerField()
    size = models.CharField(max_length=16)
    anchor_on = models.DateField(help_text="The day the history was generated back from.")
    loaded_at = models.DateTimeField(auto_now_add=True)
    # {"people.Resident": [first id, last id], ...}: the history's rows were bulk-created
    # together, so each model's rows form one range of ids.
    id_ranges = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"Demo history ({self.size}, seed {self.seed}) from {self.anchor_on}"
