"""A real webhook receiver on loopback, and a case opened through the cases app's own door."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks_db.models import DBTaskResult

from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from opencex.events.models import Subscription
from opencex.events.policies import Operator
from opencex.events.services import create_subscription
from tests.factories import ResidentFactory, ServiceFactory


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """An HTTP server that keeps every request and answers with `answers` in turn (then 200);
    a `delay` holds each answer back, to time a delivery out."""

    received: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    delay: float = 0.0
    delays: list[float] = field(default_factory=list)  # for the first requests, then `delay`
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks/opencex"


def _start(receiver: Receiver) -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            receiver.received.append(
                Received({k.lower(): v for k, v in self.headers.items()}, body)
            )
            time.sleep(receiver.delays.pop(0) if receiver.delays else receiver.delay)
            status = receiver.answers.pop(0) if receiver.answers else 200
            try:
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()
            except OSError:
                pass  # the sender gave up waiting

        def log_message(self, *args) -> None:
            pass

    receiver.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=receiver.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    _start(found)
    yield found
    found.server.shutdown()
    found.server.server_close()


def subscribe(
    url: str, topics: list[str], *, name: str = "Housing system"
) -> tuple[Subscription, str]:
    return create_subscription(actor=Operator(because="test"), name=name, url=url, topics=topics)


def open_a_case(**fields):
    """A service request opened by a resident on the web (the `created` event's door)."""
    resident = ResidentFactory()
    case, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Broken fence",
        description="The fence by my door is broken. My phone is 07700 900123.",
        contact_name=resident.full_name,
        contact_email=resident.email,
        resident=resident,
        service=fields.pop("service", None) or ServiceFactory(),
        **fields,
    )
    return case


def forget_jobs() -> None:
    DBTaskResult.objects.all().delete()
