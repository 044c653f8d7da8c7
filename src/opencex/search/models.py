"""What the web measures keep of each search: the term (normalised, personal data out), its
language, how many results it found and which one, if any, was followed. No time, user, session
or address: a search is kept only as the day it was made."""

from __future__ import annotations

from django.db import models


class SearchSource(models.TextChoices):
    PAGE = "page", "Search page"
    API = "api", "API"


class SearchRecord(models.Model):
    """One search made on `/search` or `/api/v1/search`."""

    term = models.CharField(max_length=200, help_text="Normalised, personal data taken out.")
    language = models.CharField(max_length=16, help_text="The language the query was read in.")
    source = models.CharField(max_length=8, choices=SearchSource.choices)
    results = models.PositiveSmallIntegerField(help_text="How many results it found.")
    # The results' addresses in order, as the page linked them: a click is sent only to one of
    # these (opencex.search.services.follow_result), never to an address from the request.
    result_urls = models.JSONField(default=list, blank=True)
    clicked_position = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The first result followed, counting from 1."
    )
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["day", "source"])]
        constraints = [
            models.CheckConstraint(
                name="search_click_is_a_result",
                condition=models.Q(clicked_position__isnull=True)
                | models.Q(clicked_position__gte=1, clicked_position__lte=models.F("results")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.term} ({self.results})"
