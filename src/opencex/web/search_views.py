"""The search page and the guidance pages it finds."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from opencex.catalogue.models import GuidancePage
from opencex.languages import current_language
from opencex.search.engine import MAX_QUERY_LENGTH, search


def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search(query)  # read in the page's language, or the one its letters show
    context = {"query": query, "results": results}
    return render(request, "web/search.html", context)


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
