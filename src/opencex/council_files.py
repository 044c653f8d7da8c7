"""What a council's own data files (TOML, one per part of the platform: bookings, bin collections)
share: where the council's file is, reading it, and the field types their pydantic models use.

Each part keeps its file's shape (models and whole-file checks) next to the code that reads it;
this module is only the common ground, so that a file is found, read and its texts checked the
same way everywhere.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from django.conf import settings
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from opencex.languages import translation_problems

Slug = Annotated[StrictStr, Field(min_length=1, pattern=r"^[a-z0-9-]+$")]
Name = Annotated[StrictStr, Field(min_length=1)]


def _offered_languages_only(value: str | dict[str, str]) -> str | dict[str, str]:
    found = [sentence.strip() for sentence in translation_problems(value, "the text")]
    if found:
        raise ValueError(" ".join(found))
    return value


# A name residents read: English, or texts by language with English in them.
Label = Annotated[
    Name | dict[StrictStr, Annotated[StrictStr, Field(min_length=1)]],
    AfterValidator(_offered_languages_only),
]


class Part(BaseModel):
    """An entry of a file: every key known, nothing changed after reading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def council_file(setting: str, data: Path) -> Path:
    """The file the `setting` names, else the council's own file in the part's `data` folder
    (`<council slug>.toml`)."""
    return Path(getattr(settings, setting, "") or data / f"{settings.COUNCIL_PROFILE.slug}.toml")


def read_toml(path: Path, error: Callable[[list[str]], ValueError]) -> dict:
    """The file's TOML as a dict; a file that is not TOML raises `error([problem])`, the part's
    own error, which takes the list of problems."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as decode_error:
        raise error([f"{path.name}: {decode_error}"]) from None
