"""The one way a configuration file's problems are told: pydantic's validation errors as sentences
that name the entry and the field path ("service 'report-missed-bin', standard_days: ...").

The files themselves (the catalogue, the demo config, form definitions) describe their shape with
pydantic models next to the code that loads them; this module only words what pydantic found.
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


def field_path(location: tuple[int | str, ...]) -> str:
    """`("pages", 0, "questions", 2, "id")` as `pages[0].questions[2].id`."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def sentences(
    error: ValidationError, where: str = "", prefix: tuple[int | str, ...] = ()
) -> list[str]:
    """Each problem pydantic found as a sentence: `where` (e.g. "service 'x'") names the entry,
    then the field path below it, then what is wrong. `prefix` is the path to the entry itself,
    for a file whose entries are validated one by one."""
    found = []
    for detail in error.errors(include_url=False):
        path = field_path((*prefix, *_without_union_tags(detail["loc"])))
        message = detail["msg"]
        if detail["type"] == "missing":
            message = "is required"
        elif detail["type"] not in {PROBLEM, "extra_forbidden"} and "input" in detail:
            message = f"{message} (it is {_shown(detail['input'])})"
        elif detail["type"] == "extra_forbidden":
            message = "is not a setting this file knows: check its spelling"
        found.append(_sentence(where, path, message))
    return found


def _sentence(where: str, path: str, message: str) -> str:
    subject = ", ".join(part for part in (where, path) if part)
    sentence = f"{subject}: {message}" if subject else message
    return sentence if sentence.endswith(".") else f"{sentence}."


def _without_union_tags(location: tuple[int | str, ...]) -> tuple[int | str, ...]:
    # pydantic adds the member's type to the path of an error inside a union ("int", "str").
    return tuple(part for part in location if not (isinstance(part, str) and "[" in part))


def _shown(value: Any) -> str:
    shown = repr(to_jsonable_python(value, fallback=str))
    return shown if len(shown) <= 60 else shown[:57] + "..."
