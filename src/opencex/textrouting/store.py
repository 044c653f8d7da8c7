"""Where trained models are kept: a file under the var directory, named by its version, with
its SHA-256 in the `TrainedModel` row. The current model is the newest row whose file is there
and matches; it is read once per process (per version)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from django.conf import settings

from opencex.textrouting.model import RoutingModel
from opencex.textrouting.models import TrainedModel

logger = logging.getLogger(__name__)
_loaded: dict[str, RoutingModel] = {}
# Files kept: the current model and a few before it, to go back to; older files are deleted (their
# rows stay, so every recorded suggestion's version can still be looked up).
FILES_KEPT = 7


class ModelFileChanged(Exception):
    """The file on disk is not the one the training wrote."""


def models_dir() -> Path:
    return Path(settings.VAR_DIR) / "routing-models"


def save(model: RoutingModel, *, examples: dict, seconds: float) -> TrainedModel:
    data = model.to_bytes()
    folder = models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    file_name = f"{model.version}.npz"
    (folder / file_name).write_bytes(data)
    _loaded[model.version] = model
    row = TrainedModel.objects.create(
        version=model.version,
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        examples=examples,
        services=len(model.services),
        seconds_to_train=round(seconds, 2),
    )
    for old in TrainedModel.objects.all()[FILES_KEPT:]:
        (folder / Path(old.file_name).name).unlink(missing_ok=True)
        _loaded.pop(old.version, None)
    return row


def load(row: TrainedModel) -> RoutingModel:
    """The model of `row`, checked against its recorded SHA-256 before it is read."""
    if row.version in _loaded:
        return _loaded[row.version]
    path = models_dir() / Path(row.file_name).name
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise ModelFileChanged(f"{path} does not match the model trained as {row.version}")
    model = RoutingModel.from_bytes(data)
    _loaded[row.version] = model
    return model


def load_current() -> RoutingModel | None:
    """The newest trained model, or None if none has been trained (or its file is missing or
    changed: logged, and routing then suggests nothing until the next training)."""
    row = TrainedModel.objects.first()
    if row is None:
        return None
    try:
        return load(row)
    except (OSError, ModelFileChanged, ValueError, KeyError):
        logger.exception("The routing model %s could not be read", row.version)
        return None
