"""Consultations on the citizen site: those open now, with how to take part, and those closed
whose results and decision are published, each linked to the "you said, we did" changes that
came of it. Planned ones are not shown until launched."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from opencex.consultations.models import Consultation, Status


def _public():
    return Consultation.objects.public().select_related("service_area", "panel")


def consultations(request: HttpRequest) -> HttpResponse:
    shown = _public()
    context = {
        "open": list(shown.filter(status=Status.OPEN).order_by("ends_on", "pk")),
        "published": list(
            shown.filter(status=Status.PUBLISHED)
            .select_related("outcome")
            .order_by("-outcome__decided_on", "-pk")[:50]
        ),
    }
    return render(request, "web/consultations/consultations.html", context)


def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(_public(), pk=pk)
    outcome = getattr(found, "outcome", None) if found.status == Status.PUBLISHED else None
    if found.status == Status.PUBLISHED and outcome is None:
        raise Http404
    changes = outcome.changes.published() if outcome else []
    context = {"consultation": found, "outcome": outcome, "changes": changes}
    return render(request, "web/consultations/consultation.html", context)
