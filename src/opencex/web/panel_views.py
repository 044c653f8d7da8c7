"""The Residents Panel and Youth Panel on the citizen site (opencex.panels): what they are,
joining, a parent's or carer's agreement, "still happy to be on the panel?", and leaving, from a
link in any panel email (no sign-in) or from the resident's account. Plain GET and POST forms:
no JavaScript needed. Every write is a panels.services call."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from opencex import ratelimits
from opencex.clientaddress import client_address
from opencex.languages import current_language
from opencex.panels import census, questions, services
from opencex.panels.models import Membership, MembershipStatus, PanelKind
from opencex.web.account_views import _choices, is_signed_in_resident
from opencex.web.panel_forms import JoinForm

SIGN_UPS_PER_HOUR = 5
JOINED_KEY = "panel_joined"


def _panel(kind: str):
    if kind not in PanelKind.values:
        raise Http404
    return services.ensure_panels()[kind]


def panels_home(request: HttpRequest) -> HttpResponse:
    panels = services.ensure_panels()
    return render(
        request,
        "web/panels/home.html",
        {
            "residents": panels[PanelKind.RESIDENTS],
            "youth": panels[PanelKind.YOUTH],
            "residents_full": services.is_full(panels[PanelKind.RESIDENTS]),
            "youth_full": services.is_full(panels[PanelKind.YOUTH]),
        },
    )


def _errors(form: JoinForm) -> list[dict[str, str]]:
    """The error summary's lines, in the order of the page."""
    found = []
    for name in form.fields:
        if name == "postcode" and form.date_problem:
            found.append({"href": "#date_of_birth-day", "text": form.date_problem})
        for error in form.errors.get(name, []):
            found.append({"href": f"#{form[name].id_for_label}", "text": error})
    return found


@never_cache
@require_http_methods(["GET", "POST"])
def panel_join(request: HttpRequest, kind: str) -> HttpResponse:
    panel = _panel(kind)
    youth = kind == PanelKind.YOUTH
    form = JoinForm(request.POST if request.method == "POST" else None, youth=youth)
    problem = ""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.born is not None:
            data = form.cleaned_data
            if not ratelimits.allow(
                scope="panel-sign-up",
                values=[client_address(request), data["email"] or data["phone"]],
                limit=SIGN_UPS_PER_HOUR,
                window=timedelta(hours=1),
            ):
                problem = _("You have tried to join too many times. Try again in an hour.")
                status = 429
            else:
                applicant = services.Applicant(
                    full_name=data["full_name"],
                    date_of_birth=form.born,
                    email=data["email"],
                    phone=data["phone"],
                    contact_by=data["contact_by"],
                    postcode=data["postcode"],
                    ward=data["ward"],
                    tenure=data["tenure"],
                    ethnic_group=data["ethnic_group"],
                    disability=data["disability"],
                    main_language=data["main_language"],
                    agrees_to_join=data["agrees_to_join"],
                    agrees_to_profile=data["agrees_to_profile"],
                    parent_name=data.get("parent_name", ""),
                    parent_email=data.get("parent_email", ""),
                    message=data["message"],
                    language=current_language(),
                )
                resident = (
                    getattr(request.user, "resident", None)
                    if is_signed_in_resident(request)
                    else None
                )
                if resident is not None and (
                    (data["email"] or "").strip().lower() != (resident.email or "").lower()
                ):
                    resident = None  # signed in, but applying with someone else's address
                try:
                    joined = services.join_panel(
                        actor=request.user if resident is not None else None,
                        kind=kind,
                        applicant=applicant,
                        resident=resident,
                    )
                except services.JoinError as error:
                    if error.field == "date_of_birth":
                        form.date_problem = str(error)
                    else:
                        form.add_error(error.field, str(error))
                else:
                    # The public form says the same whatever the address: whether it is already on
                    # a panel is told only to its owner, by the link sent to it.
                    request.session[JOINED_KEY] = (
                        {
                            "kind": kind,
                            "status": joined.membership.status,
                            "already": joined.already_on_panel,
                        }
                        if resident is not None
                        else {"kind": kind, "check_email": True, "by_text": not data["email"]}
                    )
                    return redirect("web:panel-joined", kind=kind)
    errors = _errors(form) if form.is_bound else []
    if problem:
        errors = [{"href": "#id_full_name", "text": problem}]
    return render(
        request,
        "web/panels/join.html",
        {
            "panel": panel,
            "youth": youth,
            "form": form,
            "errors": errors,
            "date_field": form.date_field(),
            "contact_by": _choices(form["contact_by"]),
            "tenure": _choices(form["tenure"]),
            "ethnic_group": _choices(form["ethnic_group"]),
            "disability": _choices(form["disability"]),
            "main_language": _choices(form["main_language"]),
            "purpose": questions.PURPOSE,
            "wards": census.wards(),
        },
        status=status if errors else 200,
    )


