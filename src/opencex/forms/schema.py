"""What a form schema may say, and a check that says, line by line, what is wrong with one.

A schema is JSON (the files in definitions/, or an administrator's edit):

    {"pages": [{"id": "bin", "title": "Which bin was missed?",
                "questions": [{"id": "bin", "type": "radios", "label": "...", "required": true,
                               "options": [{"value": "general", "label": "Rubbish"}]}]}],
     "case": {"subject": "Missed bin: {bin}", "contact_name": "name", "contact_email": "email"}}

"intro" (paragraphs for the start page) and "next_steps" (for the confirmation page) are optional,
and so is "title", the form's title as residents read it (FormDefinition.title is the English
one staff and administrators see).

Every text a resident reads — title, intro and next steps, page titles, labels, hints, option
labels, error messages — may be translated: a plain string is English, and an object such as
{"en": "Where is it?", "pl": "Gdzie to jest?", "ar": "أين هو؟"} gives it by language, shown in the
page's language with English where a language has none (see opencex.languages). The case's
subject is for staff, so it stays an English string.
A page or question may have "show_if": {"question": ID, "equals": VALUE} about a question on an
earlier page, so the server decides what to ask without JavaScript. "case" maps answers to the
case; "case.kind_from" picks the case kind (and service) from one answer, e.g. FOI or EIR;
"case.triage" names a triage rule a domain app registered (forms.triage).
"purpose" is "case" (the default: a sent form opens a case, so "case" is required) or "survey":
a survey's answers are kept by opencex.surveys as a response and open no case, so a survey has no
"case" mapping.

The shape of a schema is pydantic models (`FormSchema`); what needs the whole schema (ids used
once, a condition or the case mapping naming a question that exists) is checked after, on the
parts whose shape is right, so that every problem is listed at once. A problem names its path in
the schema: `pages[2].questions[0].label: is empty.` (counting from 0, as JSON paths do).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from opencex.cases.hazards import clock_rule_problems
from opencex.file_problems import field_path, problem, sentences
from opencex.forms.triage import is_registered
from opencex.languages import translation_problems

QuestionType = Literal[
    "text",
    "long_text",
    "number",
    "date",
    "radios",
    "checkboxes",
    "email",
    "phone",
    "postcode",
    "address",
    "street_location",
    "file",
]
CaseKind = Literal[
    "service_request", "enquiry", "complaint", "compliment", "comment", "foi", "eir", "sar"
]
QUESTION_TYPES: frozenset[str] = frozenset(get_args(QuestionType))
CHOICE_TYPES = frozenset({"radios", "checkboxes"})
TEXT_TYPES = frozenset({"text", "long_text"})
CASE_KINDS: frozenset[str] = frozenset(get_args(CaseKind))
# Paths the form views use beside the pages.
RESERVED_PAGE_IDS = frozenset({"check-your-answers", "confirmation", "save", "start", "resume"})
_PAGE_ID = re.compile(r"^[a-z][a-z0-9-]{0,59}$")
_QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
_PLACEHOLDER = re.compile(r"{([a-z][a-z0-9_]*)}")


class SchemaError(ValueError):
    """A schema that cannot be used; `.problems` lists every fault found, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _optional_text(value: Any) -> Any:
    """A text a resident reads: a string (English), or texts by language (opencex.languages)."""
    found = [sentence.strip() for sentence in translation_problems(value, "")]
    if found:
        raise problem(" ".join(found).removesuffix("."))
    return value


