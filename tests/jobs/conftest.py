import pytest

from tests.jobs.tasks import RUNS

IMMEDIATE_BACKEND = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def forget_runs():
    RUNS.clear()
    yield
    RUNS.clear()


@pytest.fixture
def immediate_backend(settings):
    """A backend outside the database: it runs a job as soon as it is enqueued."""
    settings.TASKS = IMMEDIATE_BACKEND
