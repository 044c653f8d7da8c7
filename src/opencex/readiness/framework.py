"""The readiness model as data: a TOML file of focus areas (strands), each with its questions,
five maturity levels per question, the evidence expected, the headline measures it is read
against and the Customer Service Excellence references it supports.

`load_framework(name_or_path)` reads and checks a file; a bad file raises `FrameworkError`
naming the file, the line and the question. `current_framework()` is the one the council uses
(`settings.OPENCEX_READINESS_MODEL`: a file name in `readiness/frameworks/` or a path to the
council's own). An assessment keeps the name of the file it was made against, so a new version of
the model (a new file) never changes the questions of an assessment already made.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from opencex.insight.measures import measure_for
from opencex.readiness.cse import Reference, parse_reference

FRAMEWORKS_DIR = Path(__file__).parent / "frameworks"
DEFAULT_FRAMEWORK = "citizen-experience-readiness-2025"
LEVELS = (1, 2, 3, 4, 5)
_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class FrameworkError(ValueError):
    """The readiness model file is not usable; the message names where and why."""


@dataclass(frozen=True)
class Question:
    key: str
    strand_key: str
    number: str  # "2.3": the strand's and the question's place, as people cite them
    text: str
    evidence: str  # what evidence the assessor is expected to give
    levels: tuple[str, ...]  # the description of levels 1 to 5
    action: str  # a short name for the action that closes a gap ("Publish service standards")
    measures: tuple[str, ...] = ()
    cse: tuple[Reference, ...] = ()

    def level_description(self, level: int) -> str:
        return self.levels[level - 1]


@dataclass(frozen=True)
class Strand:
    key: str
    number: int
    title: str
    description: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Framework:
    name: str  # the file's name without .toml: what an assessment records
    title: str
    about: str
    target_level: int
    level_names: tuple[str, ...]
    strands: tuple[Strand, ...]

    def questions(self) -> list[Question]:
        return [question for strand in self.strands for question in strand.questions]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions() if q.key == key), None)

    def strand(self, key: str) -> Strand | None:
        return next((strand for strand in self.strands if strand.key == key), None)

    def level_name(self, level: int) -> str:
        return self.level_names[level - 1]


def _path_of(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = FRAMEWORKS_DIR / f"{name_or_path}.toml"
    return path


def _line_of(lines: list[str], key: str) -> int | None:
    pattern = re.compile(rf"^\s*key\s*=\s*[\"']{re.escape(key)}[\"']")
    return next((number for number, line in enumerate(lines, 1) if pattern.match(line)), None)


class _Checker:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, where: str, key: str | None, message: str) -> FrameworkError:
        line = _line_of(self.lines, key) if key else None
        at = f"{self.path.name}, line {line}" if line else self.path.name
        return FrameworkError(f"{at}: {where}: {message}")

    def text(self, table: dict, field: str, where: str, key: str | None) -> str:
        value = table.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, key, f"`{field}` must be some text")
        return " ".join(value.split())

    def key(self, table: dict, where: str, seen: set[str]) -> str:
        key = table.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            raise self.fail(where, None, "`key` must be lower-case words joined by hyphens")
        if key in seen:
            raise self.fail(where, key, f"the key {key!r} is used twice")
        seen.add(key)
        return key


def _question(check: _Checker, table: dict, strand: int, number: int, seen: set[str]) -> Question:
    where = f"strand {strand}, question {number}"
    key = check.key(table, where, seen)
    where = f"question {key!r}"
    levels = table.get("levels")
    if not isinstance(levels, list) or len(levels) != len(LEVELS):
        raise check.fail(where, key, "`levels` must describe each of the 5 levels, 1 to 5")
    if not all(isinstance(level, str) and level.strip() for level in levels):
        raise check.fail(where, key, "each of the 5 levels needs a description")
    measures = table.get("measures", [])
    if not isinstance(measures, list):
        raise check.fail(where, key, "`measures` must be a list of measure keys")
    for measure in measures:
        if not isinstance(measure, str) or measure_for(measure) is None:
            raise check.fail(where, key, f"there is no measure {measure!r} (insight.measures)")
    references = table.get("cse", [])
    if not isinstance(references, list):
        raise check.fail(where, key, '`cse` must be a list of references like "4.1.2"')
    try:
        cse = tuple(parse_reference(str(reference)) for reference in references)
    except ValueError as error:
        raise check.fail(where, key, str(error)) from None
    return Question(
        key=key,
        strand_key="",
        number=f"{strand}.{number}",
        text=check.text(table, "text", where, key),
        evidence=check.text(table, "evidence", where, key),
        levels=tuple(" ".join(level.split()) for level in levels),
        action=check.text(table, "action", where, key),
        measures=tuple(measures),
        cse=cse,
    )


def parse_framework(path: Path, text: str) -> Framework:
    """The model in `text` (read from `path`), checked; FrameworkError says what is wrong."""
    check = _Checker(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError(f"{path.name}: not valid TOML: {error}") from None
    target = data.get("target_level")
    if target not in LEVELS:
        raise check.fail("the model", None, "`target_level` must be a level from 1 to 5")
    names = data.get("level_names")
    if not isinstance(names, list) or len(names) != len(LEVELS) or not all(names):
        raise check.fail("the model", None, "`level_names` must name each of the 5 levels")
    strands_data = data.get("strands")
    if not isinstance(strands_data, list) or not strands_data:
        raise check.fail("the model", None, "there must be at least one [[strands]]")
    seen: set[str] = set()
    strands = []
    for number, table in enumerate(strands_data, 1):
        key = check.key(table, f"strand {number}", seen)
        questions_data = table.get("questions")
        if not isinstance(questions_data, list) or not questions_data:
            raise check.fail(f"strand {key!r}", key, "it needs at least one [[strands.questions]]")
        questions = tuple(
            _with_strand(_question(check, question, number, index, seen), key)
            for index, question in enumerate(questions_data, 1)
        )
        strands.append(
            Strand(
                key=key,
                number=number,
                title=check.text(table, "title", f"strand {key!r}", key),
                description=check.text(table, "description", f"strand {key!r}", key),
                questions=questions,
            )
        )
    return Framework(
        name=path.stem,
        title=check.text(data, "title", "the model", None),
        about=check.text(data, "about", "the model", None),
        target_level=target,
        level_names=tuple(str(name) for name in names),
        strands=tuple(strands),
    )


def _with_strand(question: Question, strand_key: str) -> Question:
    return Question(**{**question.__dict__, "strand_key": strand_key})


@cache
def load_framework(name_or_path: str) -> Framework:
    """The model in `readiness/frameworks/<name>.toml`, or in the .toml file at a path."""
    path = _path_of(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FrameworkError(f"There is no readiness model file {path}") from None
    return parse_framework(path, text)


def current_framework() -> Framework:
    """The model new assessments are made against."""
    return load_framework(getattr(settings, "OPENCEX_READINESS_MODEL", DEFAULT_FRAMEWORK))


def framework_named(name: str) -> Framework:
    """The model an assessment was made against, by the name it recorded."""
    current = current_framework()
    return current if current.name == name else load_framework(name)
