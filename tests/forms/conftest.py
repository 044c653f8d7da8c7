"""Fixtures for the forms engine: the shipped forms loaded against services like Oxford's."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from opencex.forms.loading import sync_form_definitions
from tests.factories import ServiceFactory, TeamFactory

SERVICES = {
    "report-missed-bin": ("service_request", "waste-services", 2),
    "report-fly-tipping": ("service_request", "environmental-enforcement", 2),
    "report-housing-repair": ("service_request", "housing-repairs", 20),
    "report-damp-and-mould": ("service_request", "housing-repairs", 10),
    "make-general-enquiry": ("enquiry", "customer-services", 5),
    "make-complaint": ("complaint", "complaints-and-feedback", 10),
    "give-compliment": ("compliment", "complaints-and-feedback", 5),
    "give-feedback-or-suggestion": ("enquiry", "complaints-and-feedback", 5),
    "make-foi-request": ("foi", "information-governance", 20),
    "make-eir-request": ("eir", "information-governance", 20),
    "make-subject-access-request": ("sar", "information-governance", 20),
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def services(db):
    made = {}
    for slug, (kind, team, days) in SERVICES.items():
        made[slug] = ServiceFactory(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            case_kind=kind,
            team=TeamFactory(slug=team, name=team.replace("-", " ").title()),
            standard_days=days,
            standard_text=f"We deal with this within {days} working days.",
        )
    return made


@pytest.fixture
def forms(services):
    sync_form_definitions()
    return services


def tiny_png() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


class FormWalker:
    """Fills in a form through the real views with Django's test client."""

    def __init__(self, client, slug: str) -> None:
        self.client = client
        self.slug = slug

    def start(self):
        return self.client.post(reverse("web:form-start", kwargs={"slug": self.slug}))

    def page_url(self, page_id: str) -> str:
        return reverse("web:form-page", kwargs={"slug": self.slug, "page_id": page_id})

    def answer(self, page_id: str, data: dict, **query):
        url = self.page_url(page_id) + ("?change=1" if query.get("change") else "")
        return self.client.post(url, {"action": "continue", **data})

    def check_answers(self):
        return self.client.get(reverse("web:form-check-answers", kwargs={"slug": self.slug}))

    def submit(self):
        return self.client.post(reverse("web:form-check-answers", kwargs={"slug": self.slug}))

    def confirmation(self):
        return self.client.get(reverse("web:form-confirmation", kwargs={"slug": self.slug}))


CONTACT = {"name": "Amira Haddad", "email": "amira@example.org", "phone": "07700 900 982"}


def date_parts(name: str, day) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def missed_bin_pages() -> list[tuple[str, dict]]:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    return [
        (
            "address",
            {
                "address-line_1": "12 Cowley Road",
                "address-town": "Oxford",
                "address-manual_postcode": "ox4 1hr",
            },
        ),
        ("which-bin", {"bins": ["recycling"]}),
        ("collection-day", date_parts("collection_day", yesterday)),
        ("details", {"details": ""}),
        ("contact", CONTACT),
    ]


def fill_in(walker: FormWalker, pages) -> None:
    walker.start()
    for page_id, data in pages:
        response = walker.answer(page_id, data)
        assert response.status_code == 302, (page_id, response.content.decode()[:3000])
