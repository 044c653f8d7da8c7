"""You said, we did on the citizen site: the changes the council made because of residents'
feedback, newest first, by service area, with how much feedback is behind each."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opencex.catalogue.models import ServiceArea
from opencex.languages import current_language
from opencex.yousaidwedid.models import Change
from opencex.yousaidwedid.selectors import feedback_counts

PER_PAGE = 20


def changes(request: HttpRequest) -> HttpResponse:
    published = Change.objects.published()
    areas = ServiceArea.objects.filter(changes_made__in=published).distinct().order_by("name")
    language = current_language()
    area_choices = [(area.slug, area.text_in("name", language)) for area in areas]
    chosen = request.GET.get("area", "")
    if chosen not in {slug for slug, _name in area_choices}:
        chosen = ""
    shown = (
        published.select_related("service_area", "service")
        .prefetch_related("consultation_outcomes__consultation")  # "from the consultation"
        .order_by("-published_at", "-pk")
    )
    if chosen:
        shown = shown.filter(service_area__slug=chosen)
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    counts = feedback_counts(list(page.object_list))
    context = {
        "page": page,
        "rows": [(change, counts[change.pk]) for change in page.object_list],
        "areas": area_choices,
        "chosen": chosen,
        "chosen_name": dict(area_choices).get(chosen, ""),  # in the <title>, with the page
    }
    return render(request, "web/yousaidwedid/changes.html", context)
