"""Which services GeoReport v2 offers, and each one's definition built from its form.

A service is offered when it is live and has a live form that opens a service request: the form
is what checks a report's answers (`forms.answers.check_answers`, as the API and the pages do), so
a service without one could not check what a client sends. Each question of the form is a
GeoReport attribute, except those the specification's own fields answer: the contact questions
(first_name, last_name, email, phone), the location question (lat/long, address_string,
address_id) and files (media_url).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, Subquery

from opencex.cases.models import CaseKind
from opencex.catalogue.models import Service
from opencex.forms.models import FormDefinition, FormVersion
from opencex.languages import ENGLISH, text_in

# Question types → GeoReport attribute datatypes.
DATATYPES = {
    "text": "string",
    "email": "string",
    "phone": "string",
    "postcode": "string",
    "long_text": "text",
    "number": "number",
    "date": "datetime",
    "radios": "singlevaluelist",
    "checkboxes": "multivaluelist",
}
LOCATION_TYPES = frozenset({"street_location", "address"})


@dataclass(frozen=True)
class OfferedService:
    """A service a client may report to, with the current version of its live form."""

    service: Service
    form: FormDefinition
    schema: dict[str, Any]
    form_version: Any

    @property
    def code(self) -> str:
        return self.service.slug

    def questions(self) -> list[dict[str, Any]]:
        return [question for page in self.schema["pages"] for question in page["questions"]]

    def filed_under_codes(self) -> set[str]:
        """This service and every service its form may file a request under instead, by the
        form's `case.kind_from` (damp and mould reported as a housing repair is filed under
        report-damp-and-mould)."""
        kind_from = self.schema["case"].get("kind_from") or {}
        return {self.code} | {
            choice["service"]
            for choice in kind_from.get("values", {}).values()
            if choice.get("kind") == CaseKind.SERVICE_REQUEST and choice.get("service")
        }

    def condition_of(self, question_id: str) -> dict[str, Any] | None:
        """The "show_if" under which a question is asked (its own, or its page's), if any."""
        for page in self.schema["pages"]:
            for question in page["questions"]:
                if question["id"] == question_id:
                    return question.get("show_if") or page.get("show_if")
        return None

    def contact_questions(self) -> dict[str, str]:
        """{case field: question id} for the contact details the form asks."""
        mapping = self.schema["case"]
        fields = ("contact_name", "contact_email", "contact_phone")
        return {field: mapping[field] for field in fields if mapping.get(field)}

    def location_question(self) -> dict[str, Any] | None:
        """The first question asking where (a street location or an address), if any."""
        return next((q for q in self.questions() if q["type"] in LOCATION_TYPES), None)

    def attribute_questions(self) -> list[dict[str, Any]]:
        """The questions a client answers as attribute[code]=..., in the form's order."""
        answered_elsewhere = set(self.contact_questions().values())
        location = self.location_question()
        if location is not None:
            answered_elsewhere.add(location["id"])
        return [
            question
            for question in self.questions()
            if question["id"] not in answered_elsewhere and question["type"] in DATATYPES
        ]


def _service_request_forms() -> Prefetch:
    """Each service's live service-request forms, with the id of each one's current version
    (`FormDefinition.current_version`'s rule, as a subquery, so the list costs no query a form)."""
    current = FormVersion.objects.filter(
        definition=OuterRef("pk"), published_at__isnull=False
    ).order_by("-number")
    live = FormDefinition.objects.filter(is_live=True, case_kind=CaseKind.SERVICE_REQUEST).annotate(
        current_version_id=Subquery(current.values("pk")[:1])
    )
    return Prefetch("forms", queryset=live.order_by("pk"), to_attr="open311_forms")


def offered_services(codes: Iterable[str] | None = None) -> list[OfferedService]:
    """Every service offered (or those with the given codes), by title: three queries, however
    many services there are."""
    services = (
        Service.objects.live()
        .select_related("topic", "team")
        .prefetch_related(_service_request_forms())
        .order_by("title")
    )
    if codes is not None:
        services = services.filter(slug__in=list(codes))
    chosen = []
    for service in services:
        # The first of its live forms that has a published version: the Prefetch above.
        form = next((f for f in service.open311_forms if f.current_version_id), None)  # type: ignore[attr-defined]
        if form is not None:
            chosen.append((service, form))
    versions = FormVersion.objects.in_bulk([form.current_version_id for _, form in chosen])
    offered = []
    for service, form in chosen:
        version = versions[form.current_version_id]
        offered.append(OfferedService(service, form, version.schema, version))
    return offered


def readable_service_codes() -> list[str]:
    """The services whose requests GeoReport reads back: every offered service and every
    service an offered form files requests under, so a request is never lost to its sender."""
    return sorted({code for offered in offered_services() for code in offered.filed_under_codes()})


def offered_service(code: str) -> OfferedService | None:
    found = offered_services([code])
    return found[0] if found else None


# ---- the specification's shapes (values only; views/formats.py writes them as JSON or XML) ----


def service_entry(offered: OfferedService) -> dict[str, Any]:
    service = offered.service
    keywords = service.keywords if isinstance(service.keywords, list) else []
    return {
        "service_code": offered.code,
        "service_name": service.title,
        "description": service.summary,
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(str(word) for word in keywords),
        "group": service.topic.name if service.topic_id else "",
    }


def service_definition(offered: OfferedService) -> dict[str, Any]:
    attributes = []
    for order, question in enumerate(offered.attribute_questions(), start=1):
        options = question.get("options") or []
        condition = offered.condition_of(question["id"])
        attributes.append(
            {
                "variable": True,
                "code": question["id"],
                "datatype": DATATYPES[question["type"]],
                # A question asked only after a given answer is required only then (said in
                # datatype_description): a client that sends it otherwise is not refused.
                "required": bool(question.get("required", True)) and condition is None,
                "datatype_description": _datatype_description(question, condition),
                "order": order,
                "description": text_in(question["label"], ENGLISH),
                "values": [
                    {"key": option["value"], "name": text_in(option["label"], ENGLISH)}
                    for option in options
                ],
            }
        )
    return {"service_code": offered.code, "attributes": attributes}


def _datatype_description(question: dict[str, Any], condition: dict[str, Any] | None) -> str | None:
    parts = [text_in(question.get("hint"), ENGLISH) if question.get("hint") else ""]
    if question["type"] == "date":
        parts.append("A date, like 2026-03-31.")
    if condition is not None:
        needed = "Required" if question.get("required", True) else "Asked"
        parts.append(
            f"{needed} only when attribute[{condition['question']}] is '{condition['equals']}'."
        )
    return " ".join(part for part in parts if part) or None
