"""Checking one answer against its question, the way GOV.UK forms word their errors, and showing
an answer back to the person on the check-your-answers page.

Both speak the language of the page: a definition's own messages and option labels may be
translated (opencex.languages), like the interface text around them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.languages import in_current_language
from opencex.people.dates_of_birth import date_of_birth_problem
from opencex.people.models import Property

DEFAULT_MAX_LENGTH = {"text": 500, "long_text": 5000}
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_UK_PHONE = re.compile(r"^(?:0|\+44|0044)[1-9]\d{8,9}$")
ANSWERED_ADDRESS_KEYS = ("uprn", "line_1")

# Each question type reads these inputs from the page, named "<question id>-<part>".
PARTS = {
    "date": ("day", "month", "year"),
    "address": ("postcode", "uprn", "line_1", "line_2", "town", "manual_postcode"),
    "street_location": ("description", "postcode"),
}


@dataclass
class Checked:
    value: Any = None
    error: str = ""
    # Which input the error is about, for the error summary's link; the question's anchor if "".
    error_part: str = ""


def anchor_for(question: Mapping[str, Any]) -> str:
    """The id of the input an error summary link should move to for this question."""
    kind = question["type"]
    if kind == "date":
        return f"{question['id']}-day"
    if kind == "address":
        return f"{question['id']}-postcode"
    if kind == "street_location":
        return f"{question['id']}-description"
    return question["id"]


def is_shown(item: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """Whether a page or question with an optional "show_if" applies, given the answers so far."""
    condition = item.get("show_if")
    if not condition:
        return True
    answer = answers.get(condition["question"])
    if isinstance(answer, list):
        return condition["equals"] in answer
    return answer == condition["equals"]


def is_answered(value: Any) -> bool:
    """Whether there is a whole answer (an address searched for but not chosen is not one)."""
    if isinstance(value, dict) and "lookup" in value:
        return bool(value.get("text"))
    return value not in (None, "", [], {})


def normalise_postcode(text: str) -> str | None:
    """ "ox41hr" → "OX4 1HR"; None if it is not the shape of a full UK postcode."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = _POSTCODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else None


def _message(question: Mapping[str, Any], key: str, default: str) -> str:
    return in_current_language(question.get("messages", {}).get(key)) or default


def check_answer(question: Mapping[str, Any], data: Mapping[str, Any]) -> Checked:
    """Check what was sent for `question` in the form `data` (a QueryDict or a dict of lists
    or strings). File questions are checked by forms.uploads, not here."""
    kind = question["type"]
    checker = _CHECKERS[kind]
    return checker(question, data)


def _get(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name, "")
    if isinstance(value, list):  # a plain dict of lists in tests
        value = value[-1] if value else ""
    return (value or "").strip()


