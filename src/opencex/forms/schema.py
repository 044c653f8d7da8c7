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
case; "case.kind_from" picks the case kind (and service) from one answer, e.g. FOI or EIR.
"""

from __future__ import annotations

import re
from typing import Any

from opencex.cases.hazards import clock_rule_problems
from opencex.languages import translation_problems

QUESTION_TYPES = frozenset(
    {
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
    }
)
CHOICE_TYPES = frozenset({"radios", "checkboxes"})
TEXT_TYPES = frozenset({"text", "long_text"})
CASE_KINDS = frozenset(
    {"service_request", "enquiry", "complaint", "compliment", "comment", "foi", "eir", "sar"}
)
# Paths the form views use beside the pages.
RESERVED_PAGE_IDS = frozenset({"check-your-answers", "confirmation", "save", "start", "resume"})
_PAGE_ID = re.compile(r"^[a-z][a-z0-9-]{0,59}$")
_QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
_PLACEHOLDER = re.compile(r"{([a-z][a-z0-9_]*)}")
_QUESTION_KEYS = frozenset(
    {
        "id",
        "type",
        "label",
        "hint",
        "required",
        "options",
        "show_if",
        "max_length",
        "min",
        "max",
        "pattern",
        "pattern_message",
        "messages",
        "date_rule",
        "autocomplete",
        "width",
    }
)
_DATE_RULES = frozenset({"past", "future", "past_or_today", "today_or_future"})


class SchemaError(ValueError):
    """A schema that cannot be used; `.problems` lists every fault found, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def validate_schema(schema: Any) -> None:
    """Raise SchemaError listing every problem with `schema`; return quietly if it is usable."""
    problems: list[str] = []
    if not isinstance(schema, dict):
        raise SchemaError(["The schema must be a JSON object with a list of pages."])
    pages = schema.get("pages")
    if not isinstance(pages, list) or not pages:
        raise SchemaError(['The schema needs "pages": a list with at least one page.'])

    questions: dict[str, dict] = {}
    page_ids: set[str] = set()
    for page_number, page in enumerate(pages, start=1):
        where = f"Page {page_number}"
        if not isinstance(page, dict):
            problems.append(f"{where} must be an object.")
            continue
        page_id = page.get("id")
        if not isinstance(page_id, str) or not _PAGE_ID.match(page_id):
            problems.append(
                f'{where} needs an id of lower-case letters, digits and hyphens, like "which-bin".'
            )
        elif page_id in RESERVED_PAGE_IDS:
            problems.append(f'{where}: the id "{page_id}" is kept for the form\'s own pages.')
        elif page_id in page_ids:
            problems.append(f'{where}: the id "{page_id}" is used by another page.')
        else:
            page_ids.add(page_id)
            where = f'Page "{page_id}"'
        problems += _check_text(page.get("title"), where, "the title", f"{where} needs a title.")
        if "show_if" in page:
            problems += _check_show_if(page["show_if"], questions, where)
        page_questions = page.get("questions")
        if not isinstance(page_questions, list) or not page_questions:
            problems.append(f"{where} needs at least one question.")
            continue
        on_this_page: dict[str, dict] = {}
        for question_number, question in enumerate(page_questions, start=1):
            problems += _check_question(
                question, f"{where}, question {question_number}", questions, on_this_page
            )
        questions.update(on_this_page)

    problems += _check_case_mapping(schema.get("case"), questions)
    for key in ("intro", "next_steps"):
        paragraphs = schema.get(key, [])
        if not isinstance(paragraphs, list):
            problems.append(f'"{key}" must be a list of paragraphs.')
            continue
        for number, paragraph in enumerate(paragraphs, start=1):
            where = f'"{key}", paragraph {number}'
            problems += _check_text(paragraph, where, "the text", f"{where} is empty.")
    if "title" in schema:
        problems += _check_text(
            schema["title"], "The form", "the title", 'The form\'s "title", if given, needs text.'
        )
    unknown = sorted(set(schema) - {"title", "pages", "case", "intro", "next_steps"})
    if unknown:
        problems.append(
            f"The schema has parts this form engine does not know: {', '.join(unknown)}."
        )
    if problems:
        raise SchemaError(problems)


