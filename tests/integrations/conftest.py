"""The back offices' fakes, served over HTTP on loopback and configured as the real ones are."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

import pytest

from opencex.integrations.fakeserver import FakeBackOffice
from opencex.integrations.ql.fake import FakeQl
from opencex.integrations.uniform.fake import FakeUniform

Fake = TypeVar("Fake", bound=FakeBackOffice)


def _serve(settings, system: str, fake: Fake) -> Iterator[Fake]:
    fake.start()
    settings.OPENCEX_BACK_OFFICES = {
        **settings.OPENCEX_BACK_OFFICES,
        system: {"url": fake.url, "token": fake.token},
    }
    yield fake
    fake.stop()


@pytest.fixture
def fake_uniform(settings) -> Iterator[FakeUniform]:
    yield from _serve(settings, "uniform", FakeUniform(token="uniform-test"))


@pytest.fixture
def fake_ql(settings) -> Iterator[FakeQl]:
    yield from _serve(settings, "ql", FakeQl(token="ql-test"))