def _getlist(data: Mapping[str, Any], name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return [item for item in data.getlist(name) if item]
    value = data.get(name, [])
    return [value] if isinstance(value, str) and value else [item for item in value if item]


def _required(question: Mapping[str, Any], default: str) -> Checked:
    if question.get("required", True):
        return Checked(error=_message(question, "required", default))
    return Checked(value="")


def _check_text(question, data) -> Checked:
    text = _get(data, question["id"])
    if not text:
        return _required(question, _("Enter an answer"))
    limit = question.get("max_length", DEFAULT_MAX_LENGTH[question["type"]])
    if len(text) > limit:
        return Checked(
            error=_message(
                question, "max_length", _("Your answer must be %(limit)s characters or fewer")
            )
            % {"limit": limit}
        )
    pattern = question.get("pattern")
    if pattern and not re.fullmatch(pattern, text):
        return Checked(error=in_current_language(question["pattern_message"]))
    return Checked(value=text)


def _check_number(question, data) -> Checked:
    text = _get(data, question["id"]).replace(",", "")
    if not text:
        return _required(question, _("Enter a number"))
    try:
        number: int | float = int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    except ValueError:
        return Checked(error=_message(question, "invalid", _("Enter a number, like 3")))
    low, high = question.get("min"), question.get("max")
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            default = _("The number must be between %(low)s and %(high)s")
        elif low is not None:
            default = _("The number must be %(low)s or more")
        else:
            default = _("The number must be %(high)s or less")
        return Checked(error=_message(question, "range", default) % {"low": low, "high": high})
    return Checked(value=number)


def _check_date(question, data) -> Checked:
    qid = question["id"]
    parts = {part: _get(data, f"{qid}-{part}") for part in PARTS["date"]}
    if not any(parts.values()):
        return _required(question, _("Enter the date"))
    missing = [part for part in PARTS["date"] if not parts[part]]
    if missing:
        names = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
        return Checked(
            error=_("The date must include %(part)s") % {"part": names[missing[0]]},
            error_part=f"{qid}-{missing[0]}",
        )
    try:
        day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except (ValueError, OverflowError):  # OverflowError: a year too large for a C long
        return Checked(
            error=_message(question, "invalid", _("The date must be a real date")),
            error_part=f"{qid}-day",
        )
    if len(parts["year"]) != 4:
        return Checked(error=_("The year must include 4 numbers"), error_part=f"{qid}-year")
    if question.get("autocomplete") == "bday":  # the question asks for a date of birth
        if problem := date_of_birth_problem(day):
            return Checked(error=problem)
        return Checked(value=day.isoformat())
    today = timezone.localdate()
    rule = question.get("date_rule")
    broken = {
        "past": (day >= today, _("The date must be in the past")),
        "past_or_today": (day > today, _("The date must be today or in the past")),
        "future": (day <= today, _("The date must be in the future")),
        "today_or_future": (day < today, _("The date must be today or in the future")),
    }
    if rule and broken[rule][0]:
        return Checked(error=_message(question, "date_rule", broken[rule][1]))
    return Checked(value=day.isoformat())


def _options(question) -> dict[str, str]:
    """Each option's value and its label in the language of the page."""
    return {option["value"]: in_current_language(option["label"]) for option in question["options"]}


def _check_radios(question, data) -> Checked:
    choice = _get(data, question["id"])
    if not choice:
        return _required(question, _("Select an option"))
    if choice not in _options(question):
        return Checked(error=_("Select one of the options"))
    return Checked(value=choice)


def _check_checkboxes(question, data) -> Checked:
    chosen = _getlist(data, question["id"])
    if not chosen:
        checked = _required(question, _("Select at least one option"))
        return Checked(value=[], error=checked.error)
    options = _options(question)
    if any(choice not in options for choice in chosen):
        return Checked(error=_("Select from the options given"))
    return Checked(value=[value for value in options if value in chosen])


def _check_email(question, data) -> Checked:
    address = _get(data, question["id"])
    if not address:
        return _required(question, _("Enter your email address"))
    try:
        validate_email(address)
    except ValidationError:
        return Checked(
            error=_message(
                question,
                "invalid",
                _("Enter an email address in the correct format, like name@example.com"),
            )
        )
    return Checked(value=address)


def _check_phone(question, data) -> Checked:
    number = _get(data, question["id"])
    if not number:
        return _required(question, _("Enter a telephone number"))
    if not _UK_PHONE.match(re.sub(r"[\s()\-.]", "", number)):
        return Checked(
            error=_message(
                question,
                "invalid",
                _("Enter a telephone number, like 01865 249 811 or 07700 900 982"),
            )
        )
    return Checked(value=number)


def _check_postcode(question, data) -> Checked:
    text = _get(data, question["id"])
    if not text:
        return _required(question, _("Enter a postcode"))
    postcode = normalise_postcode(text)
    if postcode is None:
        return Checked(
            error=_message(question, "invalid", _("Enter a full UK postcode, like OX1 1BX"))
        )
    return Checked(value=postcode)


def _check_address(question, data) -> Checked:
    qid = question["id"]
    uprn = _get(data, f"{qid}-uprn")
    if uprn:
        home = Property.objects.filter(uprn=uprn).first()
        if home is None:
            return Checked(error=_("Select your address from the list"), error_part=f"{qid}-uprn")
        return Checked(value=address_from_property(home))
    line_1, town = _get(data, f"{qid}-line_1"), _get(data, f"{qid}-town")
    postcode_text = _get(data, f"{qid}-manual_postcode")
    if not (line_1 or town or postcode_text or _get(data, f"{qid}-line_2")):
        return _required(
            question,
            _("Enter a postcode and select your address, or enter your address below"),
        )
    if not line_1:
        return Checked(
            error=_("Enter the first line of the address, like the house number and street"),
            error_part=f"{qid}-line_1",
        )
    if not town:
        return Checked(error=_("Enter the town or city"), error_part=f"{qid}-town")
    postcode = normalise_postcode(postcode_text)
    if postcode is None:
        return Checked(
            error=_("Enter a full UK postcode, like OX1 1BX"), error_part=f"{qid}-manual_postcode"
        )
    line_2 = _get(data, f"{qid}-line_2")
    text = ", ".join(part for part in (line_1, line_2, town) if part) + f" {postcode}"
    return Checked(
        value={"line_1": line_1, "line_2": line_2, "town": town, "postcode": postcode, "text": text}
    )


def address_from_property(home: Property) -> dict[str, str]:
    return {"uprn": home.uprn, "postcode": home.postcode, "text": str(home)}


def _check_street_location(question, data) -> Checked:
    qid = question["id"]
    description = _get(data, f"{qid}-description")
    postcode_text = _get(data, f"{qid}-postcode")
    if not description:
        checked = _required(
            question, _("Describe where it is, like the street name and a landmark nearby")
        )
        if checked.error or not postcode_text:
            return checked
    if len(description) > DEFAULT_MAX_LENGTH["text"]:
        return Checked(
            error=_("The description must be %(limit)s characters or fewer")
            % {"limit": DEFAULT_MAX_LENGTH["text"]}
        )
    postcode = ""
    if postcode_text:
        postcode = normalise_postcode(postcode_text) or ""
        if not postcode:
            return Checked(
                error=_("Enter a full UK postcode, like OX1 1BX, or leave it empty"),
                error_part=f"{qid}-postcode",
            )
    return Checked(value={"description": description, "postcode": postcode})


_CHECKERS = {
    "text": _check_text,
    "long_text": _check_text,
    "number": _check_number,
    "date": _check_date,
    "radios": _check_radios,
    "checkboxes": _check_checkboxes,
    "email": _check_email,
    "phone": _check_phone,
    "postcode": _check_postcode,
    "address": _check_address,
    "street_location": _check_street_location,
}


def posted_parts(question: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """What the person typed for `question`, to show back unchanged after an error."""
    qid = question["id"]
    if question["type"] in PARTS:
        return {part: _get(data, f"{qid}-{part}") for part in PARTS[question["type"]]}
    if question["type"] == "checkboxes":
        return {"value": _getlist(data, qid)}
    return {"value": _get(data, qid)}


def stored_parts(question: Mapping[str, Any], value: Any) -> dict[str, Any]:
    """A stored answer split into the inputs the page shows, to fill them in."""
    kind = question["type"]
    if kind == "date":
        if not value:
            return {"day": "", "month": "", "year": ""}
        day = dt.date.fromisoformat(value)
        return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
    if kind in ("address", "street_location"):
        stored = value if isinstance(value, dict) else {}
        parts = {part: stored.get(part, "") for part in PARTS[kind]}
        if kind == "address":
            # The postcode searched for, and (for an address typed in) the address's own.
            parts["postcode"] = stored.get("lookup", "")
            parts["manual_postcode"] = "" if stored.get("uprn") else stored.get("postcode", "")
        return parts
    if kind == "checkboxes":
        return {"value": value or []}
    return {"value": "" if value is None else str(value)}


def display_answer(question: Mapping[str, Any], value: Any) -> str:
    """How an answer reads back to the person (and to the officer in the case's description)."""
    if not is_answered(value):
        return ""
    kind = question["type"]
    if kind == "radios":
        return _options(question).get(value, value)
    if kind == "checkboxes":
        options = _options(question)
        return ", ".join(options.get(item, item) for item in value)
    if kind == "date":
        # Django's own month names, in the language of the page ("17 listopada 2026").
        return date_format(dt.date.fromisoformat(value), "j E Y")
    if kind == "address":
        return value.get("text", "")
    if kind == "street_location":
        return " ".join(part for part in (value["description"], value.get("postcode", "")) if part)
    if kind == "file":
        return value.get("name", "")
    return str(value)


# ---- a whole form's answers at once (the API) -------------------------------------------------


def _as_posted(question: Mapping[str, Any], value: Any) -> dict[str, Any] | None:
    """An answer given as JSON, as the form's page would have posted it; None if it has the
    wrong type for its question."""
    qid, kind = question["id"], question["type"]
    if value is None:
        return {}
    if kind in PARTS:
        if kind == "date":
            try:
                day = dt.date.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                day = None
            if day is None:
                return None
            return {
                f"{qid}-day": str(day.day),
                f"{qid}-month": str(day.month),
                f"{qid}-year": str(day.year),
            }
        if not (isinstance(value, dict) and all(isinstance(part, str) for part in value.values())):
            return None
        sent = dict(value)
        if kind == "address":  # a typed address's own postcode is its "manual" one on the page
            sent["manual_postcode"] = sent.pop("postcode", "")
        unknown = set(sent) - set(PARTS[kind])
        return None if unknown else {f"{qid}-{part}": text for part, text in sent.items()}
    if kind == "checkboxes":
        if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
            return None
        return {qid: value}
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return {qid: str(value)}
    return {qid: value} if isinstance(value, str) else None


_SHAPES = {
    "date": gettext_lazy("a date like 2026-03-31"),
    "address": gettext_lazy('an object with "uprn", or "line_1", "line_2", "town" and "postcode"'),
    "street_location": gettext_lazy('an object with "description" and "postcode"'),
    "checkboxes": gettext_lazy("a list of the options' values"),
    "number": gettext_lazy("a number"),
}


def check_answers(schema: Mapping[str, Any], given: Mapping[str, Any]) -> tuple[dict, dict]:
    """Check a whole form's answers sent at once, {question id: value}, with the same checks as
    its pages (`check_answer`), pages and questions hidden by "show_if" skipped. Returns the
    answers as a submission keeps them and the errors by question id. A question the form does
    not ask is an error, and so is a file: files come only through the form's pages."""
    questions = {q["id"]: q for page in schema["pages"] for q in page["questions"]}
    errors: dict[str, str] = {}
    for qid in given:
        if qid not in questions:
            errors[qid] = _("This form has no question '%(id)s'") % {"id": qid}
        elif questions[qid]["type"] == "file":
            errors[qid] = _("Files can only be sent through the form's pages")
    kept: dict[str, Any] = {}
    for page in schema["pages"]:
        if not is_shown(page, kept):
            continue
        for question in page["questions"]:
            qid = question["id"]
            if question["type"] == "file" or qid in errors or not is_shown(question, kept):
                continue
            posted = _as_posted(question, given.get(qid))
            if posted is None:
                shape = _SHAPES.get(question["type"]) or _("text")
                errors[qid] = _("Give the answer as %(shape)s") % {"shape": shape}
                continue
            checked = check_answer(question, posted)
            if checked.error:
                errors[qid] = checked.error
            elif is_answered(checked.value):
                kept[qid] = checked.value
    return kept, errors
