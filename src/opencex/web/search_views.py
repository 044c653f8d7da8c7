"""The search page and the guidance pages it finds."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from opencex.catalogue.models import GuidancePage
from opencex.languages import current_language
from opencex.search.engine import MAX_QUERY_LENGTH, search
from opencex.search.models import SearchSource
from opencex.search.services import follow_result, record_search


def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search(query)  # read in the page's language, or the one its letters show
    record = record_search(results=results, source=SearchSource.PAGE) if query else None
    context = {"query": query, "results": results, "record": record}
    return render(request, "web/search.html", context)


@never_cache
def search_result(request: HttpRequest, record_id: int, position: int) -> HttpResponse:
    """A result followed from the search page: counted, then sent on to that result's address
    as the page linked it (kept with the search), never to an address from the request."""
    url = follow_result(record_id=record_id, position=position)
    if url is None:
        raise Http404("No such search result.")
    response = redirect(url)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def guidance_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(GuidancePage.objects.live().select_related("topic"), slug=slug)
    language = current_language()
    services = list(page.services.live().order_by("title"))
    for service in services:
        service.text = service.in_language(language)
    return render(
        request,
        "web/search_guidance.html",
        {"page": page, "text": page.in_language(language), "services": services},
    )


def guidance_print(request: HttpRequest, slug: str) -> HttpResponse:
    """A guidance page's numbered steps alone, with a print stylesheet: printing needs no
    JavaScript, only the browser's own print command."""
    page = get_object_or_404(GuidancePage.objects.live(), slug=slug)
    if not page.steps:
        raise Http404("This guidance page has no steps to print.")
    return render(
        request,
        "web/guidance/print.html",
        {"page": page, "text": page.in_language(current_language())},
    )
