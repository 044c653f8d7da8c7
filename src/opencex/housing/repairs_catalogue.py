"""The repairs catalogue: where in the home (room), what (item) and what is wrong (problem), held
as data in `data/repairs.json` and checked when read.

Each problem says how urgent it is (`priority`: emergency, urgent, routine), which of the repair
form's problem types it is (`category`, an option of "What needs fixing?" on
`forms/definitions/report-housing-repair.json`) and whether it is a gas smell (`gas`). Those are
the form's own answers, so which Awaab's Law clock a report runs on is decided by the form's
`case.clock_from` rules (`forms.services.clock_for`), never here: damp and mould is a
significant hazard because the form's rules say so, and an emergency runs on the 24-hour clock.
`needs_appointment` is false for work that is done the same day without a booked visit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from opencex.languages import text_in

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "repairs.json"
Text = str | dict[str, str]


class _Problem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    label: Text
    category: str
    priority: Literal["emergency", "urgent", "routine"]
    gas: bool = False
    needs_appointment: bool = True


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    label: Text
    problems: tuple[_Problem, ...] = Field(min_length=1)


class _Room(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    label: Text
    items: tuple[_Item, ...] = Field(min_length=1)


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    rooms: tuple[_Room, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Choice:
    """A room, an item in it and a problem with it, as the tenant chose them."""

    room: _Room
    item: _Item
    problem: _Problem

    def label(self, language: str | None) -> str:
        return " \N{EN DASH} ".join(
            text_in(part.label, language) for part in (self.room, self.item, self.problem)
        )

    @property
    def is_emergency(self) -> bool:
        return self.problem.priority == "emergency"

    def form_answers(self) -> dict[str, str]:
        """The answers the repair form would have been given, from which its rules choose the
        clock and the service (the form's `case.clock_from` and `case.kind_from`)."""
        return {
            "gas_smell": "yes" if self.problem.gas else "no",
            "problem": self.problem.category,
            "urgency": self.problem.priority,
            "room": self.room.id,
            "item": self.item.id,
            "repair_problem": self.problem.id,
        }


def read_catalogue(path: Path = CATALOGUE_FILE) -> _Catalogue:
    return _Catalogue.model_validate(json.loads(path.read_text(encoding="utf-8")))


@cache
def repairs_catalogue() -> _Catalogue:
    return read_catalogue()


def room(room_id: str) -> _Room | None:
    return next((r for r in repairs_catalogue().rooms if r.id == room_id), None)


def item(room_id: str, item_id: str) -> _Item | None:
    found = room(room_id)
    return next((i for i in found.items if i.id == item_id), None) if found else None


def choice(room_id: str, item_id: str, problem_id: str) -> Choice | None:
    """The tenant's choice, or None where any part is not in the catalogue."""
    found_room, found_item = room(room_id), item(room_id, item_id)
    if found_room is None or found_item is None:
        return None
    problem = next((p for p in found_item.problems if p.id == problem_id), None)
    return Choice(found_room, found_item, problem) if problem else None
