"""The form builder's writes: an administrator makes a form without code, page by page, in a
draft, then publishes it.

A draft is the form's next FormVersion, not yet published (`published_at` empty): residents never
see it (FormDefinition.current_version reads published versions only), and it may be incomplete
while it is built. Publishing checks it in full (forms.schema, every problem listed) and makes it
the version new sessions use; sessions under way keep theirs. Rolling back publishes an earlier
version's schema again as a new version. Every write here is one transaction and leaves a
FormChange row saying who did what.

The question patterns the builder offers are the schema's types (forms.schema.QuestionType):
text, long_text (a textarea with a maximum length), number (min, max), date (a date rule),
radios, checkboxes, yes/no (radios with the options Yes and No), email, phone, postcode, address
and file. A file question takes the engine's accepted types and size (forms.uploads); the schema
has no per-question setting for them.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from opencex.accounts.actors import account_or_none
from opencex.catalogue.models import Service
from opencex.forms import policies
from opencex.forms.models import FormChange, FormDefinition, FormVersion
from opencex.forms.schema import RESERVED_PAGE_IDS, SchemaError, validate_schema
from opencex.forms.services import publish_version, schema_checksum
from opencex.languages import ENGLISH, text_in

UP, DOWN = "up", "down"


class BuildError(ValueError):
    """A change the builder cannot make, in words an administrator can act on."""


# ---- reading --------------------------------------------------------------------------------


def draft_of(definition: FormDefinition) -> FormVersion | None:
    return definition.versions.filter(published_at__isnull=True).order_by("-number").first()


def published_versions(definition: FormDefinition):
    return definition.versions.filter(published_at__isnull=False).order_by("-number")


def all_questions(schema: dict[str, Any]) -> list[tuple[dict, dict]]:
    """(page, question) for every question, in order."""
    return [(page, question) for page in schema.get("pages", []) for question in page["questions"]]


def _find_question(schema: dict[str, Any], question_id: str) -> tuple[dict, dict]:
    for page, question in all_questions(schema):
        if question["id"] == question_id:
            return page, question
    raise BuildError(f'There is no question "{question_id}" in this draft.')


def _find_page(schema: dict[str, Any], page_id: str) -> dict:
    for page in schema.get("pages", []):
        if page["id"] == page_id:
            return page
    raise BuildError(f'There is no page "{page_id}" in this draft.')


@dataclass
class VersionDiff:
    """What changed between two versions, by question id."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_schemas(before: dict[str, Any] | None, after: dict[str, Any]) -> VersionDiff:
    old = {question["id"]: question for _page, question in all_questions(before or {})}
    new = {question["id"]: question for _page, question in all_questions(after)}
    return VersionDiff(
        added=[qid for qid in new if qid not in old],
        removed=[qid for qid in old if qid not in new],
        changed=[qid for qid in new if qid in old and new[qid] != old[qid]],
    )


# ---- writing --------------------------------------------------------------------------------


def _check(actor) -> None:
    if not policies.can_build_forms(actor):
        raise PermissionDenied


def _record(actor, definition: FormDefinition, action: str, *, number=None, detail="") -> None:
    FormChange.objects.create(
        definition=definition,
        version_number=number,
        actor=account_or_none(actor),
        action=action,
        detail=detail[:500],
    )