@never_cache
def panel_joined(request: HttpRequest, kind: str) -> HttpResponse:
    panel = _panel(kind)
    joined = request.session.get(JOINED_KEY)
    if not joined or joined.get("kind") != kind:
        return redirect("web:panel-join", kind=kind)
    return render(request, "web/panels/joined.html", {"panel": panel, **joined})


@never_cache
@require_http_methods(["GET", "POST"])
def panel_leave(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every panel email: leave, without signing in (a GET changes nothing, as mail
    scanners open links)."""
    membership = services.membership_for_leave_link(token)
    if membership is None:
        return render(request, "web/panels/left.html", {"gone": True}, status=404)
    if request.method == "POST":
        services.leave_panel(actor=None, membership=membership, reason="Left by the member")
        return render(request, "web/panels/left.html", {"panel": membership.panel})
    return render(request, "web/panels/leave.html", {"panel": membership.panel})


@never_cache
@require_http_methods(["GET", "POST"])
def panel_still_happy(request: HttpRequest, token: str) -> HttpResponse:
    membership = services.membership_for_confirm_link(token)
    if membership is None:
        return render(request, "web/panels/link_gone.html", status=404)
    if request.method == "POST":
        services.confirm_still_happy(membership=membership)
        return render(request, "web/panels/still_happy_done.html", {"panel": membership.panel})
    return render(request, "web/panels/still_happy.html", {"panel": membership.panel})


@never_cache
@require_http_methods(["GET", "POST"])
def panel_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to the address given on the sign-up form: a button (a GET changes nothing,
    as mail scanners open links), then the application becomes a membership."""
    membership = services.application_for_link(token)
    if membership is None:
        return render(request, "web/panels/link_gone.html", status=404)
    if request.method == "POST":
        membership = services.confirm_application(membership=membership)
        return render(
            request,
            "web/panels/joined.html",
            {"panel": membership.panel, "status": membership.status, "already": False},
        )
    return render(request, "web/panels/confirm.html", {"panel": membership.panel})


@never_cache
@require_http_methods(["GET", "POST"])
def panel_parent(request: HttpRequest, token: str) -> HttpResponse:
    """A parent's or carer's agreement: a button, then the young person is a member."""
    if request.method == "POST":
        membership = services.give_parental_consent(token=token)
        if membership is None:
            return render(request, "web/panels/link_gone.html", status=404)
        return render(request, "web/panels/parent_done.html", {"panel": membership.panel})
    return render(request, "web/panels/parent.html", {})


@never_cache
@require_http_methods(["GET"])
def account_panels(request: HttpRequest) -> HttpResponse:
    resident = getattr(request.user, "resident", None) if is_signed_in_resident(request) else None
    if resident is None:
        return redirect("web:sign-in")
    held = Membership.objects.current().filter(resident=resident).select_related("panel")
    return render(
        request,
        "web/panels/account.html",
        {"memberships": held, "waiting": MembershipStatus.WAITING_LIST},
    )


@never_cache
@require_POST
def account_panel_leave(request: HttpRequest, pk: int) -> HttpResponse:
    resident = getattr(request.user, "resident", None) if is_signed_in_resident(request) else None
    if resident is None:
        return redirect("web:sign-in")
    membership = get_object_or_404(Membership.objects.current(), pk=pk, resident=resident)
    services.leave_panel(actor=request.user, membership=membership, reason="Left by the member")
    messages.success(
        request,
        _("You have left the %(panel)s. We have removed your answers about yourself.")
        % {"panel": membership.panel.name},
    )
    return redirect("web:account-panels")
