"""The public consultations page: open ones with how to take part, published results with the
decision, nothing planned; the you said, we did page names the consultation a change came from."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.consultations import services
from opencex.yousaidwedid import services as changes
from tests.consultations.conftest import launched, planned

pytestmark = pytest.mark.django_db


def test_open_consultations_are_listed_and_planned_ones_are_not(client, officer, manager, team):
    launched(officer, manager, team, title="Parking permits in Cowley")
    planned(officer, team, title="A secret plan", wards=["Summertown"])
    content = client.get(reverse("web:consultations")).content.decode()
    assert "Parking permits in Cowley" in content
    assert "A secret plan" not in content


def test_a_planned_consultation_has_no_public_page(client, officer, team):
    consultation = planned(officer, team)
    assert client.get(reverse("web:consultation", args=[consultation.pk])).status_code == 404


def test_an_open_consultation_says_how_to_take_part(client, officer, manager, team):
    consultation = launched(officer, manager, team)
    content = client.get(reverse("web:consultation", args=[consultation.pk])).content.decode()
    assert "How to take part" in content
    assert "oxford.gov.uk/parking" in content
    assert "Online survey" in content


def test_published_results_show_the_decision_and_link_the_change(client, officer, manager, team):
    consultation = launched(officer, manager, team)
    with time_machine.travel(dt.datetime(2027, 4, 20, 10, tzinfo=dt.UTC), tick=False):
        services.close_consultation(actor=officer, consultation=consultation)
        change = changes.record_change(
            actor=manager,
            title="A parking zone in Cowley",
            you_said="Residents could not park near home.",
            we_did="We brought in permits.",
            service_area=team.service_area,
            made_on=dt.date(2027, 4, 19),
        )
        changes.publish_change(actor=manager, change=change)
        services.record_outcome(
            actor=officer,
            consultation=consultation,
            responses=412,
            themes="Commuters park all day.",
            decision="A controlled parking zone from June.",
            decided_by="The Cabinet",
            decided_on=dt.date(2027, 4, 15),
            changes=[change],
        )
        services.publish_results(actor=manager, consultation=consultation)
    listing = client.get(reverse("web:consultations")).content.decode()
    assert "412 responses" in listing
    page = client.get(reverse("web:consultation", args=[consultation.pk])).content.decode()
    assert "A controlled parking zone from June." in page
    assert "Decided by The Cabinet on Thursday 15 April 2027." in page
    assert f"#change-{change.pk}" in page
    said = client.get(reverse("web:you-said-we-did")).content.decode()
    assert "From the consultation" in said
    assert reverse("web:consultation", args=[consultation.pk]) in said
