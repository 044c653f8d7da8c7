"""Tracking a request: find it by reference and email, or from "Your requests"; see where it is,
what happens next and its history; reply, or say "it is not fixed"; for a complaint, its stage,
our decision, asking for stage 2, and the ombudsman after our final response; and, where the
resident sounds unhappy about a request, the offer to make a complaint about it.

Wording for residents lives in STATUS_WORDS, NEXT_STEPS and the timeline mapping below, in one
place, in plain English.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from opencex import ratelimits
from opencex.accounts.sign_in_links import request_sign_in_link
from opencex.cases import links, resident_actions
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind, EventKind, Status
from opencex.cases.policies import INFORMATION_RIGHTS, ReferenceGrant
from opencex.cases.references import normalise_reference, reference_hint
from opencex.cases.selectors import case_for_reference_and_email
from opencex.cases.workflow import TransitionNotAllowed
from opencex.clientaddress import client_address
from opencex.feedback.services import can_rate
from opencex.housing.awaab import hazard_steps
from opencex.notify.letters import promise_for, what_it_is
from opencex.web.complaint_tracking import complaint_context

GRANTS_KEY = "track_grants"
MAX_GRANTS = 20
TRACK_LIMIT = 10  # wrong reference/email pairs per IP address (and per reference) ...
TRACK_WINDOW = timedelta(minutes=15)  # ... in this window
_TRACK_SCOPES = ("track-ip", "track-reference")
SENT_TO_KEY = "sign_in_link_sent_to"  # as web.account_views: the page that says "check your email"
MESSAGE_MAX_LENGTH = 5000


STATUS_WORDS = {
    Status.RECEIVED: gettext_lazy("We have your request"),
    Status.ACKNOWLEDGED: gettext_lazy("We are looking at your request"),
    Status.IN_PROGRESS: gettext_lazy("We are working on it"),
    Status.AWAITING_RESIDENT: gettext_lazy("We are waiting for you"),
    Status.RESPONDED: gettext_lazy("We have replied"),
    Status.RESOLVED: gettext_lazy("We think it is sorted"),
    Status.CLOSED: gettext_lazy("Finished"),
    Status.WITHDRAWN: gettext_lazy("Withdrawn"),
}

# A job another resident reported, as its followers see it: a wait for that resident, or a reply
# to them, is the job still in progress, never "waiting for you" or "we have replied".
JOB_STATUS_WORDS = {
    **STATUS_WORDS,
    Status.AWAITING_RESIDENT: STATUS_WORDS[Status.IN_PROGRESS],
    Status.RESPONDED: STATUS_WORDS[Status.IN_PROGRESS],
}

_REQUEST, _COMPLAINT, _INFORMATION, _FEEDBACK = "request", "complaint", "information", "feedback"

NEXT_STEPS = {
    (_REQUEST, Status.RECEIVED): gettext_lazy(
        "The right team will look at it and start work. You do not need to do anything."
    ),
    (_REQUEST, Status.IN_PROGRESS): gettext_lazy(
        "We are doing the work. We will tell you when it is done."
    ),
    (_REQUEST, Status.RESOLVED): gettext_lazy(
        "We think we have sorted this out. If it is not fixed, tell us below and we will look "
        "at it again."
    ),
    (_REQUEST, Status.CLOSED): gettext_lazy(
        "We have finished. If it is not fixed, tell us below and we will look at it again."
    ),
    (_COMPLAINT, Status.RECEIVED): gettext_lazy(
        "We will write to you to say we have your complaint and who is looking into it."
    ),
    (_COMPLAINT, Status.ACKNOWLEDGED): gettext_lazy(
        "An officer is looking into your complaint. They will send you a full reply."
    ),
    (_COMPLAINT, Status.IN_PROGRESS): gettext_lazy(
        "An officer is looking into your complaint. They will send you a full reply."
    ),
    (_COMPLAINT, Status.RESPONDED): gettext_lazy(
        "We have sent you our reply. If you are not happy with it, you can ask for stage 2 "
        "below: a different officer will look at your complaint again."
    ),
    (_COMPLAINT, Status.CLOSED): gettext_lazy("Your complaint is finished."),
    (_INFORMATION, Status.RECEIVED): gettext_lazy(
        "We will look for the information and send you what we can, or tell you why we cannot."
    ),
    (_INFORMATION, Status.ACKNOWLEDGED): gettext_lazy(
        "We are looking for the information you asked for."
    ),
    (_INFORMATION, Status.IN_PROGRESS): gettext_lazy(
        "We are looking for the information you asked for."
    ),
    (_INFORMATION, Status.RESPONDED): gettext_lazy(
        "We have sent you our answer. If you are not happy with it, you can ask for a review."
    ),
    (_INFORMATION, Status.CLOSED): gettext_lazy("Your request is finished."),
    (_FEEDBACK, Status.RECEIVED): gettext_lazy(
        "Thank you. We will pass your words on to the people involved."
    ),
    (_FEEDBACK, Status.ACKNOWLEDGED): gettext_lazy(
        "Thank you. We have passed your words on to the people involved."
    ),
    (_FEEDBACK, Status.CLOSED): gettext_lazy("Thank you. We have passed your words on."),
}
FINAL_RESPONSE_STEP = gettext_lazy(
    "We have sent you our final reply. If you are still unhappy, you can ask the ombudsman to "
    "look at your complaint: see below."
)
WITHDRAWN_STEP = gettext_lazy("We have stopped work on this request.")
WAITING_FOR = {
    "clarification": gettext_lazy(
        "We need you to tell us more before we can carry on. Read our message below and reply "
        "on this page. The time we take starts again when we get your reply."
    ),
    "fees_notice": gettext_lazy(
        "We need you to pay a fee before we can carry on. Our message below says how to pay."
    ),
    "identity": gettext_lazy(
        "We need proof of who you are before we can start. Our message below says what we "
        "can accept."
    ),
}


def _family(kind: str) -> str:
    if kind == CaseKind.COMPLAINT:
        return _COMPLAINT
    if kind in INFORMATION_RIGHTS:
        return _INFORMATION
    if kind in {CaseKind.COMPLIMENT, CaseKind.COMMENT}:
        return _FEEDBACK
    return _REQUEST


def next_steps(case: Case) -> str:
    if case.status == Status.AWAITING_RESIDENT:
        pause = case.pauses.open().first()
        return WAITING_FOR.get(
            pause.reason if pause else "clarification", WAITING_FOR["clarification"]
        )
    if case.status == Status.WITHDRAWN:
        return WITHDRAWN_STEP
    if case.kind == CaseKind.COMPLAINT and case.stage == 2 and case.status == Status.RESPONDED:
        return FINAL_RESPONSE_STEP
    return NEXT_STEPS.get((_family(case.kind), case.status), STATUS_WORDS[case.status])


def timeline_entry(event) -> tuple[str, str]:
    """(what happened, what was said) for one event the resident may see."""
    data = event.data or {}
    if event.kind == EventKind.CREATED:
        return _("We received your request"), ""
    if event.kind == EventKind.MESSAGE_IN:
        return _("You sent us a message"), event.body
    if event.kind == EventKind.MESSAGE_OUT:
        if data.get("stage"):
            return _("We sent you our stage %(stage)s response") % {"stage": data["stage"]}, (
                event.body
            )
        return _("We sent you a message"), event.body
    if event.kind == EventKind.STATUS_CHANGED:
        before, after = data.get("from"), data.get("to")
        if before in {Status.RESOLVED, Status.CLOSED} and after == Status.IN_PROGRESS:
            return _("You told us it is not fixed, so we opened it again"), event.body
        if after == Status.CLOSED:
            return _("We finished your request"), event.body
        words = STATUS_WORDS.get(after)
        return (str(words) if words else event.summary), event.body
    if event.kind == EventKind.ACKNOWLEDGED:
        return _("We told you we have your request and are looking at it"), ""
    if event.kind == EventKind.CLOCK_PAUSED:
        return _("We asked you for something and stopped the clock"), event.body
    if event.kind in {EventKind.CLOCK_RESUMED, EventKind.CLOCK_RESTARTED}:
        return _("We got what we needed and carried on"), ""
    if event.kind == EventKind.EXTENDED:
        return _("We need more time"), event.body
    if event.kind == EventKind.ESCALATED:
        return _("Your complaint moved to stage 2"), event.body
    if event.kind == EventKind.ATTACHMENT_ADDED:
        return _("A file was added"), ""
    return event.summary, ""


def expected_date(case: Case) -> str:
    """The date that now holds, named as the letters name it (`notify.letters.promise_for`,
    with the time for a clock counted in hours: "9:30pm on Friday 25 December 2026")."""
    if case.status == Status.AWAITING_RESIDENT:
        return _("We will give you a new date when we hear from you.")
    if not case.is_open:
        return ""
    promise, _stopped_since = promise_for(case)
    if promise is None:
        return ""
    if promise.at is not None:  # a clock in hours: an emergency hazard in a council home
        return _("We will make your home safe by %(time_and_date)s.") % {
            "time_and_date": str(promise)
        }
    return _("We aim to finish by %(date)s.") % {"date": str(promise)}


def what_it_is_in_english(case: Case) -> str:
    """What the case is, as the letters say it ("Your report of a missed bin collection"), on
    the English page only: the phrase is built from the catalogue's English service titles, so
    other languages keep the page's translated heading alone."""
    if not get_language().startswith("en"):
        return ""
    return capfirst(what_it_is(case))


