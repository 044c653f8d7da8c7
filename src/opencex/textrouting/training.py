"""Training the routing model on the catalogue, the labelled history and officers' corrections,
and the daily retraining job."""

from __future__ import annotations

import hashlib
import time as clock
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path

from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from opencex.aigovernance.models import Decision, Outcome
from opencex.cases.models import Case
from opencex.catalogue.models import Service
from opencex.jobs import daily
from opencex.textrouting import history, store
from opencex.textrouting.model import Example, fit
from opencex.textrouting.models import TrainedModel

MODEL_KEY = "routing"
DAILY_AT = time(3, 15)  # London time: after the day's corrections, before officers start
# An officer's correction outweighs a generated or catalogue example: it is the council's own
# word on a real text, and there are few of them.
CORRECTION_WEIGHT = 5.0


def catalogue_examples() -> list[Example]:
    """Each live service's title, summary and search words, in English, Polish and Arabic."""
    examples = []
    for service in Service.objects.filter(is_live=True).order_by("slug"):
        texts = [service.title, service.summary, f"{service.title}. {service.summary}"]
        texts += list(service.keywords)
        for language in ("pl", "ar"):
            translated = service.translated(language)
            texts += [translated.get("title") or "", translated.get("summary") or ""]
            texts += list(translated.get("keywords") or [])
        examples += [Example(text, service.slug, "catalogue") for text in texts if text.strip()]
    return examples


def history_examples(rows: Iterable[history.HistoryRow], live: set[str]) -> list[Example]:
    return [Example(row.text, row.service, "history") for row in rows if row.service in live]


def case_text(case: Case) -> str:
    """What the model reads of a case: its subject and what the resident wrote."""
    return f"{case.subject}\n{case.description}".strip()


def correction_examples(live: set[str]) -> list[Example]:
    """What officers corrected: the text of each case they re-routed, labelled with the service
    they chose. The text is read from the case now (suggestions never copy it), so a case
    removed under retention is no longer learnt from."""
    decisions = Decision.objects.filter(
        suggestion__model_key=MODEL_KEY,
        suggestion__subject_type="case",
        outcome=Outcome.CORRECTED,
    ).select_related("suggestion")
    chosen: dict[int, str] = {}
    for decision in decisions.order_by("decided_at", "pk"):
        service = decision.correction.get("service")
        if service in live:
            chosen[decision.suggestion.subject_id] = service  # the latest correction wins
    cases = Case.objects.filter(pk__in=chosen).only("pk", "subject", "description")
    return [
        Example(case_text(case), chosen[case.pk], "correction", CORRECTION_WEIGHT)
        for case in cases
        if case_text(case)
    ]


def training_examples(history_file: Path = history.HISTORY_FILE) -> list[Example]:
    live = set(Service.objects.filter(is_live=True).values_list("slug", flat=True))
    return (
        catalogue_examples()
        + history_examples(history.read(history_file), live)
        + correction_examples(live)
    )


def train(
    *, history_file: Path = history.HISTORY_FILE, examples: list[Example] | None = None
) -> TrainedModel:
    """Train a new version and make it the current one."""
    if examples is None:
        examples = training_examples(history_file)
    digest = hashlib.sha256(
        "\n".join(f"{e.service}\t{e.weight}\t{e.text}" for e in examples).encode()
    ).hexdigest()
    # The training's number, its day and what it learnt from: routing-12-20261206-3fa9c1.
    number = (TrainedModel.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    version = f"routing-{number}-{timezone.localdate():%Y%m%d}-{digest[:6]}"
    started = clock.perf_counter()
    model = fit(examples, version=version)
    seconds = clock.perf_counter() - started
    counts = dict(Counter(e.source for e in examples))
    return store.save(model, examples=counts, seconds=seconds)


@task()
def train_routing_every_day() -> str:
    """Retrain with the day's corrections, record the new version's suggestion for the open
    cases still needing routing, then queue the same job for tomorrow."""
    from opencex.textrouting.services import suggest_for_open_cases  # services import training

    try:
        version = train().version
        suggest_for_open_cases()
        return version
    finally:
        daily.queue_next_run(train_routing_every_day, DAILY_AT)


def schedule_every_day() -> datetime | None:
    return daily.schedule_daily(train_routing_every_day, DAILY_AT)
