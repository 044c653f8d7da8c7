"""The measured figures of each model, as its bench wrote them (`measurements/<key>.json`, shape
in docs/ai.md): never typed by hand. A model whose bench has not written its file yet is "not
measured yet"; a file that does not have the shape is an error naming the file and field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from opencex.file_problems import sentences

MEASUREMENTS_DIR = Path(__file__).with_name("measurements")


class MeasurementProblem(ValueError):
    pass


class Metric(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    value: float | None
    baseline: float | None = None
    baseline_name: str = ""


class GroupFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    group: str
    value: str
    n: int
    metrics: dict[str, float | None]


class Measurements(BaseModel):
    model_config = ConfigDict(frozen=True)

    model_key: str
    model_version: str
    measured_on: date
    bench: str
    dataset: str
    metrics: list[Metric]
    by_group: list[GroupFigures]

    @property
    def metric_names(self) -> list[str]:
        """The metrics measured by group, in the order first met."""
        names: dict[str, None] = {}
        for group in self.by_group:
            names.update(dict.fromkeys(group.metrics))
        return list(names)

    def groups(self) -> dict[str, list[GroupFigures]]:
        """The figures by kind of group ("language", "cue", ...)."""
        grouped: dict[str, list[GroupFigures]] = {}
        for figures in self.by_group:
            grouped.setdefault(figures.group, []).append(figures)
        return grouped


def measurements_of(model_key: str, directory: Path | None = None) -> Measurements | None:
    """The figures the model's bench last wrote, or None when it has not been measured yet."""
    path = (directory or MEASUREMENTS_DIR) / f"{model_key}.json"
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise MeasurementProblem(f"{path.name}: not valid JSON: {error}") from None
    try:
        figures = Measurements.model_validate(data)
    except ValidationError as error:
        raise MeasurementProblem(" ".join(sentences(error, where=path.name, data=data))) from None
    if figures.model_key != model_key:
        raise MeasurementProblem(f"{path.name}, model_key: is {figures.model_key!r}.")
    return figures