def _is_text(value: Any) -> bool:
    """A plain string with something in it (for text only staff read, like the case subject)."""
    return isinstance(value, str) and bool(value.strip())


def _check_text(value: Any, where: str, what: str, missing: str | None) -> list[str]:
    """Problems with a text a resident reads, which may be translated (opencex.languages).
    `missing` is the sentence for a required text that is absent; None if it is optional."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return [missing] if missing else []
    return translation_problems(value, f"{where}: {what}")


def _check_question(
    question: Any, where: str, earlier: dict[str, dict], on_this_page: dict[str, dict]
) -> list[str]:
    if not isinstance(question, dict):
        return [f"{where} must be an object."]
    problems: list[str] = []
    question_id = question.get("id")
    if not isinstance(question_id, str) or not _QUESTION_ID.match(question_id):
        problems.append(
            f'{where} needs an id of lower-case letters, digits and underscores, like "bin_type".'
        )
    elif question_id in earlier or question_id in on_this_page:
        problems.append(f'{where}: the id "{question_id}" is used by another question.')
    else:
        on_this_page[question_id] = question
        where = f'{where} ("{question_id}")'
    unknown = sorted(set(question) - _QUESTION_KEYS)
    if unknown:
        problems.append(
            f"{where} has settings this form engine does not know: {', '.join(unknown)}."
        )
    kind = question.get("type")
    if kind not in QUESTION_TYPES:
        problems.append(
            f"{where}: the type {kind!r} is not one of {', '.join(sorted(QUESTION_TYPES))}."
        )
        return problems
    problems += _check_text(
        question.get("label"),
        where,
        "the label",
        f"{where} needs a label (the question people read).",
    )
    problems += _check_text(question.get("hint"), where, "the hint", None)
    if "required" in question and not isinstance(question["required"], bool):
        problems.append(f'{where}: "required" must be true or false.')
    if kind in CHOICE_TYPES:
        problems += _check_options(question.get("options"), where)
    elif "options" in question:
        problems.append(f'{where}: only radios and checkboxes have "options".')
    problems += _check_limits(question, kind, where)
    if "show_if" in question:
        problems += _check_show_if(question["show_if"], earlier, where)
    messages = question.get("messages", {})
    if not isinstance(messages, dict):
        problems.append(f'{where}: "messages" must map an error (like "required") to a sentence.')
    else:
        for key, text in messages.items():
            problems += _check_text(
                text, where, f'the "{key}" message', f'{where}: the "{key}" message is empty.'
            )
    return problems


def _check_options(options: Any, where: str) -> list[str]:
    if not isinstance(options, list) or not options:
        return [f'{where} needs "options": a list of {{"value", "label"}}.']
    problems = []
    values = [option.get("value") if isinstance(option, dict) else None for option in options]
    for number, option in enumerate(options, start=1):
        if not (isinstance(option, dict) and _is_text(option.get("value")) and option.get("label")):
            problems.append(f"{where}, option {number} needs a value and a label.")
        else:
            problems += _check_text(
                option["label"],
                f"{where}, option {number}",
                "the label",
                f"{where}, option {number} needs a value and a label.",
            )
    if len(set(values)) != len(values):
        problems.append(f"{where}: two options have the same value.")
    return problems


def _check_limits(question: dict, kind: str, where: str) -> list[str]:
    problems = []
    if "max_length" in question:
        if kind not in TEXT_TYPES:
            problems.append(f'{where}: only text questions have "max_length".')
        elif not (isinstance(question["max_length"], int) and question["max_length"] > 0):
            problems.append(f'{where}: "max_length" must be a whole number above 0.')
    for bound in ("min", "max"):
        if bound in question:
            if kind != "number":
                problems.append(f'{where}: only number questions have "{bound}".')
            elif not isinstance(question[bound], int | float) or isinstance(question[bound], bool):
                problems.append(f'{where}: "{bound}" must be a number.')
    if (
        kind == "number"
        and isinstance(question.get("min"), int | float)
        and isinstance(question.get("max"), int | float)
        and question["min"] > question["max"]
    ):
        problems.append(f'{where}: "min" is more than "max".')
    if "pattern" in question:
        if kind not in TEXT_TYPES:
            problems.append(f'{where}: only text questions have a "pattern".')
        else:
            try:
                re.compile(question["pattern"])
            except (re.error, TypeError):
                problems.append(f'{where}: "pattern" is not a valid regular expression.')
            problems += _check_text(
                question.get("pattern_message"),
                where,
                'the "pattern_message"',
                f'{where}: a "pattern" needs a "pattern_message" that says what to enter.',
            )
    if "date_rule" in question and (kind != "date" or question["date_rule"] not in _DATE_RULES):
        problems.append(
            f'{where}: "date_rule" is for date questions, one of {", ".join(sorted(_DATE_RULES))}.'
        )
    return problems


def _check_show_if(condition: Any, earlier: dict[str, dict], where: str) -> list[str]:
    if not (isinstance(condition, dict) and set(condition) == {"question", "equals"}):
        return [f'{where}: "show_if" must be {{"question": ID, "equals": VALUE}}.']
    target = earlier.get(condition["question"])
    if target is None:
        return [
            f'{where}: "show_if" refers to "{condition["question"]}", which is not a question on '
            "an earlier page."
        ]
    if target.get("type") in CHOICE_TYPES:
        values = {option.get("value") for option in target.get("options", [])}
        if condition["equals"] not in values:
            return [
                f'{where}: "show_if" expects "{condition["equals"]}", which is not an option of '
                f'"{condition["question"]}".'
            ]
    return []


def _check_case_mapping(mapping: Any, questions: dict[str, dict]) -> list[str]:
    if not isinstance(mapping, dict):
        return ['The schema needs "case": how answers become the case (subject, contact_name).']
    problems = []
    if not _is_text(mapping.get("subject")):
        problems.append('"case.subject" is needed, e.g. "Missed bin: {bin}".')
    else:
        for name in _PLACEHOLDER.findall(mapping["subject"]):
            if name not in questions:
                problems.append(f'"case.subject" uses {{{name}}}, which is not a question.')
    expected_types = {
        "contact_name": {"text"},
        "contact_email": {"email"},
        "contact_phone": {"phone"},
        "property": {"address"},
    }
    if "contact_name" not in mapping:
        problems.append('"case.contact_name" is needed: the question that asks for a name.')
    for field, types in expected_types.items():
        if field in mapping:
            question = questions.get(mapping[field])
            if question is None:
                problems.append(f'"case.{field}" refers to "{mapping[field]}", not a question.')
            elif question.get("type") not in types:
                problems.append(f'"case.{field}" must be a {" or ".join(sorted(types))} question.')
    description = mapping.get("description")
    if description is not None and (
        not isinstance(description, list) or any(item not in questions for item in description)
    ):
        problems.append('"case.description" must list question ids.')
    if "kind_from" in mapping:
        problems += _check_kind_from(mapping["kind_from"], questions)
    problems += clock_rule_problems(mapping.get("clock_from"), questions)
    return problems


def _check_kind_from(kind_from: Any, questions: dict[str, dict]) -> list[str]:
    if not (isinstance(kind_from, dict) and isinstance(kind_from.get("values"), dict)):
        return ['"case.kind_from" must be {"question": ID, "values": {ANSWER: {"kind": ...}}}.']
    question = questions.get(kind_from.get("question"))
    if question is None or question.get("type") != "radios":
        return ['"case.kind_from" must refer to a radios question.']
    problems = []
    options = {option.get("value") for option in question.get("options", [])}
    if set(kind_from["values"]) != options:
        problems.append('"case.kind_from" must give a kind for every option of its question.')
    for value, choice in kind_from["values"].items():
        if not (isinstance(choice, dict) and choice.get("kind") in CASE_KINDS):
            problems.append(f'"case.kind_from": the answer "{value}" needs a known case kind.')
    return problems
