"""The disclosure log on the citizen site: the list, its filters and search, an entry, its files,
and what a withdrawn entry shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from opencex.disclosure.models import DisclosureFile, EntryStatus
from opencex.disclosure.services import withdraw_disclosure
from tests.factories import DisclosureEntryFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parking():
    return ServiceAreaFactory(slug="parking", name="Parking")


def page_of(client, *args, **kwargs) -> str:
    response = client.get(*args, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def released(days_ago: int, **fields):
    return DisclosureEntryFactory(
        released_on=dt.date(2025, 6, 30) - dt.timedelta(days=days_ago), **fields
    )


def test_the_log_lists_published_entries_newest_first(client):
    older = released(30, title="Agency staff spending")
    newer = released(2, title="Car park penalty charge notices")
    page = page_of(client, "/disclosure-log/")
    assert page.index(newer.title) < page.index(older.title)
    assert "2 released responses" in page


def test_drafts_and_withdrawn_entries_are_not_listed(client):
    released(1, title="Draft about allotments", status=EntryStatus.DRAFT, published_at=None)
    released(1, title="Withdrawn about toilets", status=EntryStatus.WITHDRAWN)
    released(1, title="Published about parking")
    page = page_of(client, "/disclosure-log/")
    assert "Published about parking" in page
    assert "allotments" not in page
    assert "toilets" not in page


def test_the_log_is_paginated_twenty_to_a_page(client):
    for day in range(21):
        released(day, title=f"Response number {day:02d}")
    first = page_of(client, "/disclosure-log/")
    assert "Response number 00" in first
    assert "Response number 20" not in first
    assert "Page 1 of 2" in first
    assert "Response number 20" in page_of(client, "/disclosure-log/", {"page": 2})


def test_the_log_filters_by_service_area(client, parking):
    released(1, title="Parking permits issued", service_area=parking)
    released(1, title="Bin collections missed")
    page = page_of(client, "/disclosure-log/", {"area": "parking"})
    assert "Parking permits issued" in page
    assert "Bin collections missed" not in page


def test_the_log_filters_by_year_released(client):
    DisclosureEntryFactory(title="Released in 2024", released_on=dt.date(2024, 5, 1))
    DisclosureEntryFactory(title="Released in 2025", released_on=dt.date(2025, 5, 1))
    page = page_of(client, "/disclosure-log/", {"year": "2024"})
    assert "Released in 2024" in page
    assert "Released in 2025" not in page
    assert '<option value="2025">2025</option>' in page


def test_only_service_areas_with_published_entries_are_offered(client, parking):
    ServiceAreaFactory(slug="elections", name="Elections")
    released(1, service_area=parking)
    page = page_of(client, "/disclosure-log/")
    assert '<option value="parking">Parking</option>' in page
    assert "Elections" not in page


def test_a_filter_value_that_is_not_offered_is_ignored(client):
    released(1, title="Parking permits issued")
    assert "Parking permits issued" in page_of(client, "/disclosure-log/", {"year": "1066"})


def test_the_search_box_finds_entries_by_their_words(client):
    released(5, title="Penalty charge notices", request_text="How many parking fines?")
    released(1, title="Agency staff", request_text="How much on agency workers?")
    page = page_of(client, "/disclosure-log/", {"q": "parking fines"})
    assert "Penalty charge notices" in page
    assert "Agency staff" not in page
    assert "1 released response" in page


def test_the_search_and_a_filter_combine(client, parking):
    released(1, title="Parking fines in car parks", service_area=parking)
    released(2, title="Parking fines on streets")
    page = page_of(client, "/disclosure-log/", {"q": "parking fines", "area": "parking"})
    assert "Parking fines in car parks" in page
    assert "on streets" not in page


def test_a_search_that_finds_nothing_says_so(client):
    released(1)
    page = page_of(client, "/disclosure-log/", {"q": "zeppelins"})
    assert "No released responses match" in page


def test_an_entry_shows_its_request_response_and_decision(client, parking):
    entry = released(
        1,
        title="Parking permits issued",
        request_text="How many permits were issued?",
        response_text="Dear [redacted],\n\nWe issued 12,400.",
        decision="part_released",
        service_area=parking,
    )
    page = page_of(client, f"/disclosure-log/{entry.pk}/")
    assert '<h1 class="govuk-heading-l">Parking permits issued</h1>' in page
    assert "How many permits were issued?" in page
    assert "We issued 12,400." in page
    assert "Information released in part" in page
    assert "29 June 2025" in page
    assert 'href="/disclosure-log/?area=parking"' in page


def test_a_draft_entry_is_not_found(client):
    draft = DisclosureEntryFactory(status=EntryStatus.DRAFT, published_at=None)
    assert client.get(f"/disclosure-log/{draft.pk}/").status_code == 404


def test_a_withdrawn_entry_is_gone_with_a_clear_message(client, ig_officer):
    entry = released(1, title="Allotment waiting lists")
    withdraw_disclosure(actor=ig_officer, entry=entry, reason="A name was left in.")
    response = client.get(f"/disclosure-log/{entry.pk}/")
    assert response.status_code == 410
    page = response.content.decode()
    assert "This response has been removed from the disclosure log" in page
    assert "Allotment waiting lists" not in page
    assert "A name was left in." not in page


def add_file(entry, body: bytes = b"ward,notices\nCowley,41\n") -> DisclosureFile:
    return DisclosureFile.objects.create(
        entry=entry,
        file=ContentFile(body, name="copy.csv"),
        name="notices-by-ward.csv",
        content_type="text/csv",
        size=len(body),
    )


def test_an_entrys_files_are_listed_and_downloaded(client):
    entry = released(1)
    copy = add_file(entry)
    page = page_of(client, f"/disclosure-log/{entry.pk}/")
    url = f"/disclosure-log/{entry.pk}/files/{copy.pk}/"
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="notices-by-ward.csv"'
    assert b"".join(response.streaming_content) == b"ward,notices\nCowley,41\n"


def test_a_drafts_file_is_not_served(client):
    copy = add_file(DisclosureEntryFactory(status=EntryStatus.DRAFT, published_at=None))
    assert client.get(f"/disclosure-log/{copy.entry_id}/files/{copy.pk}/").status_code == 404


def test_a_file_is_only_served_under_its_own_entry(client):
    copy = add_file(released(1))
    other = released(2)
    assert client.get(f"/disclosure-log/{other.pk}/files/{copy.pk}/").status_code == 404


def test_a_withdrawn_entrys_file_is_not_served(client, ig_officer):
    entry = released(1)
    copy = add_file(entry)
    withdraw_disclosure(actor=ig_officer, entry=entry, reason="Wrong file")
    assert client.get(f"/disclosure-log/{entry.pk}/files/{copy.pk}/").status_code == 404


def test_the_list_summarises_a_request_without_its_greeting_and_sign_off(client):
    released(
        1,
        request_text=(
            "Dear Council,\n\nHow many permits were issued?\n\nYours faithfully,\n[redacted]"
        ),
    )
    page = page_of(client, "/disclosure-log/")
    assert "How many permits were issued?" in page
    assert "Dear Council" not in page
    assert "Yours faithfully" not in page
