"""Reads for the web measures of forms: how far people got through each form before they stopped
(drop-off by page), from the sessions the form pages keep on the server.

A session counts as started when it was made (the person pressed Start), as submitted once its
case was opened. A page counts as reached when it was answered, or when it is the page the person
stopped on: the first page that applied to their answers and was not answered yet; a session with
every page answered and not sent stopped on "Check your answers". Pages are those of the form's
newest version, in its order, then any page only an older version had.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from opencex.cases.models import Channel
from opencex.forms import answers as checks
from opencex.forms.models import FormDefinition, FormSession, FormVersion
from opencex.forms.services import CHECK_ANSWERS
from opencex.languages import ENGLISH, text_in

CHECK_ANSWERS_TITLE = "Check your answers"


@dataclass
class PageDropOff:
    """One page of a form (or "Check your answers"): how many reached it, how many stopped."""

    page_id: str
    title: str
    questions: str
    reached: int = 0
    stopped: int = 0

    @property
    def drop_off_rate(self) -> float | None:
        """Of those who reached the page, the share who stopped there."""
        return self.stopped / self.reached if self.reached else None


@dataclass
class FormDropOff:
    slug: str
    title: str
    started: int = 0
    submitted: int = 0
    still_open: int = 0  # unfinished, but their link to come back still works
    pages: list[PageDropOff] = field(default_factory=list)

    @property
    def unfinished(self) -> int:
        return self.started - self.submitted

    @property
    def completion_rate(self) -> float | None:
        return self.submitted / self.started if self.started else None


def _page_rows(schema: Mapping[str, Any]) -> list[PageDropOff]:
    return [
        PageDropOff(
            page["id"],
            text_in(page.get("title"), ENGLISH),
            "; ".join(text_in(q.get("label"), ENGLISH) for q in page.get("questions", [])),
        )
        for page in schema.get("pages", [])
    ]


def steps_taken(
    schema: Mapping[str, Any], pages_done: Iterable[str], answers: Mapping[str, Any], *, sent: bool
) -> tuple[list[str], str | None]:
    """(the steps a session reached, the step it stopped on or None once sent), for one session
    of `schema`. A step is a page id or CHECK_ANSWERS."""
    done = set(pages_done)
    shown = [page["id"] for page in schema.get("pages", []) if checks.is_shown(page, answers)]
    waiting = next((page_id for page_id in shown if page_id not in done), None)
    reached = [page_id for page_id in shown if page_id in done or page_id == waiting]
    if waiting is None:
        reached.append(CHECK_ANSWERS)
    if sent:
        return reached, None
    return reached, waiting or CHECK_ANSWERS


def form_drop_off(
    *, since: datetime, until: datetime, channel: str = Channel.WEB
) -> list[FormDropOff]:
    """For each form with sessions started from `since` until before `until` on `channel` (the
    website: residents on their own, not officers filling a form in for someone), the sessions
    started, submitted and still open, and for each page how many reached it and stopped there.
    Forms most started first."""
    sessions = FormSession.objects.filter(
        created_at__gte=since, created_at__lt=until, channel=channel
    ).values_list("version_id", "pages_done", "answers", "case_id", "submitted_at", "expires_at")
    sessions = list(sessions)
    versions = {
        pk: (definition_id, schema)
        for pk, definition_id, schema in FormVersion.objects.filter(
            pk__in={row[0] for row in sessions}
        ).values_list("pk", "definition_id", "schema")
    }
    forms: dict[int, FormDropOff] = {}
    steps: dict[int, dict[str, PageDropOff]] = {}
    pages_seen: set[int] = set()
    now = timezone.now()
    for version_id, pages_done, answers, case_id, submitted_at, expires_at in sessions:
        definition_id, schema = versions[version_id]
        if definition_id not in forms:
            forms[definition_id], steps[definition_id] = _form(definition_id)
        form, known = forms[definition_id], steps[definition_id]
        if version_id not in pages_seen:  # a page only an older version had
            pages_seen.add(version_id)
            for row in _page_rows(schema):
                known.setdefault(row.page_id, row)
        sent = case_id is not None or submitted_at is not None
        reached, stopped = steps_taken(schema, pages_done or [], answers or {}, sent=sent)
        form.started += 1
        form.submitted += sent
        form.still_open += not sent and expires_at > now
        for step in reached:
            known[step].reached += 1
        if stopped is not None:
            known[stopped].stopped += 1
    for definition_id, form in forms.items():
        check = steps[definition_id].pop(CHECK_ANSWERS)
        form.pages = [*steps[definition_id].values(), check]
    return sorted(forms.values(), key=lambda form: (-form.started, form.title))


def _form(definition_id: int) -> tuple[FormDropOff, dict[str, PageDropOff]]:
    definition = FormDefinition.objects.get(pk=definition_id)
    current = definition.current_version()
    rows = _page_rows(current.schema) if current else []
    known = {row.page_id: row for row in rows}
    known[CHECK_ANSWERS] = PageDropOff(CHECK_ANSWERS, CHECK_ANSWERS_TITLE, "")
    return FormDropOff(definition.slug, definition.title), known
