"""The seam every back-office system sits behind: what we send, what comes back, and which act a
back office's status is. A new system is a folder with a client implementing `BackOfficeClient`
and a fake, and one line in `CLIENTS`."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

TIMEOUT_SECONDS = 10


class BackOfficeUnavailable(Exception):
    """The back office did not answer, or answered with an error: try again later."""


@dataclass(frozen=True)
class CaseForBackOffice:
    """What a back office is told about a new case: what the forms used to email it."""

    reference: str
    service: str
    subject: str
    description: str
    uprn: str | None
    received_at: str
    priority: int


@dataclass(frozen=True)
class StatusChange:
    """One status change a back office reports; `change_id` is unique within that system."""

    change_id: str
    record_id: str
    status: str


@dataclass(frozen=True)
class Act:
    """What a back office's status means for the case: move it to `to` (a case `Status`), or
    close it with `outcome` when `to` is closed."""

    to: str
    outcome: str = ""


class BackOfficeClient(Protocol):
    label: str

    def create_record(self, case: CaseForBackOffice) -> str:
        """Make the case's record and return its id there. Idempotent by the case reference:
        asked twice (a retry after a lost answer), the back office returns the same record."""
        ...

    def changes_after(self, position: str) -> tuple[list[StatusChange], str]:
        """The status changes after `position` ("" for the beginning), oldest first, and the
        position to ask from next time."""
        ...

    def act_for(self, status: str) -> Act | None:
        """The case act a back-office status stands for, or None if it changes nothing here."""
        ...


CLIENTS = {
    "uniform": "opencex.integrations.uniform.client.UniformClient",
    "ql": "opencex.integrations.ql.client.QlClient",
}


def client_for(system: str) -> BackOfficeClient:
    where = settings.OPENCEX_BACK_OFFICES[system]
    return import_string(CLIENTS[system])(base_url=where["url"], token=where["token"])


def call_json(
    method: str, url: str, *, headers: dict[str, str], body: dict[str, Any] | None = None
) -> Any:
    """One JSON request to a back office; `BackOfficeUnavailable` for anything but a 2xx."""
    data = json.dumps(body).encode() if body is not None else None
    # S310: the address is the council's configured back office (settings), http(s) only.
    request = urllib.request.Request(  # noqa: S310
        url,
        data=data,
        method=method,
        headers={"content-type": "application/json", "accept": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            return json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as refused:
        raise BackOfficeUnavailable(f"{url} answered {refused.code}") from refused
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as failed:
        raise BackOfficeUnavailable(f"{url}: {failed}") from failed
