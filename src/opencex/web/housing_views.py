"""The tenant portal's pages: a council tenant or leaseholder, signed in, sees their tenancy,
rent account and repairs, reports a repair by room, item and problem (an emergency is told to
phone first), books a visit and follows each step Awaab's Law sets.

Every record is found through `housing.policies` for the signed-in resident, so another
resident's tenancy, repair or slot is a 404. The pages parse, call `housing.services`, render.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opencex import ratelimits
from opencex.cases.attachments import AttachmentRejected
from opencex.cases.models import Status
from opencex.feedback.services import can_rate
from opencex.housing import policies, repairs_catalogue, services
from opencex.housing.awaab import hazard_steps
from opencex.housing.models import Repair, Tenancy
from opencex.housing.rent import rent_account
from opencex.languages import text_in
from opencex.requestguard import database_id
from opencex.web.account_views import is_signed_in_resident
from opencex.web.housing_forms import PickForm, ReportForm, SlotForm, as_radios, visit_time
from opencex.web.track_views import STATUS_WORDS, expected_date

REPORT_LIMIT = 20  # repair reports per resident account ...
REPORT_WINDOW = timedelta(hours=1)  # ... an hour: far above a real tenant's, far below a script's

# The catalogue's tenant services (catalogue/demo/<council>.json) that are done here. Paying
# rent is the payments journey; asking to change a tenancy (succession, a joint tenancy, a
# mutual exchange) is an application on its form, not the portal.
ONLINE_ROUTES = {
    "report-housing-repair": "web:housing-repair-room",
    "report-damp-and-mould": "web:housing-repair-room",
    "report-emergency-repair": "web:housing-repair-room",
    "request-rent-statement": "web:housing-home",
}


def online_route(service) -> str | None:
    """The portal address for a catalogue service the portal does (reporting a repair, the rent
    statement), or None. `service` is a catalogue Service or its slug."""
    slug = getattr(service, "slug", service)
    name = ONLINE_ROUTES.get(slug)
    return reverse(name) if name else None


# --- who is asking --------------------------------------------------------------------------


def _signed_in_or_redirect(request: HttpRequest) -> HttpResponse | None:
    if not is_signed_in_resident(request):
        return redirect("web:sign-in")
    return None


def _own_tenancy(request: HttpRequest, pk: str) -> Tenancy:
    tenancy = policies.tenancies_named_on(request.user).filter(pk=database_id(pk) or 0).first()
    if tenancy is None:
        raise Http404
    return tenancy


def _own_repair(request: HttpRequest, pk: str) -> Repair:
    repair = policies.repairs_of(request.user).filter(pk=database_id(pk) or 0).first()
    if repair is None:
        raise Http404
    return repair


# --- the portal's home: tenancy, rent and repairs -------------------------------------------


@never_cache
def portal_home(request: HttpRequest) -> HttpResponse:
    if (refused := _signed_in_or_redirect(request)) is not None:
        return refused
    today = timezone.localdate()
    tenancies = [
        {
            "tenancy": tenancy,
            "members": tenancy.members.select_related("resident"),
            "account": rent_account(tenancy, today=today),
        }
        for tenancy in policies.tenancies_named_on(request.user)
    ]
    repairs = policies.repairs_of(request.user)
    return render(
        request,
        "web/housing/home.html",
        {
            "tenancies": tenancies,
            "repairs": repairs,
            "main_phone": settings.COUNCIL_PROFILE.main_phone,
        },
    )


@never_cache
def rent_statement(request: HttpRequest, pk: str) -> HttpResponse:
    if (refused := _signed_in_or_redirect(request)) is not None:
        return refused
    tenancy = _own_tenancy(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "web/housing/rent.html",
        {
            "tenancy": tenancy,
            "account": rent_account(tenancy, today=today),
            "transactions": tenancy.transactions.filter(posted_on__lte=today)[:100],
        },
    )


# --- reporting a repair: room, item, problem, then describe it with photos --------------------


def _pick(request, *, tenancy, label, options, required_message, next_url, back_url):
    """One question a page: pick one option, go on to `next_url(value)`."""
    form = PickForm(
        request.POST if request.method == "POST" else None,
        label=label,
        options=options,
        required_message=required_message,
    )
    if request.method == "POST" and form.is_valid():
        return redirect(next_url(form.cleaned_data["choice"]))
    return render(
        request,
        "web/housing/pick.html",
        {
            "form": form,
            "field": as_radios(form["choice"]),
            "tenancy": tenancy,
            "back_url": back_url,
            "title": label,
        },
        status=400 if form.is_bound else 200,
    )


def _the_tenancy(request: HttpRequest) -> Tenancy:
    """The home the report is about: the one chosen (?tenancy=) or the tenant's only one."""
    chosen = request.GET.get("tenancy") or request.POST.get("tenancy")
    homes = policies.tenancies_named_on(request.user)
    tenancy = homes.filter(pk=database_id(chosen) or 0).first() if chosen else homes.first()
    if tenancy is None:
        raise Http404
    return tenancy


