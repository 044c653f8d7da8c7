"""Thin views over opencex.duplicatereports: the queue of possible same jobs, merging a job's
reports (through cases.links.mark_duplicate, via duplicatereports.services.merge) and saying two
reports are not the same. A proposal the officer may not see is a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opencex.cases.errors import CaseError
from opencex.duplicatereports import services
from opencex.duplicatereports.models import ProposalStatus
from opencex.duplicatereports.policies import visible_proposals
from opencex.duplicatereports.selectors import Job, job_mains, open_jobs
from opencex.staff.access import staff_only
from opencex.staff.queues.paging import page_number, page_of

JOBS_PER_PAGE = 20

_BIGGEST_ID = 2**63 - 1


class MergeForm(forms.Form):
    proposals = forms.TypedMultipleChoiceField(
        label="Reports to merge",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the reports to merge into this job",
            "invalid_choice": "One of these reports was decided a moment ago. Reload the page.",
        },
    )

    def __init__(self, *args, job: Job, **kwargs) -> None:
        super().__init__(*args, prefix=f"job{job.main.pk}", **kwargs)
        self.fields["proposals"].choices = [(p.pk, p.case.reference) for p in job.proposals]


def _id(text: str | None) -> int | None:
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19 or int(text) > _BIGGEST_ID:
        return None
    return int(text)


def _render_queue(request: HttpRequest, failed: MergeForm | None = None, status: int = 200):
    user = request.user
    page = page_of(
        job_mains(user),
        page_number(request.GET.get("page")),
        JOBS_PER_PAGE,
        rows=lambda ids: open_jobs(user, main_ids=ids),
    )
    rows = []
    for job in page.object_list:
        form = failed if failed is not None and failed.prefix == f"job{job.main.pk}" else None
        rows.append((job, form or MergeForm(job=job)))
    return render(
        request,
        "staff/duplicatereports/queue.html",
        {"rows": rows, "failed_form": failed, "page": page},
        status=status,
    )


@staff_only
def queue(request: HttpRequest) -> HttpResponse:
    return _render_queue(request)


def _back(request: HttpRequest, reference: str) -> HttpResponse:
    if request.POST.get("back") == "case":
        return redirect("staff:case", reference=reference)
    return redirect("staff:duplicate-reports")


@staff_only
@require_POST
def merge(request: HttpRequest) -> HttpResponse:
    main_id = _id(request.POST.get("job"))
    # A job closed since the page was read is found too: the merge then says why it is refused.
    jobs = open_jobs(request.user, main_id=main_id, main_open=False) if main_id is not None else []
    if not jobs:
        raise Http404("No such job with open proposals")
    form = MergeForm(request.POST, job=jobs[0])
    if form.is_valid():
        try:
            main = services.merge(actor=request.user, proposal_ids=form.cleaned_data["proposals"])
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            count = len(form.cleaned_data["proposals"])
            messages.success(
                request,
                f"Merged {count} report{'s' if count != 1 else ''} into {main.reference}: "
                "their reporters will hear when the job changes.",
            )
            return _back(request, main.reference)
    return _render_queue(request, failed=form, status=400)


@staff_only
@require_POST
def not_the_same(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposals(request.user).filter(pk=pk).select_related("case").first()
    if proposal is None:
        raise Http404("No such proposal")
    if proposal.status == ProposalStatus.OPEN:
        try:
            services.not_the_same(actor=request.user, proposal_id=proposal.pk)
        except CaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{proposal.case.reference}: kept as a separate job.")
    return _back(request, proposal.case.reference)
