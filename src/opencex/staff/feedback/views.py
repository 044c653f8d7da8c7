"""Compliments and comments for staff: the recognition feed (compliments for me and my teams),
passing a compliment on to the officer and team it names, comments about my teams' services, and
giving a comment its theme and owning service.

The feeds are for every officer; passing on and theming are for the handlers of that case (a case
the officer may not see is a 404, one they may not handle a 403).
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from opencex.cases import policies as case_policies
from opencex.cases.models import Case, CaseKind
from opencex.feedback import policies, selectors, services
from opencex.feedback.models import CommentReview, CommentTheme
from opencex.staff.access import staff_only
from opencex.staff.complaints.forms import PassOnComplimentForm, ThemeCommentForm


def _case_of_kind(request: HttpRequest, reference: str, kind: str) -> Case:
    cases = case_policies.visible_cases(request.user).filter(kind=kind)
    return get_object_or_404(cases.select_related("service", "team"), reference=reference)


def _carry_out(
    request: HttpRequest, case: Case, form: forms.Form, act: Callable[..., object]
) -> bool:
    """Call the feedback action with the form's answers; False when the form is not valid or
    the rules refuse (the refusal is then on the form)."""
    if not form.is_valid():
        return False
    try:
        act(actor=request.user, case=case, **form.cleaned_data)
    except services.FeedbackError as error:
        form.add_error(None, str(error))
        return False
    return True


@staff_only
@require_GET
def compliments(request: HttpRequest) -> HttpResponse:
    context = {
        "feed": selectors.recognition_feed(request.user)[:100],
        "to_pass_on": selectors.compliments_to_pass_on(request.user)[:100],
    }
    return render(request, "staff/complaints/compliments.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def compliment(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_of_kind(request, reference, CaseKind.COMPLIMENT)
    if not policies.can_pass_on_compliment(request.user, case):
        raise PermissionDenied
    said = f"{case.subject}\n{case.description}"
    officers, teams = selectors.suggested_officers(said), selectors.suggested_teams(said)
    if request.method == "POST":
        form = PassOnComplimentForm(request.POST, prefix="compliment")
        if _carry_out(request, case, form, services.pass_on_compliment):
            messages.success(request, _("Compliment passed on. Thank you."))
            return redirect("staff:compliments")
    else:
        form = PassOnComplimentForm(
            prefix="compliment",
            initial={
                "officer": officers.first(),
                "team": teams.first(),
                "words": case.description,
            },
        )
    context = {
        "case": case,
        "form": form,
        "suggested_officers": officers,
        "suggested_teams": teams,
        "recognition": getattr(case, "recognition", None),
    }
    return render(
        request, "staff/complaints/compliment.html", context, status=400 if form.errors else 200
    )


@staff_only
@require_GET
def comments(request: HttpRequest) -> HttpResponse:
    themes = CommentTheme.objects.order_by("name")
    chosen = themes.filter(slug=request.GET.get("theme", "")).first()
    reviews = selectors.comments_for_my_services(request.user)
    if chosen is not None:
        reviews = reviews.filter(theme=chosen)
    context = {
        "themes": themes,
        "chosen": chosen,
        "reviews": reviews[:200],
        "to_theme": selectors.comments_to_theme(request.user)[:100],
    }
    return render(request, "staff/complaints/comments.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def comment(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_of_kind(request, reference, CaseKind.COMMENT)
    if not policies.can_theme_comment(request.user, case):
        raise PermissionDenied
    review = CommentReview.objects.filter(case=case).first()
    suggested = selectors.suggested_theme(f"{case.subject}\n{case.description}")
    if request.method == "POST":
        form = ThemeCommentForm(request.POST, prefix="comment")
        if _carry_out(request, case, form, services.theme_comment):
            messages.success(request, _("Comment themed. The service's teams can see it."))
            return redirect("staff:comments")
    else:
        initial = (
            {"theme": review.theme, "service": review.service} if review else {"theme": suggested}
        )
        form = ThemeCommentForm(prefix="comment", initial=initial)
    context = {"case": case, "form": form, "suggested": suggested, "review": review}
    return render(
        request, "staff/complaints/comment.html", context, status=400 if form.errors else 200
    )
