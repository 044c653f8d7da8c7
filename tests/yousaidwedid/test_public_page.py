"""The public You said, we did page: only published changes, newest first, by service area, with
counts of the feedback behind them and never a resident's name or words."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.cases.models import CaseKind
from opencex.yousaidwedid import services
from opencex.yousaidwedid.models import SourceKind
from tests.factories import RatingFactory, ServiceFactory
from tests.yousaidwedid.conftest import MADE_ON

pytestmark = pytest.mark.django_db
URL = reverse("web:you-said-we-did")


def _change(actor, service, title):
    return services.record_change(
        actor=actor,
        title=title,
        you_said=f"You said about {title}.",
        we_did=f"We did about {title}.",
        service_area=service.service_area,
        made_on=MADE_ON,
    )


def test_only_published_changes_are_shown_newest_first(client, manager, service, change):
    older = _change(manager, service, "Brighter street lights")
    draft = _change(manager, service, "A draft nobody sees")
    withdrawn = _change(manager, service, "Withdrawn idea")
    services.publish_change(actor=manager, change=older)
    with time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC), tick=False):
        services.publish_change(actor=manager, change=change)
        services.publish_change(actor=manager, change=withdrawn)
        services.withdraw_change(actor=manager, change=withdrawn, reason="Not done after all")
    page = client.get(URL).content.decode()
    assert "2 changes" in page
    assert draft.title not in page
    assert withdrawn.title not in page
    assert page.index(change.title) < page.index(older.title)
    assert "We put six new benches along the path." in page


def test_changes_are_filtered_by_service_area(client, manager, service, change):
    elsewhere = ServiceFactory(title="Street lighting")
    other = _change(manager, elsewhere, "Brighter street lights")
    services.publish_change(actor=manager, change=change)
    services.publish_change(actor=manager, change=other)
    page = client.get(URL, {"area": elsewhere.service_area.slug}).content.decode()
    assert other.title in page
    assert change.title not in page
    assert "1 change" in page
    assert "2 changes" in client.get(URL, {"area": "no-such-area"}).content.decode()


def test_the_feedback_behind_a_change_is_counted_without_names_or_words(
    client, manager, change, make_feedback_case
):
    first = make_feedback_case(CaseKind.COMMENT, contact_name="Amara Okafor")
    second = make_feedback_case(CaseKind.COMMENT, description="My secret words about benches")
    complaint = make_feedback_case(CaseKind.COMPLAINT)
    rating = RatingFactory(case=complaint, comment="Private rating words")
    for kind, case in [
        (SourceKind.COMMENT, first),
        (SourceKind.COMMENT, second),
        (SourceKind.COMPLAINT, complaint),
    ]:
        services.link_source(actor=manager, change=change, kind=kind, case=case)
    services.link_source(actor=manager, change=change, kind=SourceKind.RATING, rating=rating)
    services.publish_change(actor=manager, change=change)
    page = client.get(URL).content.decode()
    assert "2 comments" in page
    assert "1 complaint" in page
    assert "1 satisfaction rating" in page
    for private in ["Amara Okafor", "My secret words", "Private rating words", first.reference]:
        assert private not in page


def test_an_english_change_on_the_polish_page_is_marked_as_english(client, manager, change):
    services.publish_change(actor=manager, change=change)
    client.cookies["django_language"] = "pl"
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert '<html lang="pl"' in page
    assert f'lang="en">{change.title}</h3>' in page


def test_a_translated_change_is_shown_in_polish(client, manager, change):
    change.translations = {"pl": {"title": "Więcej ławek w South Park"}}
    change.save(update_fields=["translations"])
    services.publish_change(actor=manager, change=change)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert ">Więcej ławek w South Park</h3>" in page


def test_the_footer_links_to_the_page(client):
    assert f'href="{URL}"' in client.get(reverse("web:home")).content.decode()


def test_each_area_and_page_has_its_own_title(client, manager, service, change, monkeypatch):
    monkeypatch.setattr("opencex.web.yousaidwedid_views.PER_PAGE", 1)
    services.publish_change(actor=manager, change=change)
    second = _change(manager, service, "Brighter street lights")
    services.publish_change(actor=manager, change=second)
    area = service.service_area

    def head(query: dict) -> str:
        html = client.get(URL, query).content.decode()
        return html[html.index("<title>") : html.index("</title>")]

    assert "You said, we did &ndash; Page 1 of 2" in head({})
    assert "You said, we did &ndash; Page 2 of 2" in head({"page": 2})
    assert f"{area.name}: You said, we did &ndash; Page 2 of 2" in head(
        {"area": area.slug, "page": 2}
    )
