"""The in-memory index follows the catalogue: an edited service is found by its new words."""

from __future__ import annotations

import pytest

from opencex.search.documents import Kind, register_source, registered_sources
from opencex.search.engine import current_index, search
from tests.factories import ServiceFactory
from tests.search.conftest import slugs

pytestmark = pytest.mark.django_db


def test_the_index_rebuilds_after_a_service_title_changes():
    service = ServiceFactory(title="Report a broken bollard", summary="Bollards in the road.")
    assert slugs(search("bollard")) == [service.slug]

    service.title = "Report a broken bench"
    service.summary = "Benches in parks."
    service.save()

    assert slugs(search("bench")) == [service.slug]
    assert slugs(search("bollard")) == []


def test_the_index_is_not_rebuilt_when_nothing_changed():
    ServiceFactory(title="Report a broken bollard")
    assert current_index() is current_index()


def test_a_new_service_is_found_on_the_next_search():
    ServiceFactory(title="Report a broken bollard")
    assert search("bench").hits == ()
    ServiceFactory(title="Report a broken bench")
    assert len(search("bench")) == 1


def test_another_app_can_register_its_own_documents():
    from opencex.search.documents import Document

    class Directory:
        name = "test.directory"

        def version(self):
            return 1

        def documents(self):
            yield Document(
                kind=Kind.ORGANISATION,
                slug="citizens-advice-oxford",
                title="Citizens Advice Oxford",
                summary="Free advice on money, debt, benefits and housing.",
                url="/directory/citizens-advice-oxford/",
            )

    register_source(Directory())
    try:
        top = search("citizens advice").hits[0].document
        assert (top.kind, top.slug) == ("organisation", "citizens-advice-oxford")
    finally:
        from opencex.search import documents

        documents._SOURCES.pop("test.directory")
    assert "test.directory" not in [source.name for source in registered_sources()]
