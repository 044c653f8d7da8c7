"""The resident's complaint actions on the tracking page: ask for stage 2 of a complaint, or
make a complaint about a request, starting from what they told us. Access is the tracking page's
(signed in, or holding a reference grant); the rules are the complaints app's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind
from opencex.cases.policies import ReferenceGrant
from opencex.complaints import services as complaint_services
from opencex.web import track_views
from opencex.web.complaint_tracking import ComplainForm, EscalateForm, words_to_start_from


@never_cache
@require_POST
@track_views.for_visitor
def track_escalate(request: HttpRequest, case: Case, grant: ReferenceGrant | None) -> HttpResponse:
    """The resident asks for stage 2 of their complaint."""
    if case.kind != CaseKind.COMPLAINT:
        raise Http404
    form = EscalateForm(request.POST)
    if form.is_valid():
        try:
            complaint_services.escalate_to_stage_two(
                actor=request.user, grant=grant, case=case, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied:
            raise Http404 from None
        except CaseError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request,
                _("Your complaint is now at stage 2. A different officer will look at it again."),
            )
            return redirect("web:track-case", reference=case.reference)
    return track_views.render_case_page(request, case, grant, escalate_form=form, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
@track_views.for_visitor
def track_complain(request: HttpRequest, case: Case, grant: ReferenceGrant | None) -> HttpResponse:
    """Make a complaint about a request, starting from what the resident told us on it."""
    if case.kind == CaseKind.COMPLAINT:
        raise Http404
    if request.method == "POST":
        form = ComplainForm(request.POST)
        if form.is_valid():
            try:
                complaint = complaint_services.complain_about_request(
                    actor=request.user, grant=grant, case=case, **form.cleaned_data
                )
            except PermissionDenied:
                raise Http404 from None
            except CaseError as error:
                form.add_error(None, str(error))
            else:
                if grant is not None:
                    track_views.remember_grant(request, complaint, grant.email)
                messages.success(
                    request,
                    _("We have your complaint. Its reference is %(reference)s.")
                    % {"reference": complaint.reference},
                )
                return redirect("web:track-case", reference=complaint.reference)
    else:
        form = ComplainForm(initial={"what_happened": words_to_start_from(case)})
    status = 400 if form.errors else 200
    return render(request, "web/track/complain.html", {"case": case, "form": form}, status=status)
