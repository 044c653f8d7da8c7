"""Satisfaction on the citizen site: rating a finished request, and "Is this page useful?"."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from opencex import ratelimits
from opencex.clientaddress import client_address
from opencex.feedback import services
from opencex.feedback.models import COMMENT_MAX_LENGTH, Score
from opencex.web.track_views import NeedsTracking, case_for_visitor, track_form_url

JUST_RATED_KEY = "feedback_just_rated"
THANKED_PATH_KEY = "page_feedback_thanks"
AWAITING_DETAILS_KEY = "page_feedback_awaiting_details"
PAGE_FEEDBACK_LIMIT = 30  # answers per IP address ...
PAGE_FEEDBACK_WINDOW = timedelta(hours=1)  # ... in this window

_TOO_LONG = _("Your answer must be 1000 characters or fewer")


class RadioSelect(forms.RadioSelect):
    """Radios whose field "label id" is the first option's, so the error summary links to it."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Overall, how did you feel about the service you received?"),
        choices=Score.choices,
        coerce=int,
        widget=RadioSelect,
        error_messages={"required": _("Choose how satisfied you are")},
    )
    comment = forms.CharField(
        label=_("How could we improve this service? (optional)"),
        help_text=_("Do not include personal or financial information."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"max_length": _TOO_LONG},
    )
    hear_of_changes = forms.BooleanField(
        label=_("Tell me what changes because of my feedback"),
        help_text=_("We will email or text you, as you asked us to contact you."),
        required=False,
    )


class PageDetailsForm(forms.Form):
    trying_to_do = forms.CharField(
        label=_("What were you trying to do? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"max_length": _TOO_LONG},
    )
    what_went_wrong = forms.CharField(
        label=_("What went wrong? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"max_length": _TOO_LONG},
    )


def _language() -> str:
    return (get_language() or "")[:16]


@never_cache
@require_http_methods(["GET", "POST"])
def case_feedback(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        case, _grant = case_for_visitor(request, reference)
    except NeedsTracking as needs:
        return redirect(track_form_url(str(needs), then="feedback"))
    if request.session.pop(JUST_RATED_KEY, None) == case.reference:
        return render(request, "web/feedback/rated.html", {"case": case, "just_rated": True})
    if case.ratings.exists():
        return render(request, "web/feedback/rated.html", {"case": case, "just_rated": False})
    if not services.can_rate(case):
        return render(request, "web/feedback/not_yet.html", {"case": case})
    form = RatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_rating(
                case=case,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                language=_language(),
                page_path=request.path,
                hear_of_changes=form.cleaned_data["hear_of_changes"],
            )
        except services.AlreadyRated:
            return render(request, "web/feedback/rated.html", {"case": case, "just_rated": False})
        except services.FeedbackError as error:
            form.add_error("score", str(error))
        else:
            request.session[JUST_RATED_KEY] = case.reference
            return redirect("web:track-feedback", reference=case.reference)
    status = 400 if form.is_bound else 200
    return render(request, "web/feedback/rate.html", {"case": case, "form": form}, status=status)


def _safe_path(request: HttpRequest, candidate: str) -> str:
    if (
        candidate.startswith("/")
        and not candidate.startswith("//")
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()})
    ):
        return candidate
    return "/"


@never_cache
@require_POST
def page_feedback(request: HttpRequest) -> HttpResponse:
    """The "Is this page useful?" buttons, posted from any citizen page."""
    path = _safe_path(request, request.POST.get("path", ""))
    answer = request.POST.get("useful")
    if answer not in {"yes", "no"}:
        return redirect(path)
    if not ratelimits.allow(
        scope="page-feedback",
        values=[client_address(request)],
        limit=PAGE_FEEDBACK_LIMIT,
        window=PAGE_FEEDBACK_WINDOW,
    ):
        return render(request, "web/feedback/too_many.html", {"path": path}, status=429)
    feedback = services.record_page_feedback(
        path=path,
        is_useful=answer == "yes",
        service_slug=request.POST.get("service", "")[:120],
        language=_language(),
    )
    if answer == "no":
        request.session[AWAITING_DETAILS_KEY] = {"id": feedback.pk, "path": path}
        return redirect("web:page-feedback-details")
    request.session[THANKED_PATH_KEY] = feedback.path
    return redirect(f"{path}#page-feedback")


@never_cache
@require_http_methods(["GET", "POST"])
def page_feedback_details(request: HttpRequest) -> HttpResponse:
    """After "No": what they were trying to do and what went wrong (both optional)."""
    awaiting = request.session.get(AWAITING_DETAILS_KEY)
    if not awaiting:
        return redirect("web:home")
    form = PageDetailsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        feedback = services.add_page_feedback_details(
            feedback_id=awaiting["id"], **form.cleaned_data
        )
        del request.session[AWAITING_DETAILS_KEY]
        request.session[THANKED_PATH_KEY] = feedback.path
        return redirect(f"{awaiting['path']}#page-feedback")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "web/feedback/page_details.html",
        {"form": form, "path": awaiting["path"], "hide_page_feedback": True},
        status=status,
    )
