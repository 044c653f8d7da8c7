"""Log lines: one JSON object per line in production, each carrying its request's id."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from opencex.server.logs import JsonLineFormatter, RequestIdFilter, logging_config


@pytest.fixture
def access_lines() -> Iterator[io.StringIO]:
    """What `opencex.access` writes, through the production formatter and filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("opencex.access")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(level)


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_each_request_writes_one_json_line_with_its_request_id(client, access_lines):
    response = client.get("/health/live?q=my+name+is+private")

    [line] = lines(access_lines)
    assert response["X-Request-ID"] == line["request_id"]
    assert len(line["request_id"]) == 32
    assert line["level"] == "INFO"
    assert line["logger"] == "opencex.access"
    assert line["message"] == "GET /health/live 200"
    assert line["method"] == "GET"
    assert line["path"] == "/health/live"  # never the query string
    assert line["status"] == 200
    assert line["view"] == "server:liveness"
    assert isinstance(line["duration_ms"], float)
    assert line["time"].endswith("+00:00")


def test_a_plain_request_id_from_the_proxy_is_kept(client, access_lines):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="0f8e2a7c9d1b4e6f")

    assert response["X-Request-ID"] == "0f8e2a7c9d1b4e6f"
    assert lines(access_lines)[0]["request_id"] == "0f8e2a7c9d1b4e6f"


def test_a_forged_request_id_is_replaced(client, access_lines):
    forged = 'abcdefgh", "level": "CRITICAL'

    response = client.get("/health/live", HTTP_X_REQUEST_ID=forged)

    assert response["X-Request-ID"] != forged
    assert lines(access_lines)[0]["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_a_sign_in_link_token_never_reaches_the_log(client, access_lines):
    client.get("/account/sign-in/s3cr3t-t0ken-from-the-email")

    [line] = lines(access_lines)
    assert "s3cr3t" not in json.dumps(line)
    assert line["path"] == "/account/sign-in/[token]"


def test_a_line_written_outside_a_request_says_so_and_keeps_its_extras():
    record = logging.LogRecord("opencex.jobs", logging.WARNING, __file__, 1, "retry %s", (3,), None)
    record.task = "send_notification"
    RequestIdFilter().filter(record)

    line = json.loads(JsonLineFormatter().format(record))

    assert line["request_id"] == "-"
    assert line["message"] == "retry 3"
    assert line["task"] == "send_notification"


def test_development_logs_text_and_production_json_lines():
    development = logging_config(json_lines=False, level="INFO")
    production = logging_config(json_lines=True, level="INFO")

    assert development["handlers"]["console"]["formatter"] == "text"
    assert production["handlers"]["console"]["formatter"] == "json"