@never_cache
@require_http_methods(["GET", "POST"])
def repair_room(request: HttpRequest) -> HttpResponse:
    if (refused := _signed_in_or_redirect(request)) is not None:
        return refused
    if not policies.tenancies_named_on(request.user).exists():
        return redirect("web:housing-home")
    tenancy = _the_tenancy(request)
    language = get_language()
    return _pick(
        request,
        tenancy=tenancy,
        label=gettext_lazy("Where is the problem?"),
        options=[
            (r.id, text_in(r.label, language)) for r in repairs_catalogue.repairs_catalogue().rooms
        ],
        required_message=gettext_lazy("Select where the problem is"),
        next_url=lambda room: (
            reverse("web:housing-repair-item", args=[room]) + f"?tenancy={tenancy.pk}"
        ),
        back_url=reverse("web:housing-home"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def repair_item(request: HttpRequest, room: str) -> HttpResponse:
    if (refused := _signed_in_or_redirect(request)) is not None:
        return refused
    tenancy = _the_tenancy(request)
    found = repairs_catalogue.room(room)
    if found is None:
        raise Http404
    language = get_language()
    return _pick(
        request,
        tenancy=tenancy,
        label=gettext_lazy("What needs fixing?"),
        options=[(i.id, text_in(i.label, language)) for i in found.items],
        required_message=gettext_lazy("Select what needs fixing"),
        next_url=lambda item: (
            reverse("web:housing-repair-problem", args=[room, item]) + f"?tenancy={tenancy.pk}"
        ),
        back_url=reverse("web:housing-repair-room") + f"?tenancy={tenancy.pk}",
    )


@never_cache
@require_http_methods(["GET", "POST"])
def repair_problem(request: HttpRequest, room: str, item: str) -> HttpResponse:
    if (refused := _signed_in_or_redirect(request)) is not None:
        return refused
    tenancy = _the_tenancy(request)
    found = repairs_catalogue.item(room, item)
    if found is None:
        raise Http404
    language = get_language()
    return _pick(
        request,
        tenancy=tenancy,
        label=gettext_lazy("What is wrong with it?"),
        options=[(p.id, text_in(p.label, language)) for p in found.problems],
        required_message=gettext_lazy("Select what is wrong"),
        next_url=lambda problem: (
            reverse("web:housing-repair-report", args=[room, item, problem])
            + f"?tenancy={tenancy.pk}"
        ),
        back_url=reverse("web:housing-repair-item", args=[room]) + f"?tenancy={tenancy.pk}",
    )


def _emergency_advice(choice) -> dict[str, Any]:
    """What an emergency is told before it may report online: phone now, with the numbers from
    the council profile (the same partial the repair form shows)."""
    profile = settings.COUNCIL_PROFILE
    tell = ["out_of_hours"] + (["gas_emergency"] if choice.problem.gas else [])
    return {
        "hazard_advice": tell if choice.is_emergency else [],
        "out_of_hours": profile.out_of_hours_route(services.REPAIR_SERVICE),
        "main_phone": profile.main_phone,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def repair_report(request: HttpRequest, room: str, item: str, problem: str) -> HttpResponse:
    if (refused := _signed_in_or_redirect(request)) is not None:
        return refused
    tenancy = _the_tenancy(request)
    choice = repairs_catalogue.choice(room, item, problem)
    if choice is None:
        raise Http404
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
    else:
        form = ReportForm(initial={"tenancy": tenancy.pk, "submission": secrets.token_urlsafe(16)})
    if request.method == "POST" and form.is_valid():
        if not ratelimits.allow(
            scope="housing-repair",
            values=[str(request.user.pk)],
            limit=REPORT_LIMIT,
            window=REPORT_WINDOW,
        ):
            form.add_error(
                None,
                gettext_lazy("You have reported many repairs in a short time. Please phone us."),
            )
        else:
            photo = form.cleaned_data["photo"]
            try:
                repair = services.report_repair(
                    actor=request.user,
                    tenancy=tenancy,
                    choice=choice,
                    description=form.cleaned_data["description"],
                    photos=[photo] if photo else [],
                    submission_key=form.cleaned_data["submission"],
                )
            except AttachmentRejected as rejected:
                form.add_error("photo", str(rejected))
            except services.RepairError as error:
                form.add_error("description", str(error))
            except PermissionDenied:
                raise Http404 from None
            else:
                return redirect("web:housing-repair", pk=repair.pk)
    return render(
        request,
        "web/housing/report.html",
        {
            "form": form,
            "tenancy": tenancy,
            "choice": choice,
            "what": choice.label(get_language()),
            "is_emergency": choice.is_emergency,
            "back_url": reverse("web:housing-repair-problem", args=[room, item])
            + f"?tenancy={tenancy.pk}",
            **_emergency_advice(choice),
        },
        status=400 if form.is_bound else 200,
    )


# --- a repair: its steps, its visit, its rating -------------------------------------------------


@never_cache
def repair_page(request: HttpRequest, pk: str) -> HttpResponse:
    if (refused := _signed_in_or_redirect(request)) is not None:
        return refused
    repair = _own_repair(request, pk)
    case = repair.case
    choice = repairs_catalogue.choice(repair.room, repair.item, repair.problem)
    appointment = getattr(repair, "appointment", None)
    steps = hazard_steps(case) if case else []
    language = get_language()
    where = ""
    if choice is not None:
        where = f"{text_in(choice.room.label, language)}: {text_in(choice.item.label, language)}"
    return render(
        request,
        "web/housing/repair.html",
        {
            "repair": repair,
            "case": case,
            "what": text_in(choice.problem.label, language) if choice else repair.description[:80],
            "where": where,
            "steps": steps,
            "status_words": (
                STATUS_WORDS[Status(case.status)] if case else repair.get_status_display()
            ),
            # A hazard's steps carry their own dates; the one date that holds is for the rest.
            "expected_date": expected_date(case) if case and not steps else "",
            "appointment": appointment,
            "appointment_when": visit_time(appointment) if appointment else "",
            "can_book": services.can_book(repair) and services.open_slots().exists(),
            "can_rate": case is not None and can_rate(case),
            "attachments": case.attachments.filter(is_visible_to_resident=True) if case else [],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def repair_appointment(request: HttpRequest, pk: str) -> HttpResponse:
    if (refused := _signed_in_or_redirect(request)) is not None:
        return refused
    repair = _own_repair(request, pk)
    if not services.can_book(repair):
        return redirect("web:housing-repair", pk=repair.pk)
    slots = list(services.open_slots()[:20])
    form = SlotForm(request.POST if request.method == "POST" else None, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            services.book_slot(
                actor=request.user, repair=repair, slot_id=int(form.cleaned_data["slot"])
            )
        except services.RepairError as error:
            form.add_error("slot", str(error))
        else:
            return redirect("web:housing-repair", pk=repair.pk)
    return render(
        request,
        "web/housing/appointment.html",
        {"form": form, "field": as_radios(form["slot"]), "repair": repair, "slots": slots},
        status=400 if form.is_bound else 200,
    )
