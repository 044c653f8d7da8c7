"""The back offices' fakes, served over HTTP on loopback and configured as the real ones are."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from opencex.integrations.ql.fake import FakeQl
from opencex.integrations.uniform.fake import FakeUniform


@pytest.fixture
def fake_uniform(settings) -> Iterator[FakeUniform]:
    fake = FakeUniform(token="uniform-test").start()
    settings.OPENCEX_BACK_OFFICES = {
        **settings.OPENCEX_BACK_OFFICES,
        "uniform": {"url": fake.url, "token": "uniform-test"},
    }
    yield fake
    fake.stop()


@pytest.fixture
def fake_ql(settings) -> Iterator[FakeQl]:
    fake = FakeQl(token="ql-test").start()
    settings.OPENCEX_BACK_OFFICES = {
        **settings.OPENCEX_BACK_OFFICES,
        "ql": {"url": fake.url, "token": "ql-test"},
    }
    yield fake
    fake.stop()
