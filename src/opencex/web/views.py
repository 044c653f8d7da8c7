"""The citizen site's pages: each view reads from a domain app and renders a template."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from opencex.catalogue.models import Service
from opencex.languages import current_language
from opencex.web.online_routes import online_route, ways_to_do_it


def home(request: HttpRequest) -> HttpResponse:
    slugs = settings.COUNCIL_PROFILE.top_tasks
    by_slug = Service.objects.live().in_bulk(slugs, field_name="slug")
    top_tasks = [by_slug[slug] for slug in slugs if slug in by_slug]
    language = current_language()
    for service in top_tasks:
        service.text = service.in_language(language)
    return render(request, "web/home.html", {"top_tasks": top_tasks})


def service_list(request: HttpRequest) -> HttpResponse:
    services = list(Service.objects.live().select_related("topic"))
    language = current_language()
    for service in services:
        service.text = service.in_language(language)
    # In the reader's language, A to Z within each topic.
    topic_names = {s.topic.pk: s.topic.text_in("name", language) for s in services}
    services.sort(
        key=lambda s: (topic_names[s.topic.pk].casefold(), s.topic.pk, s.text.title.casefold())
    )
    return render(request, "web/services.html", {"services": services})


def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.live().select_related("topic"), slug=slug)
    route = online_route(service)
    return render(
        request,
        "web/service.html",
        {
            "service": service,
            "text": service.in_language(current_language()),
            "route": route,
            "ways": ways_to_do_it(service, route),
        },
    )


# When the statement was last prepared: change it whenever the statement's findings change.
ACCESSIBILITY_STATEMENT_PREPARED = dt.date(2026, 12, 5)


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/accessibility.html", {"prepared_on": ACCESSIBILITY_STATEMENT_PREPARED}
    )


def online_help(request: HttpRequest) -> HttpResponse:
    """Where residents get help using the council's online services, with the hours."""
    places = settings.COUNCIL_PROFILE.online_help_places
    return render(request, "web/online_help.html", {"places": places})
