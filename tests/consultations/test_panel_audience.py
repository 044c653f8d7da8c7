"""A consultation for a panel names which of the council's panels (panels.Panel): required
then, offered on the plan form, shown on the staff and public pages, and two different panels
are not the same people for the clash check."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.consultations import clashes, services
from opencex.consultations.models import Audience, Consultation, ConsultationEvent
from opencex.panels import services as panel_services
from opencex.panels.models import PanelKind
from tests.consultations.conftest import a_plan, launched, planned
from tests.consultations.test_staff_pages import _plan_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def panels(db):
    return panel_services.ensure_panels()


@pytest.fixture
def youth(panels):
    return panels[PanelKind.YOUTH]


@pytest.fixture
def residents(panels):
    return panels[PanelKind.RESIDENTS]


def test_a_panel_audience_without_a_panel_is_refused(officer, team):
    with pytest.raises(services.ConsultationError) as refused:
        planned(officer, team, audience=Audience.PANEL)
    assert refused.value.field == "panel"
    assert "Choose which of the council's panels is asked" in str(refused.value)
    assert not Consultation.objects.exists()


def test_the_panel_asked_is_recorded_and_audited(officer, team, youth):
    consultation = planned(officer, team, audience=Audience.PANEL, panel=youth)
    consultation.refresh_from_db()
    assert consultation.panel == youth
    assert consultation.audience_label == f"A residents' panel: {youth.name}"
    assert youth.name in ConsultationEvent.objects.get(action="planned").detail


def test_another_audience_keeps_no_panel(officer, team, youth):
    consultation = planned(officer, team, audience=Audience.EVERYONE, panel=youth)
    consultation.refresh_from_db()
    assert consultation.panel is None


def test_changing_the_plan_away_from_a_panel_clears_it(officer, team, youth):
    consultation = planned(officer, team, audience=Audience.PANEL, panel=youth)
    services.change_plan(
        actor=officer, consultation=consultation, plan=a_plan(team, audience=Audience.TENANTS)
    )
    consultation.refresh_from_db()
    assert consultation.panel is None


def test_two_different_panels_do_not_clash_and_the_same_one_does(officer, team, youth, residents):
    one = planned(officer, team, audience=Audience.PANEL, panel=youth)
    other = planned(officer, team, title="Bins", audience=Audience.PANEL, panel=residents)
    assert clashes.people_overlap(one, other) is None
    same = planned(officer, team, title="Parks", audience=Audience.PANEL, panel=youth)
    assert youth.name.lower() in clashes.people_overlap(one, same)


def test_the_plan_form_offers_the_panels_and_requires_one_for_a_panel(client, officer, team, youth):
    client.force_login(officer)
    page = client.get(reverse("staff:consultation-plan")).content.decode()
    assert f'value="{youth.pk}"' in page
    assert youth.name in page
    response = client.post(
        reverse("staff:consultation-plan"), _plan_post(team, audience=Audience.PANEL)
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#panel"' in content
    assert "Choose which of the council&#x27;s panels is asked" in content
    assert not Consultation.objects.exists()
    response = client.post(
        reverse("staff:consultation-plan"),
        _plan_post(team, audience=Audience.PANEL, panel=youth.pk),
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.panel == youth
    page = client.get(reverse("staff:consultation", args=[consultation.pk])).content.decode()
    assert youth.name in page
    change = client.get(reverse("staff:consultation-change", args=[consultation.pk]))
    assert f'<option value="{youth.pk}" selected' in change.content.decode()


def test_the_public_pages_name_the_panel(client, officer, manager, team, youth):
    consultation = launched(officer, manager, team, audience=Audience.PANEL, panel=youth)
    listing = client.get(reverse("web:consultations")).content.decode()
    assert youth.name in listing
    page = client.get(reverse("web:consultation", args=[consultation.pk])).content.decode()
    assert youth.name in page
