"""A small catalogue like a council's: its routing teams, a council service and a county one."""

from __future__ import annotations

import pytest
from django.conf import settings


def routing_slugs() -> list[str]:
    routing = settings.COUNCIL_PROFILE.routing
    return [routing.information_rights, routing.feedback, routing.general]


@pytest.fixture
def catalogue() -> dict:
    """A small catalogue with the profile's routing teams, a council service and a county one."""
    teams = [
        {"slug": slug, "name": slug.title(), "service_area": "customer", "email": ""}
        for slug in routing_slugs()
    ]
    return {
        "service_areas": [
            {"slug": "customer", "name": "Customer services", "description": ""},
            {"slug": "waste", "name": "Waste and recycling", "description": "Bins."},
        ],
        "teams": [
            *teams,
            {"slug": "waste-team", "name": "Waste", "service_area": "waste", "email": None},
        ],
        "topics": [{"slug": "bins", "name": "Bins and recycling"}],
        "services": [
            {
                "slug": "report-missed-bin",
                "title": "Report a missed bin collection",
                "summary": "Tell us if your bin was not emptied.",
                "provider": "council",
                "external_url": None,
                "service_area": "waste",
                "team": "waste-team",
                "topic": "bins",
                "channels": ["online", "phone"],
                "cost": "Free",
                "eligibility": None,
                "lgsl": 524,
                "case_kind": "service_request",
                "standard_days": 2,
                "standard_text": "We collect missed bins within 2 working days.",
                "if_late": "Call us.",
                "keywords": ["bin not emptied"],
            },
            {
                "slug": "report-pothole",
                "title": "Report a pothole",
                "summary": "Potholes are the county council's.",
                "provider": "county",
                "external_url": "https://www.oxfordshire.gov.uk/residents/roads",
                "service_area": None,
                "team": None,
                "topic": "bins",
                "channels": ["online"],
                "cost": None,
                "eligibility": None,
                "lgsl": None,
                "case_kind": None,
                "standard_days": None,
                "standard_text": None,
                "if_late": None,
                "keywords": [],
            },
        ],
    }
