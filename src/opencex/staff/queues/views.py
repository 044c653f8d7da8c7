"""The staff queues: my work, the vulnerable residents I may see and my teams' cases, filtered,
searched and sorted, a page at a time, and bulk reassignment. Reads go through cases.selectors,
writes through cases.actions."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from opencex.cases import policies
from opencex.cases.actions.routing import reassign_case
from opencex.cases.errors import CaseError
from opencex.cases.models import Case
from opencex.cases.selectors import (
    ClockStatus,
    is_vulnerable,
    queue_order,
    queue_rows,
    services_with_open_cases,
)
from opencex.catalogue.models import Service, Team
from opencex.forecasts.predictions import likely_late_among
from opencex.staff.access import staff_only
from opencex.staff.queues.forms import BulkReassignForm, QueueFilterForm, chosen_service
from opencex.staff.queues.paging import COUNT_LIMIT, page_number, page_of

PER_PAGE = 50
MY_WORK = "mine"
VULNERABLE_RESIDENTS = "vulnerable"


@dataclass(frozen=True)
class Queue:
    key: str
    name: str
    team: Team | None = None

    @property
    def url(self) -> str:
        return self.url_with()

    @property
    def url_overdue(self) -> str:
        return self.url_with(clock=ClockStatus.OVERDUE)

    @property
    def url_due_soon(self) -> str:
        return self.url_with(clock=ClockStatus.DUE_SOON)

    def url_with(self, **filters: str) -> str:
        """This queue's address, with `filters` (e.g. clock="overdue") chosen."""
        params = {} if self.key == MY_WORK else {"queue": self.key}
        params.update(filters)
        base = reverse("staff:queues")
        return f"{base}?{urlencode(params)}" if params else base


def queues_for(user) -> list[Queue]:
    """An officer's queues: their own work, the vulnerable residents they may see, and each of
    their teams."""
    queues = [
        Queue(MY_WORK, _("My work")),
        Queue(VULNERABLE_RESIDENTS, _("Vulnerable residents")),
    ]
    queues += [Queue(team.slug, team.name, team) for team in user.teams.order_by("name")]
    return queues


def queue_scope(user, queue: Queue) -> QuerySet[Case]:
    """The cases in `queue` that `user` may see, open or closed."""
    if queue.key == MY_WORK:
        return policies.visible_assigned_cases(user)
    if queue.key == VULNERABLE_RESIDENTS:
        return policies.visible_cases(user).filter(is_vulnerable())
    return policies.visible_team_cases(user, queue.team)


def _service_choices(scope: QuerySet[Case], queue: Queue, chosen: int | None):
    """The services worth offering in this queue's filter: those of its open cases, the team's
    own, and the one already chosen; not the whole catalogue."""
    offered = services_with_open_cases(scope)
    if queue.team is not None:
        offered = offered | Service.objects.filter(team=queue.team)
    if chosen is not None:
        offered = offered | Service.objects.filter(pk=chosen)
    return (
        offered.select_related("service_area")
        .only("title", "service_area__name")  # all the filter shows
        .order_by("service_area__name", "title")
    )


def _rows(ids: list[int]) -> list[Case]:
    """A page's cases, each with `staff_url`, its case page: reversed once and filled in per
    row, since fifty `{% url %}`s cost more than reading the rows."""
    marker = "REFERENCE-MARKER"
    pattern = reverse("staff:case", args=[marker])
    cases = list(queue_rows(Case.objects.filter(pk__in=ids).order_by()))
    likely_late = likely_late_among(ids, timezone.localdate())
    for case in cases:
        case.staff_url = pattern.replace(marker, quote(case.reference))  # type: ignore[attr-defined]
        case.likely_late = case.pk in likely_late  # type: ignore[attr-defined]
    return cases


def _queue_page(request: HttpRequest, bulk_form: BulkReassignForm | None = None) -> HttpResponse:
    user = request.user
    queues = queues_for(user)
    key = request.GET.get("queue", MY_WORK)
    queue = next((q for q in queues if q.key == key), None)
    if queue is None:
        raise Http404
    scope = queue_scope(user, queue)
    services_offered = _service_choices(scope, queue, chosen_service(request.GET))
    filter_form = QueueFilterForm(request.GET, services=services_offered)
    filters = filter_form.filters()
    # A search looks through every case the officer may see, whichever queue it started from.
    cases = policies.visible_cases(user) if filters.search else scope
    page = page_of(
        queue_order(cases, filters),
        page_number(request.GET.get("page")),
        PER_PAGE,
        rows=_rows,
        count_while_sorting=bool(filters.search),
    )
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
            "count_limit": number_format(COUNT_LIMIT, force_grouping=True),
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
            reassign_case(
                actor=user,
                case=case,
                team=form.cleaned_data["team"],
                officer=form.cleaned_data["officer"],
                reason=form.cleaned_data["reason"],
            )
            moved += 1
        except (PermissionDenied, CaseError) as error:
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
