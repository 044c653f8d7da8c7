"""The one way a configuration file's problems are told: pydantic's validation errors as sentences
that name the entry and the field path ("service 'report-missed-bin', standard_days: ...").

The files themselves (the catalogue, the demo config, form definitions) describe their shape with
pydantic models next to the code that loads them; this module only words what pydantic found.
Those models avoid unions of types other than None, whose errors pydantic reports once per member.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError, to_jsonable_python

# The error type a model uses for a sentence of its own about the whole entry or one field.
PROBLEM = "problem"


def problem(message: str) -> PydanticCustomError:
    """An error a validator raises with a sentence of its own (no "Value error, " prefix)."""
    return PydanticCustomError(PROBLEM, message)


def sentences(error: ValidationError, where: str = "", data: Any = None) -> list[str]:
    """Each problem pydantic found as a sentence: `where` (e.g. "service 'x'") names the entry,
    then the field path below it, then what is wrong. `data` is what was validated, for naming
    entries by their ids in the path."""
    found = []
    for detail in error.errors(include_url=False):
        if detail["type"] == "missing":
            message = "is required"
        elif detail["type"] == "extra_forbidden":
            message = "is not a setting this file knows: check its spelling"
        elif detail["type"] == PROBLEM:
            message = detail["msg"]
        else:
            message = f"{detail['msg']} (it is {_shown(detail['input'])})"
        subject = ", ".join(part for part in (where, field_path(detail["loc"], data)) if part)
        sentence = f"{subject}: {message}" if subject else message
        found.append(sentence if sentence.endswith(".") else f"{sentence}.")
    return found


def field_path(location: tuple[int | str, ...], data: Any = None) -> str:
    """`("pages", 0, "questions", 2, "label")` as `pages[0].questions[2].label`; given the `data`
    validated, an entry with an "id" is named too: `pages[0]("which-bin").questions[2]...`."""
    path = ""
    for part in location:
        if part == "[key]":
            continue  # pydantic's mark of an error in a dictionary's key: the key is named already
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
        data = _child(data, part)
        if isinstance(part, int) and isinstance(data, dict) and isinstance(data.get("id"), str):
            path += f'("{data["id"]}")'
    return path


def _child(data: Any, part: int | str) -> Any:
    if isinstance(data, dict):
        return data.get(part)
    if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
        return data[part]
    return None


def _shown(value: Any) -> str:
    shown = repr(to_jsonable_python(value, fallback=str))
    return shown if len(shown) <= 60 else shown[:57] + "..."
