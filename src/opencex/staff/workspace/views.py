"""The staff workspace's pages: signing in and out, and the workspace home."""

from __future__ import annotations

from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from opencex.accounts import second_factor
from opencex.cases.selectors import count_open_cases
from opencex.contacts.services import OFFICER_CHANNELS
from opencex.forms.models import FormDefinition
from opencex.notify.models import Notification
from opencex.notify.policies import can_read_outbox
from opencex.people import policies as people_policies
from opencex.people import services as people_services
from opencex.people.models import Resident
from opencex.requestguard import database_id
from opencex.staff.access import staff_only
from opencex.staff.queues.views import queue_scope, queues_for
from opencex.staff.signin import attempts, sign_in
from opencex.staff.signin.forms import CodeForm, SignInForm


def _is_fully_signed_in(request: HttpRequest) -> bool:
    return second_factor.is_fully_signed_in(request.user)


def _signed_in(request: HttpRequest, user, next_url: str, device=None) -> HttpResponse:
    """Finish signing in, forgive the failed attempts before it, and recognise this browser for
    the account from now on (its own failed attempts then never count against the account:
    staff.signin.attempts)."""
    attempts.succeeded(request, user.email)
    sign_in.complete(request, user, device)
    response = redirect(next_url)
    attempts.remember_browser(request, response, user.email)
    return response


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in_password(request: HttpRequest) -> HttpResponse:
    next_url = sign_in.safe_next_url(
        request, request.POST.get("next") or request.GET.get("next", ""), reverse("staff:home")
    )
    if _is_fully_signed_in(request):
        return redirect(next_url)
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.user
        if second_factor.needs_second_factor(user):
            sign_in.start_second_factor(request, user, next_url)
            return redirect("staff:sign-in-code")
        if second_factor.must_set_up_second_factor(user):
            sign_in.start_second_factor(request, user, next_url)
            return redirect("staff:sign-in-set-up")
        return _signed_in(request, user, next_url)
    return render(request, "staff/sign_in.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def sign_in_code(request: HttpRequest) -> HttpResponse:
    user = sign_in.pending_user(request)
    if user is None:
        if request.session.pop(sign_in.PENDING_KEY, None):
            messages.info(request, _("Your sign-in timed out. Sign in again."))
        return redirect("staff:sign-in")
    form = CodeForm(request, user, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        next_url = sign_in.safe_next_url(
            request, sign_in.pending_next_url(request), reverse("staff:home")
        )
        return _signed_in(request, user, next_url, form.device)
    return render(request, "staff/sign_in_code.html", {"form": form})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def sign_in_set_up(request: HttpRequest) -> HttpResponse:
    """Adding an authenticator app, when the officer's role needs one and they have none: the
    key to type into the app (or its link), then a code from the app to prove it works."""
    user = sign_in.pending_user(request)
    if user is None or not second_factor.must_set_up_second_factor(user):
        if request.session.pop(sign_in.PENDING_KEY, None):
            messages.info(request, _("Your sign-in timed out. Sign in again."))
        return redirect("staff:sign-in")
    device = sign_in.device_being_set_up(user)
    form = CodeForm(
        request, user, data=request.POST if request.method == "POST" else None, setting_up=device
    )
    if request.method == "POST" and form.is_valid():
        sign_in.confirm_device(device)
        next_url = sign_in.safe_next_url(
            request, sign_in.pending_next_url(request), reverse("staff:home")
        )
        messages.success(request, _("Your authenticator app is set up."))
        return _signed_in(request, user, next_url, device)
    key = b32encode(device.bin_key).decode()
    return render(
        request,
        "staff/sign_in_set_up.html",
        {
            "form": form,
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "config_url": device.config_url,
        },
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("staff:sign-in")


@staff_only
def home(request: HttpRequest) -> HttpResponse:
    """The officer's queues with how many open cases each holds, overdue and due soon."""
    today = timezone.localdate()
    queues = [
        (queue, count_open_cases(queue_scope(request.user, queue), today=today))
        for queue in queues_for(request.user)
    ]
    reviews_due = people_services.count_reviews_due(actor=request.user, today=today)
    return render(request, "staff/home.html", {"queues": queues, "reviews_due": reviews_due})


@staff_only
def outbox(request: HttpRequest) -> HttpResponse:
    """Text messages the local SMS adapter 'sent', so staff can read them in development."""
    if not can_read_outbox(request.user):
        raise PermissionDenied
    messages_sent = Notification.objects.outbox().select_related("case")
    page = Paginator(messages_sent, 50).get_page(request.GET.get("page"))
    return render(request, "staff/outbox.html", {"page": page})


def admin_sign_in(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin site signs in through the staff sign-in (with its second factor), and only
    administrators get past it. A signed-in administrator whose second factor is still to
    prove (or set up) is sent to the staff sign-in like anyone else; others are refused."""
    if request.user.is_authenticated and (
        second_factor.is_fully_signed_in(request.user) or not request.user.is_staff
    ):
        raise PermissionDenied
    return redirect_to_login(request.get_full_path(), reverse("staff:sign-in"))


@staff_only
def assisted_forms(request: HttpRequest) -> HttpResponse:
    """Every citizen form, to fill in for a resident on the phone, at the desk, at outreach, or
    from a letter or email: the same forms residents use, with the channel recorded on the case.
    From a resident's page (`?resident=<id>`) the case is theirs and their details filled in."""
    resident = None
    if "resident" in request.GET:
        resident = get_object_or_404(Resident, pk=database_id(request.GET["resident"]) or 0)
        if not people_policies.can_view_resident(request.user, resident):
            raise PermissionDenied
    definitions = FormDefinition.objects.filter(is_live=True).order_by("title")
    return render(
        request,
        "staff/assisted_forms.html",
        {"definitions": definitions, "channels": OFFICER_CHANNELS, "resident": resident},
    )