def _required_text(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise problem("is empty")
    return _optional_text(value)


def _not_blank(value: str) -> str:
    """A text only staff read (the case subject, an option's value): English, not empty."""
    if not value.strip():
        raise problem("is empty")
    return value


def _page_id(value: str) -> str:
    if not _PAGE_ID.match(value):
        raise problem('must be lower-case letters, digits and hyphens, like "which-bin"')
    if value in RESERVED_PAGE_IDS:
        raise problem(f'"{value}" is kept for the form\'s own pages')
    return value


def _question_id(value: str) -> str:
    if not _QUESTION_ID.match(value):
        raise problem('must be lower-case letters, digits and underscores, like "bin_type"')
    return value


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error:
        raise problem("is not a valid regular expression") from None
    return value


Text = Annotated[Any, AfterValidator(_optional_text)]
RequiredText = Annotated[Any, AfterValidator(_required_text)]
StaffText = Annotated[StrictStr, AfterValidator(_not_blank)]
Number = Annotated[float, Strict()]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ShowIf(_Shape):
    """Show a page or question only when an earlier question was answered so."""

    question: StrictStr
    equals: Any


class Option(_Shape):
    value: StaffText
    label: RequiredText


class Question(_Shape):
    id: Annotated[StrictStr, AfterValidator(_question_id)]
    type: QuestionType
    label: RequiredText
    hint: Text = None
    required: StrictBool = False
    options: Annotated[list[Option], Field(min_length=1)] | None = None
    show_if: ShowIf | None = None
    max_length: Annotated[StrictInt, Field(gt=0)] | None = None
    min: Number | None = None
    max: Number | None = None
    pattern: Annotated[StrictStr, AfterValidator(_pattern)] | None = None
    pattern_message: Text = None
    messages: dict[str, RequiredText] = {}
    date_rule: Literal["past", "future", "past_or_today", "today_or_future"] | None = None
    autocomplete: StrictStr | None = None
    width: Any = None  # accepted for older definitions; no page reads it

    @model_validator(mode="after")
    def _settings_fit_the_type(self) -> Question:
        kind = self.type
        if kind in CHOICE_TYPES and not self.options:
            raise problem(f'a {kind} question needs "options": a list of {{"value", "label"}}')
        only = (
            ("options", CHOICE_TYPES, "radios and checkboxes have"),
            ("max_length", TEXT_TYPES, "text questions have"),
            ("pattern", TEXT_TYPES, "text questions have"),
            ("min", {"number"}, "number questions have"),
            ("max", {"number"}, "number questions have"),
            ("date_rule", {"date"}, "date questions have"),
        )
        for name, types, who in only:
            if getattr(self, name) is not None and kind not in types:
                raise problem(f'only {who} "{name}"')
        if self.min is not None and self.max is not None and self.min > self.max:
            raise problem('"min" is more than "max"')
        if self.pattern is not None and self.pattern_message in (None, ""):
            raise problem('a "pattern" needs a "pattern_message" that says what to enter')
        values = [option.value for option in self.options or ()]
        if len(set(values)) != len(values):
            raise problem("two options have the same value")
        return self


class Page(_Shape):
    id: Annotated[StrictStr, AfterValidator(_page_id)]
    title: RequiredText
    show_if: ShowIf | None = None
    questions: Annotated[list[Question], Field(min_length=1)]


class KindChoice(_Shape):
    kind: CaseKind
    service: StrictStr | None = None


class KindFrom(_Shape):
    """The case kind (and service) chosen by the answer to one radios question."""

    question: StrictStr
    values: dict[str, KindChoice]


class CaseMapping(_Shape):
    """How the answers become the case: question ids, and the subject with {placeholders}."""

    subject: StaffText
    contact_name: StrictStr
    contact_email: StrictStr | None = None
    contact_phone: StrictStr | None = None
    property: StrictStr | None = None
    description: list[StrictStr] | None = None
    kind_from: KindFrom | None = None
    # Which answers choose which clock (cases.hazards); checked by clock_rule_problems.
    clock_from: list[dict[str, Any]] | None = None
    # A triage rule registered by a domain app (forms.triage), run before the case opens.
    triage: StrictStr | None = None


class FormSchema(_Shape):
    title: Text = None
    intro: list[RequiredText] = []
    next_steps: list[RequiredText] = []
    pages: Annotated[list[Page], Field(min_length=1)]
    purpose: Literal["case", "survey"] = "case"
    case: CaseMapping | None = None

    @model_validator(mode="after")
    def _a_case_form_maps_its_case(self) -> FormSchema:
        if self.purpose == "case" and self.case is None:
            raise problem('a form that opens a case needs "case": how its answers become the case')
        if self.purpose == "survey" and self.case is not None:
            raise problem('a survey opens no case, so it has no "case"')
        return self


def validate_schema(schema: Any) -> None:
    """Raise SchemaError listing every problem with `schema`; return quietly if it is usable."""
    if not isinstance(schema, dict):
        raise SchemaError(["The schema must be a JSON object with a list of pages."])
    problems: list[str] = []
    try:
        FormSchema.model_validate(schema)
    except ValidationError as error:
        problems += sentences(error, data=schema)
    problems += _reference_problems(schema)
    if problems:
        raise SchemaError(problems)


def _dicts(value: Any) -> list[tuple[int, dict]]:
    """The entries of a list that are objects, with their places (the rest are reported by
    the shape check)."""
    if not isinstance(value, list):
        return []
    return [(number, item) for number, item in enumerate(value) if isinstance(item, dict)]


def _reference_problems(schema: dict) -> list[str]:
    """What the shape cannot say: ids used once, and conditions and the case mapping naming
    questions that exist (a condition, one on an earlier page)."""
    problems: list[str] = []
    page_ids: set[str] = set()
    questions: dict[str, dict] = {}
    for page_number, page in _dicts(schema.get("pages")):
        where = field_path(("pages", page_number), schema)
        page_id = page.get("id")
        if isinstance(page_id, str) and page_id in page_ids:
            problems.append(f"{where}.id: is used by another page.")
        if isinstance(page_id, str):
            page_ids.add(page_id)
        problems += _show_if_problems(page.get("show_if"), questions, f"{where}.show_if")
        on_this_page: dict[str, dict] = {}
        for number, question in _dicts(page.get("questions")):
            here = field_path(("pages", page_number, "questions", number), schema)
            question_id = question.get("id")
            if not isinstance(question_id, str):
                continue
            if question_id in questions or question_id in on_this_page:
                problems.append(f"{here}.id: is used by another question.")
            on_this_page[question_id] = question
            problems += _show_if_problems(question.get("show_if"), questions, f"{here}.show_if")
        questions.update(on_this_page)
    mapping = schema.get("case")
    if isinstance(mapping, dict):
        problems += _case_problems(mapping, questions)
    return problems


def _options(question: dict) -> set[Any]:
    return {option.get("value") for _, option in _dicts(question.get("options"))}


def _show_if_problems(condition: Any, earlier: dict[str, dict], where: str) -> list[str]:
    if not isinstance(condition, dict) or not isinstance(condition.get("question"), str):
        return []
    name, expected = condition["question"], condition.get("equals")
    target = earlier.get(name)
    if target is None:
        return [f'{where}: "{name}" is not a question on an earlier page.']
    if target.get("type") in CHOICE_TYPES and expected not in _options(target):
        return [f'{where}: "{expected}" is not an option of "{name}".']
    return []


_MAPPED_TYPES = {
    "contact_name": {"text"},
    "contact_email": {"email"},
    "contact_phone": {"phone"},
    "property": {"address"},
}


def _case_problems(mapping: dict, questions: dict[str, dict]) -> list[str]:
    problems = []
    subject = mapping.get("subject")
    if isinstance(subject, str):
        problems += [
            f"case.subject: {{{name}}} is not a question."
            for name in _PLACEHOLDER.findall(subject)
            if name not in questions
        ]
    for field, types in _MAPPED_TYPES.items():
        name = mapping.get(field)
        if not isinstance(name, str):
            continue
        if name not in questions:
            problems.append(f'case.{field}: "{name}" is not a question.')
        elif questions[name].get("type") in QUESTION_TYPES - types:  # an unknown one is reported
            problems.append(f"case.{field}: must be a {' or '.join(sorted(types))} question.")
    description = mapping.get("description")
    if isinstance(description, list):
        problems += [
            f'case.description: "{name}" is not a question.'
            for name in description
            if isinstance(name, str) and name not in questions
        ]
    kind_from = mapping.get("kind_from")
    if isinstance(kind_from, dict) and isinstance(kind_from.get("values"), dict):
        question = questions.get(str(kind_from.get("question")))
        if question is None or question.get("type") != "radios":
            problems.append("case.kind_from.question: must be a radios question.")
        elif set(kind_from["values"]) != _options(question):
            problems.append("case.kind_from.values: must give a kind for every option.")
    problems += clock_rule_problems(mapping.get("clock_from"), questions)
    triage = mapping.get("triage")
    if isinstance(triage, str) and not is_registered(triage):
        problems.append(f'case.triage: "{triage}" is not a triage rule.')
    return problems
