"""The specification's two formats: the same values written as JSON or as XML.

JSON is what the specification's examples show (a list at the top, `null` for a value not given);
XML has a root element holding one element per entry (`services`/`service`,
`service_requests`/`request`, `errors`/`error`), an empty element for a value not given, and
`true`/`false` for booleans. A service definition's XML root is `service_definition`, with its
attributes in `attributes`/`attribute` and an attribute's values in `values`/`value`.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse
from django.utils import timezone

FORMATS = ("json", "xml")
# Lists inside an entry, and the element each item of them is written as.
_ITEM_NAMES = {"attributes": "attribute", "values": "value"}


class GeoReportError(Exception):
    """An error the specification's way: an HTTP status and a description per problem."""

    def __init__(self, status: int, *descriptions: str) -> None:
        self.status = status
        self.descriptions = descriptions
        super().__init__("; ".join(descriptions))


def w3c(moment: datetime | None) -> str | None:
    """A moment in W3C format in the council's time, e.g. 2026-03-10T10:00:00+00:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


# Characters XML 1.0 cannot carry at all, escaped or not (C0 controls but tab, newline and
# carriage return; lone surrogates; U+FFFE and U+FFFF). ElementTree writes them as they are, which
# would make the whole feed unreadable to every client because of one partner's stray byte.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return w3c(value) or ""
    return _NOT_XML.sub("", str(value))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return w3c(value)
    return value


def _append(parent: ElementTree.Element, name: str, value: Any) -> None:
    element = ElementTree.SubElement(parent, name)
    if isinstance(value, dict):
        for key, inner in value.items():
            _append(element, key, inner)
    elif isinstance(value, list):
        for item in value:
            _append(element, _ITEM_NAMES.get(name, "item"), item)
    else:
        element.text = _text(value)


def render(
    fmt: str, *, root: str, entry: str, entries: list[dict[str, Any]], status: int = 200
) -> HttpResponse:
    """A list of entries: `[{...}, ...]` in JSON, `<root><entry>...</entry></root>` in XML."""
    if fmt == "json":
        body = json.dumps(
            [{key: _json_value(value) for key, value in item.items()} for item in entries],
            ensure_ascii=False,
            default=str,
        )
        return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    element = ElementTree.Element(root)
    for item in entries:
        _append(element, entry, item)
    return _xml_response(element, status)


def render_one(fmt: str, *, root: str, value: dict[str, Any]) -> HttpResponse:
    """One object: `{...}` in JSON, `<root>...</root>` in XML (a service definition)."""
    if fmt == "json":
        body = json.dumps(value, ensure_ascii=False, default=str)
        return HttpResponse(body, content_type="application/json; charset=utf-8")
    element = ElementTree.Element(root)
    for key, inner in value.items():
        _append(element, key, inner)
    return _xml_response(element, 200)


def render_error(fmt: str, error: GeoReportError) -> HttpResponse:
    entries = [{"code": error.status, "description": text} for text in error.descriptions]
    return render(fmt, root="errors", entry="error", entries=entries, status=error.status)


def _xml_response(element: ElementTree.Element, status: int) -> HttpResponse:
    ElementTree.indent(element)
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(
        element, encoding="unicode"
    )
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
