"""The staff queues: my work and my teams' cases, filtered, searched and sorted, and bulk
reassignment. Reads go through cases.selectors, writes through cases.services."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from opencex.cases import policies, services
from opencex.cases.models import Case
from opencex.cases.selectors import queue_cases
from opencex.staff.access import staff_only
from opencex.staff.forms_queue import BulkReassignForm, QueueFilterForm

PER_PAGE = 50
MY_WORK = "mine"


@dataclass(frozen=True)
class Queue:
    key: str
    name: str
    url: str


def _queues(user) -> list[Queue]:
    base = reverse("staff:queues")
    queues = [Queue(MY_WORK, _("My work"), base)]
    for team in user.teams.order_by("name"):
        queues.append(Queue(team.slug, team.name, f"{base}?{urlencode({'queue': team.slug})}"))
    return queues


def _queue_cases(user, queue: Queue, searching: bool) -> QuerySet[Case]:
    visible = policies.visible_cases(user)
    if searching:
        return visible  # a search looks through every case the officer may see
    if queue.key == MY_WORK:
        return visible.filter(assigned_to=user)
    return visible.filter(team__slug=queue.key)


def _queue_page(request: HttpRequest, bulk_form: BulkReassignForm | None = None) -> HttpResponse:
    user = request.user
    queues = _queues(user)
    key = request.GET.get("queue", MY_WORK)
    queue = next((q for q in queues if q.key == key), None)
    if queue is None:
        raise Http404
    filter_form = QueueFilterForm(request.GET)
    filters = filter_form.filters()
    cases = queue_cases(_queue_cases(user, queue, bool(filters.search)), filters)
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    may_bulk = policies.can_bulk_reassign(user)
    if may_bulk and bulk_form is None:
        bulk_form = BulkReassignForm(actor=user, cases=policies.visible_cases(user), prefix="bulk")
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "staff/queues/queue.html",
        {
            "queues": queues,
            "queue": queue,
            "filter_form": filter_form,
            "filters": filters,
            "page": page,
            "query_without_page": keep.urlencode(),
            "query": request.GET.urlencode(),
            "bulk_form": bulk_form if may_bulk else None,
        },
    )


@staff_only
def queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request)


@staff_only
@require_POST
def bulk_reassign(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policies.can_bulk_reassign(user):
        raise PermissionDenied
    form = BulkReassignForm(
        request.POST, actor=user, cases=policies.visible_cases(user), prefix="bulk"
    )
    if not form.is_valid():
        return _queue_page(request, bulk_form=form)
    moved, refused = 0, []
    for case in form.cleaned_data["cases"]:
        try:
            services.reassign_case(
                actor=user,
                case=case,
                team=form.cleaned_data["team"],
                officer=form.cleaned_data["officer"],
                reason=form.cleaned_data["reason"],
            )
            moved += 1
        except (PermissionDenied, services.CaseError) as error:
            refused.append(f"{case.reference}: {error}")
    if moved:
        messages.success(
            request,
            ngettext("%(count)d case reassigned", "%(count)d cases reassigned", moved)
            % {"count": moved},
        )
    for problem in refused:
        messages.warning(request, _("Not reassigned: %(problem)s") % {"problem": problem})
    url = reverse("staff:queues")
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
