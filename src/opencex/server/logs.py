"""One logging set-up for the web workers, the task workers and `opencex serve`: JSON lines in
production (one object per line, for a log shipper), readable text in development; every line
written while a request is handled carries that request's id.

Imported by settings.py, so it imports nothing from Django's models or settings."""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import os
from collections.abc import Mapping
from typing import Any

# The request being handled in this thread or task, set by RequestRecordMiddleware; "-" outside.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "opencex_request_id", default="-"
)

# Attributes every LogRecord has: anything else on a record was passed by `extra=` and is kept.
_STANDARD_ATTRIBUTES = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "request_id",
}


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (attached to the handlers, so records from
    every library's logger get it too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, request_id, the
    record's `extra=` fields, and the traceback as one string when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id.get()),
            "process": record.process,
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def wants_json_lines(environ: Mapping[str, str] = os.environ) -> bool:
    """`OPENCEX_LOG_FORMAT` (`json` or `text`) when set; otherwise JSON exactly when
    `OPENCEX_DEBUG` is off, as in production. gunicorn's master reads it too, without Django."""
    chosen = environ.get("OPENCEX_LOG_FORMAT", "").strip().lower()
    if chosen:
        return chosen == "json"
    debug = environ.get("OPENCEX_DEBUG")
    return debug is not None and debug.strip().lower() not in {"1", "true", "yes", "on"}


def logging_config(*, json_lines: bool, level: str) -> dict[str, Any]:
    """The `LOGGING` setting: everything to standard error (systemd's journal keeps it), in JSON
    lines or text. `opencex.access` writes one line per request, so Django's own line for a
    failed request is kept for server errors (with their traceback) only."""
    text_format = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "opencex.server.logs.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "opencex.server.logs.JsonLineFormatter"},
            "text": {"format": text_format},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_lines else "text",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # runserver already prints a line per request in development.
            "opencex.access": {"level": "INFO" if json_lines else "WARNING"},
            "django.request": {"level": "ERROR"},
            # A failing check is in the readiness answer; its traceback at every probe is noise.
            "health_check": {"level": "ERROR"},
            # gunicorn's own messages (worker booted, timed out) through the same handler.
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            # The access line is ours (with the request id and the view); gunicorn's is off.
            "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }
