"""Our plan on the citizen site: the council's Citizen Experience action plan by focus area,
with how many actions are on track, at risk, off track or complete, each public action's title,
due date and status (never who owns it), and the council-wide readiness scores."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opencex.readiness.framework import current_framework
from opencex.readiness.selectors import council_scores, public_plan


def our_plan(request: HttpRequest) -> HttpResponse:
    framework = current_framework()
    today = timezone.localdate()
    plan = public_plan(framework, today)
    context = {
        "framework": framework,
        "plan": [
            (strand, [(action, action.rag_on(today)) for action in strand.actions])
            for strand in plan
        ],
        "overall": council_scores(framework).overall,
        "today": today,
    }
    return render(request, "web/readiness/our_plan.html", context)
