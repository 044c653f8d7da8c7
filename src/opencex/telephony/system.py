"""The telephony system's reporting API behind one small interface: its hourly queue figures as
the rows `telephony.importing` takes.

Two implementations: `HttpTelephonySystem` asks the reporting API (GET `{url}/intervals`, JSON,
with a bearer token; the fields are in docs/telephony.md), and `LocalTelephonySystem`, the working
default, reads the same JSON document from `intervals.json` in a folder (what the system exports,
or a test's fixture). Both map the JSON through the same function. `telephony_system()` picks by
the settings `OPENCEX_TELEPHONY_SYSTEM_URL` (and `_TOKEN`) or `OPENCEX_TELEPHONY_SYSTEM_DIR`.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings

from opencex.telephony.importing import Row

TIMEOUT_SECONDS = 30
DOCUMENT = "intervals"
# The API's field for each of our columns.
FIELDS = {
    "interval_start": "intervalStart",
    "line": "queue",
    "offered": "offered",
    "answered": "answered",
    "abandoned": "abandoned",
    "answered_in_target": "answeredWithinServiceLevel",
    "wait_seconds": "totalWaitSeconds",
    "handling_seconds": "totalHandleSeconds",
}


class TelephonySystemError(Exception):
    """The telephony system could not be read: its address, or what it answered."""


class TelephonySystem(Protocol):
    def rows(self) -> list[tuple[int, Row]]:
        """The system's hourly figures, each numbered by its place in the answer."""
        ...


class _JsonDocument:
    def document(self) -> Mapping[str, Any]:
        raise NotImplementedError

    def rows(self) -> list[tuple[int, Row]]:
        answer = self.document()
        records = answer.get("intervals") if isinstance(answer, Mapping) else None
        if not isinstance(records, list):
            raise TelephonySystemError('The telephony system\'s answer has no "intervals" list.')
        return list(enumerate(interval_rows(records), start=1))


class HttpTelephonySystem(_JsonDocument):
    """GET {base_url}/intervals with `Authorization: Bearer {token}`."""

    def __init__(self, base_url: str, token: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token

    def document(self) -> Mapping[str, Any]:
        request = urllib.request.Request(  # noqa: S310 - the council's configured https address
            f"{self.base_url}/{DOCUMENT}", headers={"Accept": "application/json"}
        )
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                return json.loads(response.read().decode("utf-8"))
        except (OSError, ValueError) as error:
            raise TelephonySystemError(
                f"Could not read {DOCUMENT} from the telephony system: {error}"
            ) from error


class LocalTelephonySystem(_JsonDocument):
    """The same JSON document read from `{folder}/intervals.json`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def document(self) -> Mapping[str, Any]:
        file = self.folder / f"{DOCUMENT}.json"
        try:
            return json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise TelephonySystemError(f"Could not read {file}: {error}") from error


def telephony_system() -> TelephonySystem:
    url = getattr(settings, "OPENCEX_TELEPHONY_SYSTEM_URL", "")
    if url:
        return HttpTelephonySystem(url, getattr(settings, "OPENCEX_TELEPHONY_SYSTEM_TOKEN", ""))
    folder = getattr(settings, "OPENCEX_TELEPHONY_SYSTEM_DIR", "") or (
        Path(settings.BASE_DIR) / "telephony-system"
    )
    return LocalTelephonySystem(Path(folder))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def interval_rows(records: list[Any]) -> Iterator[Row]:
    for record in records:
        record = record if isinstance(record, Mapping) else {}
        yield {column: _text(record.get(field)) for column, field in FIELDS.items()}
