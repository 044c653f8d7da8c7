"""The log of the last imports from the housing management system: what each did and each row
it refused or could not match, by line, for the officer who keeps the two systems in step."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opencex.housing import policies
from opencex.housing.models import ImportRun
from opencex.staff.access import staff_only

RUNS_SHOWN = 30


@staff_only
def import_log(request: HttpRequest) -> HttpResponse:
    if not policies.can_view_imports(request.user):
        raise PermissionDenied
    return render(
        request,
        "staff/housing/imports.html",
        {"runs": ImportRun.objects.select_related("actor")[:RUNS_SHOWN]},
    )
