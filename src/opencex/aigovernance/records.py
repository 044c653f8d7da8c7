"""The governance record of each model (issue 16), as data: `records/<model key>.toml`, one per
key in `switches.MODEL_KEYS`, published for residents at /how-we-use-ai/.

A record says what the model is for, what it suggests and what it never decides, the data it
reads and does not read, how it was tested, who oversees it and owns it, its risks with their
mitigations, how long its records are kept and the record's version (the model's own
version is the one its code reports, shown with its measurements). Each file is checked on load by
pydantic: a missing or misspelt field is an error naming the file and the field
(`file_problems.sentences`). The measured figures are not typed here: they come from the
model's bench, `measurements/<key>.json` (`measurements.py`).
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from opencex.aigovernance.switches import MODEL_KEYS
from opencex.file_problems import problem, sentences

RECORDS_DIR = Path(__file__).with_name("records")


class RecordProblem(ValueError):
    """A governance record file that cannot be read, with each problem as a sentence."""


class Risk(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    risk: str = Field(min_length=1)
    mitigation: str = Field(min_length=1)


class GovernanceRecord(BaseModel):
    """One model's governance record (the prose is English; the page marks it so)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    name: str = Field(min_length=1)
    record_version: int = Field(ge=1)  # raised each time the record is changed
    last_reviewed: date
    purpose: str = Field(min_length=1)
    suggests: str = Field(min_length=1)  # what it decides: only ever a suggestion
    never_decides: list[str] = Field(min_length=1)
    data_used: list[str] = Field(min_length=1)
    data_not_used: list[str] = Field(min_length=1)
    how_tested: str = Field(min_length=1)
    human_oversight: str = Field(min_length=1)
    when_off: str = Field(min_length=1)  # what happens when the [ai] switch is off
    owner: str = Field(min_length=1)
    risks: list[Risk] = Field(min_length=1)
    retention: str = Field(min_length=1)
    docs: str = Field(min_length=1)  # the page in docs/ that explains it to developers

    @field_validator("key")
    @classmethod
    def _known_model(cls, key: str) -> str:
        if key not in MODEL_KEYS:
            raise problem(f"{key!r} is not a model; the models are {', '.join(MODEL_KEYS)}")
        return key

    @property
    def switch(self) -> str:
        """The council profile's setting that turns the model off."""
        return f"[ai] {self.key} = false"


def read_record(path: Path) -> GovernanceRecord:
    """The record in `path`; `RecordProblem` names the file and each wrong field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise RecordProblem(f"{path.name}: not valid TOML: {error}") from None
    try:
        record = GovernanceRecord.model_validate(data)
    except ValidationError as error:
        raise RecordProblem(" ".join(sentences(error, where=path.name, data=data))) from None
    if record.key != path.stem:
        raise RecordProblem(f"{path.name}, key: is {record.key!r}, but the file is {path.stem}.")
    return record


@cache
def governance_records() -> tuple[GovernanceRecord, ...]:
    """Every model's record, in `MODEL_KEYS` order; a model without one is an error."""
    missing = [key for key in MODEL_KEYS if not (RECORDS_DIR / f"{key}.toml").exists()]
    if missing:
        raise RecordProblem(f"no governance record for {', '.join(missing)} in {RECORDS_DIR}")
    return tuple(read_record(RECORDS_DIR / f"{key}.toml") for key in MODEL_KEYS)
