"""You said, we did for staff: the list of changes, recording one, linking the feedback behind
it (by reference or by searching), publishing (after a confirmation that says how many
residents will be told) and withdrawing.

Every page is for officers who may record changes (yousaidwedid.policies); publishing and
withdrawing for team managers and administrators. The views parse, call the one service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencex.staff.access import staff_only
from opencex.staff.yousaidwedid.forms import ChangeForm, LinkForm, WithdrawForm
from opencex.yousaidwedid import policies, selectors, services
from opencex.yousaidwedid.models import Change, ChangeStatus


def _may_record(request: HttpRequest) -> None:
    if not policies.can_record_changes(request.user):
        raise PermissionDenied


@staff_only
@require_GET
def changes(request: HttpRequest) -> HttpResponse:
    _may_record(request)
    rows = list(Change.objects.select_related("service_area", "service"))
    counts = selectors.feedback_counts(rows)
    context = {"rows": [(change, counts[change.pk]) for change in rows]}
    return render(request, "staff/yousaidwedid/changes.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest) -> HttpResponse:
    _may_record(request)
    form = ChangeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            change = services.record_change(actor=request.user, **form.cleaned_data)
        except services.ChangeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Change recorded as a draft. Now link the feedback."))
            return redirect("staff:change", pk=change.pk)
    status = 400 if form.is_bound else 200
    return render(request, "staff/yousaidwedid/record.html", {"form": form}, status=status)


def _change_page(
    request: HttpRequest, change: Change, link_form: LinkForm, status: int = 200
) -> HttpResponse:
    words = request.GET.get("q", "").strip()[:100]
    context = {
        "change": change,
        "sources": change.sources.select_related(
            "case", "rating__case", "page_feedback", "survey_response"
        ),
        "counts": selectors.feedback_counts([change])[change.pk],
        "link_form": link_form,
        "withdraw_form": WithdrawForm(),
        "words": words,
        "found": selectors.search_feedback(request.user, words) if words else None,
        "may_publish": policies.can_publish_changes(request.user),
        "events": change.events.select_related("actor")[:50],
    }
    return render(request, "staff/yousaidwedid/change.html", context, status=status)


@staff_only
@require_GET
def change(request: HttpRequest, pk: int) -> HttpResponse:
    _may_record(request)
    return _change_page(request, get_object_or_404(Change, pk=pk), LinkForm())


@staff_only
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    _may_record(request)
    change = get_object_or_404(Change, pk=pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        feedback = selectors.feedback_named(request.user, kind, form.cleaned_data["reference"])
        if not feedback:
            form.add_error("reference", _("There is no feedback of that kind with that reference"))
        else:
            try:
                services.link_source(actor=request.user, change=change, kind=kind, **feedback)
            except services.ChangeError as error:
                form.add_error("reference", str(error))
            else:
                messages.success(request, _("Feedback linked to the change."))
                return redirect("staff:change", pk=change.pk)
    return _change_page(request, change, form, status=400)


@staff_only
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(Change, pk=pk)
    if not policies.can_publish_changes(request.user):
        raise PermissionDenied
    if change.is_published:
        return redirect("staff:change", pk=change.pk)
    if request.method == "POST":
        try:
            notices = services.publish_change(actor=request.user, change=change)
        except services.ChangeError as error:  # published meanwhile (a second click, say)
            messages.error(request, str(error))
            return redirect("staff:change", pk=change.pk)
        messages.success(
            request,
            _("Change published. %(count)s residents were told.") % {"count": len(notices)},
        )
        return redirect("staff:change", pk=change.pk)
    context = {"change": change, "to_tell": len(selectors.people_to_tell(change))}
    return render(request, "staff/yousaidwedid/publish.html", context)


@staff_only
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(Change, pk=pk)
    if not policies.can_publish_changes(request.user):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if form.is_valid() and change.status == ChangeStatus.PUBLISHED:
        try:
            services.withdraw_change(actor=request.user, change=change, **form.cleaned_data)
        except services.ChangeError as error:  # withdrawn meanwhile (a second click, say)
            messages.error(request, str(error))
            return redirect("staff:change", pk=change.pk)
        messages.success(request, _("Change withdrawn: it is no longer on the website."))
        return redirect("staff:change", pk=change.pk)
    if not form.errors:
        form.add_error("reason", _("Only a published change can be withdrawn"))
    context = {"change": change, "withdraw_form": form}
    return render(request, "staff/yousaidwedid/withdraw.html", context, status=400)
