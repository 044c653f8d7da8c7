"""Resident matching's jobs: thin, and safe to run again."""

from __future__ import annotations

from opencex.jobs.retries import task_with_retries
from opencex.matching import services
from opencex.people.models import Resident


@task_with_retries(max_attempts=3)
def propose_for_new_resident(resident_id: int, *, attempt: int = 1) -> int:
    """The sign-up's look for someone already known, after the sign-in has committed (building
    the look-up takes seconds on a large council's records; the sign-in must not wait)."""
    resident = Resident.objects.live().filter(pk=resident_id).first()
    return 0 if resident is None else services.propose_for_new_resident(resident)
