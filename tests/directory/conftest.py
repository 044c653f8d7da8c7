"""The demo Oxford directory, loaded for the directory tests."""

from __future__ import annotations

import pytest

from opencex.directory.services import load_demo_directory


@pytest.fixture
def oxford_directory(db):
    return load_demo_directory()


def names(matches) -> list[str]:
    return [match.service.name for match in matches]
