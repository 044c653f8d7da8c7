"""Each trained routing model: its version, where its file is and the file's SHA-256, which is
checked before the file is read (`store.load_current`)."""

from __future__ import annotations

from django.db import models


class TrainedModel(models.Model):
    version = models.CharField(max_length=64, unique=True)
    trained_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    # What it learnt from: examples from the catalogue, the labelled history and corrections.
    examples = models.JSONField(default=dict)
    services = models.PositiveIntegerField(default=0)
    seconds_to_train = models.FloatField(default=0)

    class Meta:
        ordering = ["-trained_at", "-pk"]

    def __str__(self) -> str:
        return self.version
