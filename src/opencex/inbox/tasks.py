"""Background work for email intake: reading each kept email, retried if it fails."""

from __future__ import annotations

from opencex.inbox.reading import read_inbound_email
from opencex.jobs.retries import task_with_retries

MAX_READ_ATTEMPTS = 5


@task_with_retries(max_attempts=MAX_READ_ATTEMPTS)
def read_email_into_case(inbound_email_id: int, *, attempt: int = 1) -> None:
    read_inbound_email(
        inbound_email_id=inbound_email_id, is_last_attempt=attempt >= MAX_READ_ATTEMPTS
    )