# --- Access -----------------------------------------------------------------------------------


def grant_for(request: HttpRequest, reference: str) -> ReferenceGrant | None:
    held = request.session.get(GRANTS_KEY, {}).get(reference)
    return ReferenceGrant(case_id=held["case_id"], email=held["email"]) if held else None


def remember_grant(request: HttpRequest, case: Case, email: str) -> None:
    grants = dict(request.session.get(GRANTS_KEY, {}))
    grants.pop(case.reference, None)
    grants[case.reference] = {"case_id": case.pk, "email": email.strip().lower()}
    request.session[GRANTS_KEY] = dict(list(grants.items())[-MAX_GRANTS:])


class NeedsTracking(Exception):
    """An anonymous visitor with no grant for this reference: send them to the tracking form."""


def case_for_visitor(request: HttpRequest, reference: str) -> tuple[Case, ReferenceGrant | None]:
    """The case and the visitor's grant, if they may see it. A signed-in stranger gets a 404; an
    anonymous visitor is sent to the form (before any lookup, so a reference's existence is not
    revealed)."""
    reference = normalise_reference(reference)
    grant = grant_for(request, reference)
    if grant is None and not request.user.is_authenticated:
        raise NeedsTracking(reference)
    case = Case.objects.select_related("service", "resident").filter(reference=reference).first()
    if case is None or not resident_actions.can_act_on(actor=request.user, grant=grant, case=case):
        if grant is not None and not request.user.is_authenticated:
            raise NeedsTracking(reference)  # the email on the case changed since
        raise Http404
    return case, grant