def _next_number(definition: FormDefinition) -> int:
    return (definition.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1


def _locked_draft(draft: FormVersion) -> FormVersion:
    locked = FormVersion.objects.select_for_update().select_related("definition").get(pk=draft.pk)
    if locked.published_at is not None:
        raise BuildError("This version is published already; start a new draft to change it.")
    return locked


def _save(actor, draft: FormVersion, action: str, detail: str) -> FormVersion:
    draft.checksum = schema_checksum(draft.schema)
    draft.save(update_fields=["schema", "checksum"])
    _record(actor, draft.definition, action, number=draft.number, detail=detail)
    return draft


def empty_schema(title: str) -> dict[str, Any]:
    return {"title": title, "pages": [], "case": {"subject": title, "contact_name": ""}}


@transaction.atomic
def create_form(
    *, actor, slug: str, title: str, case_kind: str, service: Service | None = None
) -> FormDefinition:
    """A new form, offline until its first version is published, with an empty draft."""
    _check(actor)
    if FormDefinition.objects.filter(slug=slug).exists():
        raise BuildError(_("A form with this web address already exists."))
    definition = FormDefinition.objects.create(
        slug=slug, title=title, case_kind=case_kind, service=service, is_live=False
    )
    _record(actor, definition, "created", detail=title)
    FormVersion.objects.create(
        definition=definition,
        number=1,
        schema=empty_schema(title),
        checksum="",
        created_by=account_or_none(actor),
    )
    return definition


@transaction.atomic
def start_draft(*, actor, definition: FormDefinition) -> FormVersion:
    """The form's draft: the one being built, or a new one copied from the current version."""
    _check(actor)
    FormDefinition.objects.select_for_update().filter(pk=definition.pk).first()
    existing = draft_of(definition)
    if existing is not None:
        return existing
    current = definition.current_version()
    schema = copy.deepcopy(current.schema) if current else empty_schema(definition.title)
    draft = FormVersion.objects.create(
        definition=definition,
        number=_next_number(definition),
        schema=schema,
        checksum=schema_checksum(schema),
        created_by=account_or_none(actor),
    )
    _record(actor, definition, "draft started", number=draft.number)
    return draft


def _unique_id(base: str, taken: set[str], *, separator: str, fallback: str) -> str:
    base = re.sub(r"[^a-z0-9]+", separator, slugify(base)).strip(separator)[:50]
    if not base or not base[0].isalpha():
        base = f"{fallback}{separator}{base}".strip(separator)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{separator}{number}", number + 1
    return candidate


@transaction.atomic
def add_page(*, actor, draft: FormVersion, title: Any) -> dict[str, Any]:
    """A new page at the end of the draft; it needs a question before the form can be published."""
    _check(actor)
    draft = _locked_draft(draft)
    english = title["en"] if isinstance(title, dict) else title
    taken = {page["id"] for page in draft.schema["pages"]} | RESERVED_PAGE_IDS
    page = {
        "id": _unique_id(english, taken, separator="-", fallback="page"),
        "title": title,
        "questions": [],
    }
    draft.schema["pages"].append(page)
    _save(actor, draft, "page added", english)
    return page


@transaction.atomic
def remove_page(*, actor, draft: FormVersion, page_id: str) -> None:
    _check(actor)
    draft = _locked_draft(draft)
    page = _find_page(draft.schema, page_id)
    draft.schema["pages"].remove(page)
    _save(actor, draft, "page removed", page_id)


@transaction.atomic
def add_question(
    *, actor, draft: FormVersion, page_id: str, question: dict[str, Any]
) -> dict[str, Any]:
    """Add `question` (the schema's shape, without an "id": one is made from its label) at the end
    of the page."""
    _check(actor)
    draft = _locked_draft(draft)
    page = _find_page(draft.schema, page_id)
    label = question["label"]["en"] if isinstance(question["label"], dict) else question["label"]
    taken = {existing["id"] for _page, existing in all_questions(draft.schema)}
    added = {"id": _unique_id(label, taken, separator="_", fallback="q"), **question}
    page["questions"].append(added)
    _save(actor, draft, "question added", added["id"])
    return added


@transaction.atomic
def edit_question(
    *, actor, draft: FormVersion, question_id: str, question: dict[str, Any]
) -> dict[str, Any]:
    """Replace a question's settings, keeping its id and its condition."""
    _check(actor)
    draft = _locked_draft(draft)
    page, existing = _find_question(draft.schema, question_id)
    changed = {"id": question_id, **question}
    if existing.get("show_if") and "show_if" not in question:
        changed["show_if"] = existing["show_if"]
    page["questions"][page["questions"].index(existing)] = changed
    _save(actor, draft, "question changed", question_id)
    return changed


@transaction.atomic
def move_question(*, actor, draft: FormVersion, question_id: str, direction: str) -> None:
    """Move a question one place up or down on its page."""
    _check(actor)
    if direction not in (UP, DOWN):
        raise BuildError("A question moves up or down.")
    draft = _locked_draft(draft)
    page, question = _find_question(draft.schema, question_id)
    questions = page["questions"]
    index = questions.index(question)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        _save(actor, draft, f"question moved {direction}", question_id)


@transaction.atomic
def remove_question(*, actor, draft: FormVersion, question_id: str) -> None:
    _check(actor)
    draft = _locked_draft(draft)
    page, question = _find_question(draft.schema, question_id)
    page["questions"].remove(question)
    _save(actor, draft, "question removed", question_id)


@transaction.atomic
def set_condition(
    *, actor, draft: FormVersion, question_id: str, when: str | None, equals: Any = None
) -> None:
    """Show the question only when the question `when` (on an earlier page) was answered
    `equals`; `when` None: always show it. Publishing checks that the condition holds together."""
    _check(actor)
    draft = _locked_draft(draft)
    _, question = _find_question(draft.schema, question_id)
    if when:
        question["show_if"] = {"question": when, "equals": equals}
    else:
        question.pop("show_if", None)
    _save(actor, draft, "condition set", f"{question_id}: {when}={equals}" if when else question_id)


@transaction.atomic
def set_case_mapping(*, actor, draft: FormVersion, mapping: dict[str, Any]) -> None:
    """How the answers become the case: the subject, and which questions give the contact."""
    _check(actor)
    draft = _locked_draft(draft)
    kept = {key: value for key, value in draft.schema["case"].items() if key not in mapping}
    draft.schema["case"] = {**kept, **{key: value for key, value in mapping.items() if value}}
    draft.schema["case"].setdefault("contact_name", "")
    _save(actor, draft, "case mapping set", mapping.get("subject", ""))


@transaction.atomic
def set_texts(
    *, actor, draft: FormVersion, title: Any, intro: list[Any], next_steps: list[Any]
) -> None:
    """The form's title as residents read it, its start page and its next steps."""
    _check(actor)
    draft = _locked_draft(draft)
    draft.schema["title"] = title
    draft.schema["intro"] = intro
    draft.schema["next_steps"] = next_steps
    _save(actor, draft, "texts set", "")


@dataclass(frozen=True)
class DraftProblem:
    """Something to put right before a draft is published, and the part of the builder's page
    it is about (the anchor of a page, "case-details", or the draft as a whole)."""

    text: str
    place: str = "draft"


class DraftProblems(SchemaError):
    """A draft that cannot be published; `.found` lists every problem with its place."""

    def __init__(self, found: list[DraftProblem]) -> None:
        super().__init__([problem.text for problem in found])
        self.found = found


def builder_problems(schema: dict) -> list[DraftProblem]:
    """What an administrator must put right before publishing, in the builder's own words (pages
    and questions by their titles, the "Case details" page), for the mistakes the builder's pages
    allow. The full schema check runs after these are put right, for anything else."""
    problems: list[DraftProblem] = []
    earlier: set[str] = set()
    for number, page in enumerate(schema.get("pages") or [], start=1):
        where = _("page %(number)s (“%(title)s”)") % {
            "number": number,
            "title": text_in(page.get("title", ""), ENGLISH),
        }
        questions = page.get("questions") or []
        if not questions:
            problems.append(
                DraftProblem(
                    _("%(page)s has no questions: add a question to it or remove the page.")
                    % {"page": capfirst(where)},
                    f"page-{page.get('id')}",
                )
            )
        for question in questions:
            condition = question.get("show_if") or {}
            if condition and condition.get("question") not in earlier:
                problems.append(
                    DraftProblem(
                        _(
                            "The question “%(label)s” on %(page)s is shown only after an answer "
                            "to a question that is not on an earlier page: change or remove its "
                            "condition."
                        )
                        % {"label": text_in(question.get("label", ""), ENGLISH), "page": where},
                        f"page-{page.get('id')}",
                    )
                )
        earlier.update(question.get("id") for question in questions)
    if not schema.get("pages"):
        problems.append(DraftProblem(_("The form has no pages: add a page with a question.")))
    if not (schema.get("case") or {}).get("contact_name"):
        problems.append(
            DraftProblem(
                _("On “Case details”, choose which question asks for the resident's name."),
                "case-details",
            )
        )
    return problems


def _place(problem: str, schema: dict) -> str:
    """The part of the builder's page a schema check's sentence is about."""
    found = re.match(r"pages\[(\d+)\]", problem)
    pages = schema.get("pages", [])
    if found and int(found.group(1)) < len(pages):
        return f"page-{pages[int(found.group(1))]['id']}"
    return "case-details" if problem.startswith("case.") else "draft"


@transaction.atomic
def publish_draft(*, actor, draft: FormVersion) -> FormVersion:
    """Check the draft in full (DraftProblems lists every problem) and make it the current
    version. Sessions under way keep the version they started on."""
    _check(actor)
    draft = _locked_draft(draft)
    found = builder_problems(draft.schema)
    if not found:
        try:
            validate_schema(draft.schema)
        except SchemaError as error:
            found = [DraftProblem(text, _place(text, draft.schema)) for text in error.problems]
    if found:
        raise DraftProblems(found)
    definition = draft.definition
    highest = definition.versions.exclude(pk=draft.pk).aggregate(highest=Max("number"))["highest"]
    draft.number = max(draft.number, (highest or 0) + 1)
    draft.published_at = timezone.now()
    draft.created_by = account_or_none(actor)
    draft.checksum = schema_checksum(draft.schema)
    draft.save()
    _record(actor, definition, "published", number=draft.number)
    return draft


@transaction.atomic
def discard_draft(*, actor, draft: FormVersion) -> None:
    _check(actor)
    draft = _locked_draft(draft)
    _record(actor, draft.definition, "draft discarded", number=draft.number)
    draft.delete()


@transaction.atomic
def roll_back(*, actor, version: FormVersion) -> FormVersion:
    """Publish an earlier version's questions again, as a new version."""
    _check(actor)
    if version.published_at is None:
        raise BuildError("Only a published version can be published again.")
    definition = version.definition
    restored = publish_version(
        actor=actor, definition=definition, schema=copy.deepcopy(version.schema)
    )
    draft = draft_of(definition)
    if draft is not None and draft.number < restored.number:
        draft.number = restored.number + 1
        draft.save(update_fields=["number"])
    _record(
        actor,
        definition,
        "rolled back",
        number=restored.number,
        detail=f"Version {version.number} published again",
    )
    return restored


@transaction.atomic
def set_live(*, actor, definition: FormDefinition, is_live: bool) -> None:
    """Put the form online (it needs a published version) or take it offline."""
    _check(actor)
    if is_live and definition.current_version() is None:
        raise BuildError(_("Publish a version of the form before it goes live."))
    FormDefinition.objects.filter(pk=definition.pk).update(is_live=is_live)
    definition.is_live = is_live
    _record(actor, definition, "went live" if is_live else "taken offline")
