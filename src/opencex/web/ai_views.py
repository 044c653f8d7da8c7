"""How we use AI (/how-we-use-ai/): each model's governance record for residents, whether it is
on, and its measured accuracy by group (opencex.aigovernance). The records' prose is English;
on a Polish or Arabic page it is marked `lang="en"` (`lang_if_english`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from opencex.aigovernance import switches
from opencex.aigovernance.measurements import Measurements, measurements_of
from opencex.aigovernance.records import GovernanceRecord, governance_records
from opencex.languages import EnglishFallback

# The words a bench names its metrics and groups with, as residents read them.
METRIC_NAMES = {
    "precision": _("Precision (how often a suggestion was right)"),
    "recall": _("Recall (how many of the right answers it found)"),
    "f1": _("F1 score (precision and recall together)"),
    "accuracy@1": _("Right first time"),
    "accuracy@3": _("Right among the first three suggestions"),
}
GROUP_NAMES = {"language": _("language"), "channel": _("channel"), "age_band": _("age band")}


# A metric named with one of these words is a rate, shown as a percentage; any other (an error
# in days, a time in seconds) is shown as the number the bench wrote.
RATE_WORDS = ("precision", "recall", "f1", "accuracy", "coverage")


def _shown(name: str, value: float | None) -> str:
    if value is None:
        return "\u2013"
    if any(word in name.lower() for word in RATE_WORDS):
        return f"{round(value * 100)}%"
    return f"{value:.3g}"


def _metric_name(name: str) -> Any:
    return METRIC_NAMES.get(name, EnglishFallback(name))


def _group_value(group: str, value: str) -> Any:
    if group == "language":
        try:
            return get_language_info(value)["name_translated"]
        except KeyError:
            return EnglishFallback(value)
    return EnglishFallback(value.replace("_", " "))


def _figures(measured: Measurements) -> dict[str, Any]:
    """The figures as the page shows them: headline metrics against their baseline, and one
    table per kind of group."""
    names = measured.metric_names
    return {
        "headline": [
            {
                "name": _metric_name(m.name),
                "value": _shown(m.name, m.value),
                "baseline": _shown(m.name, m.baseline),
                "baseline_name": EnglishFallback(m.baseline_name),
            }
            for m in measured.metrics
        ],
        "tables": [
            {
                "group": GROUP_NAMES.get(group, EnglishFallback(group)),
                "key": group,
                "headers": [_metric_name(name) for name in names],
                "rows": [
                    {
                        "value": _group_value(group, figures.value),
                        "n": figures.n,
                        "cells": [_shown(name, figures.metrics.get(name)) for name in names],
                    }
                    for figures in rows
                ],
            }
            for group, rows in measured.groups().items()
        ],
    }


@dataclass(frozen=True)
class PublishedModel:
    record: GovernanceRecord
    is_on: bool
    measured: Measurements | None
    figures: dict[str, Any] | None
    prose: dict[str, Any]  # the record's texts, marked English on a page in another language


def _prose(record: GovernanceRecord, english_page: bool) -> dict[str, Any]:
    def mark(text: str) -> str:
        return text.strip() if english_page else EnglishFallback(text.strip())

    return {
        "name": mark(record.name),
        "purpose": mark(record.purpose),
        "suggests": mark(record.suggests),
        "never_decides": [mark(t) for t in record.never_decides],
        "data_used": [mark(t) for t in record.data_used],
        "data_not_used": [mark(t) for t in record.data_not_used],
        "how_tested": mark(record.how_tested),
        "human_oversight": mark(record.human_oversight),
        "when_off": mark(record.when_off),
        "owner": mark(record.owner),
        "retention": mark(record.retention),
        "risks": [(mark(r.risk), mark(r.mitigation)) for r in record.risks],
        "dataset": None,
    }


def how_we_use_ai(request: HttpRequest) -> HttpResponse:
    english_page = (get_language() or "en").split("-")[0] == "en"
    models = []
    for record in governance_records():
        measured = measurements_of(record.key)
        prose = _prose(record, english_page)
        if measured is not None:
            prose["dataset"] = (
                measured.dataset if english_page else EnglishFallback(measured.dataset)
            )
        models.append(
            PublishedModel(
                record=record,
                is_on=switches.is_on(record.key),
                measured=measured,
                figures=_figures(measured) if measured else None,
                prose=prose,
            )
        )
    return render(request, "web/how_we_use_ai.html", {"models": models})