def for_visitor(
    view: Callable[[HttpRequest, Case, ReferenceGrant | None], HttpResponse],
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A tracking-page view for one case, called with the case and the visitor's grant when they
    may see it (`case_for_visitor`); a visitor who must first give the reference and email is
    sent to the tracking form."""

    @wraps(view)
    def wrapped(request: HttpRequest, reference: str) -> HttpResponse:
        try:
            case, grant = case_for_visitor(request, reference)
        except NeedsTracking as needs:
            return redirect(track_form_url(str(needs)))
        return view(request, case, grant)

    return wrapped


def track_form_url(reference: str, then: str = "") -> str:
    query = {"reference": reference, **({"then": then} if then else {})}
    return f"{reverse('web:track')}?{urlencode(query)}"


# --- Forms ------------------------------------------------------------------------------------


class TrackForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Reference"),
        help_text=reference_hint(
            gettext_lazy("It is in the email we sent you, for example %(reference)s."),
            CaseKind.SERVICE_REQUEST,
        ),
        max_length=32,
        error_messages={"required": gettext_lazy("Enter your reference")},
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address you gave us"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter the email address you gave us"),
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com"
            ),
        },
    )


class ReplyForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Add information or reply"),
        help_text=gettext_lazy("Do not include bank details or passwords."),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Write your message"),
            "max_length": gettext_lazy("Your message must be 5000 characters or fewer"),
        },
    )


class NotFixedForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What is still wrong?"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Tell us what is still wrong"),
            "max_length": gettext_lazy("Your answer must be 5000 characters or fewer"),
        },
    )


# --- Views ------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    then = request.POST.get("then") or request.GET.get("then", "")
    then = then if then == "feedback" else ""
    if request.method == "POST":
        form = TrackForm(request.POST)
    else:
        form = TrackForm(initial={"reference": request.GET.get("reference", "")[:32]})
    status = 200
    locked = False
    if request.method == "POST" and form.is_valid():
        reference = normalise_reference(form.cleaned_data["reference"])
        email = form.cleaned_data["email"]
        counted = _count_guess(client_address(request), reference)
        case = case_for_reference_and_email(reference, email) if counted else None
        if case is not None:
            _give_back_guess(client_address(request), reference)
            remember_grant(request, case, email)
            name = "web:track-feedback" if then else "web:track-case"
            return redirect(name, reference=case.reference)
        if not counted:
            form.add_error(
                None,
                _(
                    "You have tried too many times. Wait 15 minutes, then try again, or ask us "
                    "to email you a link to your request."
                ),
            )
            status = 429
            locked = True
        else:
            form.add_error(
                None,
                _(
                    "We could not find a request with that reference and email address. "
                    "Check both and try again."
                ),
            )
    return render(
        request,
        "web/track/find.html",
        {"form": form, "then": then, "locked": locked},
        status=status,
    )


def _count_guess(ip_address: str, reference: str) -> bool:
    """Count a try at a reference and email pair against the address and the reference; False
    (nothing counted, nothing looked up) when either has had too many wrong tries. Counted
    before the lookup (opencex.ratelimits) so that concurrent guesses cannot slip past."""
    for scope, value in zip(_TRACK_SCOPES, (ip_address, reference), strict=True):
        allowed = ratelimits.allow(
            scope=scope, values=[value], limit=TRACK_LIMIT, window=TRACK_WINDOW
        )
        if not allowed:
            if scope != _TRACK_SCOPES[0]:
                ratelimits.give_back(scope=_TRACK_SCOPES[0], values=[ip_address])
            return False
    return True


def _give_back_guess(ip_address: str, reference: str) -> None:
    """A right pair is not a wrong guess: only wrong ones count."""
    for scope, value in zip(_TRACK_SCOPES, (ip_address, reference), strict=True):
        ratelimits.give_back(scope=scope, values=[value])


@never_cache
@require_POST
def track_link(request: HttpRequest) -> HttpResponse:
    """Email a sign-in link that opens this request, for a resident the tracking form has locked
    out (someone else's wrong guesses at their reference can lock it). The guess limit does not
    apply: the link goes only to the email address, and opens the case only if it is the case's
    (checked when it is used). The answer is the same whether or not the pair matched, so this
    is no way around the guess limit. Asking is limited as every sign-in link is."""
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "web/track/find.html", {"form": form, "locked": True}, status=400)
    reference = normalise_reference(form.cleaned_data["reference"])
    email = form.cleaned_data["email"]
    if not request_sign_in_link(
        email=email, ip_address=client_address(request), reference=reference
    ):
        form.add_error(
            None, _("You have asked for too many links. Wait 15 minutes, then try again.")
        )
        return render(request, "web/track/find.html", {"form": form, "locked": True}, status=429)
    request.session[SENT_TO_KEY] = email
    return redirect("web:sign-in-sent")


def open_case_from_link(request: HttpRequest, reference: str, email: str) -> HttpResponse:
    """After a sign-in link asked for from the tracking page: the case, when the link's email
    address is the case's (the resident is now also signed in); else their requests."""
    case = case_for_reference_and_email(reference, email)
    if case is None:
        return redirect("web:your-requests")
    remember_grant(request, case, email)
    return redirect("web:track-case", reference=case.reference)


def render_case_page(
    request, case, grant, *, reply_form=None, not_fixed_form=None, escalate_form=None, status=200
):
    events = [
        (event, *timeline_entry(event))
        for event in case.events.filter(is_visible_to_resident=True).order_by("-at", "-id")
    ]
    # A report merged into another's job shows that job's progress, never whose it is.
    job = links.original_of(case)
    context = {
        "case": case,
        "job": job,
        "job_status_words": JOB_STATUS_WORDS[job.status] if job else "",
        "job_expected_date": expected_date(job)
        if job and job.status != Status.AWAITING_RESIDENT
        else "",
        "status_words": STATUS_WORDS[case.status],
        "next_steps": next_steps(case),
        "expected_date": expected_date(case),
        "steps": hazard_steps(case),  # Awaab's Law, for a hazard in a council home
        "what_it_is": what_it_is_in_english(case),
        "events": events,
        "can_reply": case.is_open,
        "is_waiting_for_clarification": resident_actions.is_waiting_for_clarification(case),
        "can_say_not_fixed": resident_actions.can_say_not_fixed(case),
        "can_rate": can_rate(case),
        "reply_form": reply_form or ReplyForm(),
        "not_fixed_form": not_fixed_form or NotFixedForm(),
        "signed_in_by_reference": grant is not None and not request.user.is_authenticated,
        **complaint_context(case, escalate_form=escalate_form),
    }
    return render(request, "web/track/case.html", context, status=status)


@never_cache
@for_visitor
def track_case(request: HttpRequest, case: Case, grant: ReferenceGrant | None) -> HttpResponse:
    return render_case_page(request, case, grant)


@never_cache
@require_POST
@for_visitor
def track_reply(request: HttpRequest, case: Case, grant: ReferenceGrant | None) -> HttpResponse:
    form = ReplyForm(request.POST)
    if form.is_valid() and case.is_open:
        was_waiting = resident_actions.is_waiting_for_clarification(case)
        try:
            resident_actions.reply(
                actor=request.user, grant=grant, case=case, body=form.cleaned_data["message"]
            )
        except PermissionDenied:
            raise Http404 from None
        except CaseError as error:
            form.add_error("message", str(error))
        else:
            messages.success(
                request,
                _("We have your message. We have started on your request again.")
                if was_waiting
                else _("We have your message."),
            )
            return redirect("web:track-case", reference=case.reference)
    return render_case_page(request, case, grant, reply_form=form, status=400)


@never_cache
@require_POST
@for_visitor
def track_not_fixed(request: HttpRequest, case: Case, grant: ReferenceGrant | None) -> HttpResponse:
    form = NotFixedForm(request.POST)
    if form.is_valid():
        try:
            resident_actions.say_not_fixed(
                actor=request.user, grant=grant, case=case, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied:
            raise Http404 from None
        except (CaseError, TransitionNotAllowed) as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, _("Thank you for telling us. We have opened it again."))
            return redirect("web:track-case", reference=case.reference)
    return render_case_page(request, case, grant, not_fixed_form=form, status=400)
