"""The panels for staff. Every page is for officers who may view the panels (panels.policies);
the members list shows no contact details and no answers about the members themselves: an officer
whose role contacts members asks for one member's details with a reason (logged), a Youth Panel
member's words reach the team only after a moderator approves them, and the panel's make-up is
only ever counts of groups, small numbers hidden."""

from __future__ import annotations

import csv
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencex.panels import policies, selectors, services
from opencex.panels.models import MemberMessage, Membership, PanelKind
from opencex.panels.representativeness import representativeness as make_up
from opencex.people.models import Resident
from opencex.staff.access import staff_only


def _may_view(request: HttpRequest) -> None:
    if not policies.can_view_panels(request.user):
        raise PermissionDenied


def _panel(kind: str):
    if kind not in PanelKind.values:
        raise Http404
    return services.ensure_panels()[kind]


@staff_only
@require_GET
def panels(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    rows = [
        (panel, panel.memberships.active().count(), services.places_taken(panel))
        for panel in services.ensure_panels().values()
    ]
    return render(request, "staff/panels/panels.html", {"rows": rows})


def _members_page(request: HttpRequest, kind: str, *, shown=None, why_error="") -> HttpResponse:
    panel = _panel(kind)
    members = list(selectors.members_for_staff(panel)[:500])
    may_moderate = policies.can_moderate_messages(request.user)
    context = {
        "panel": panel,
        "members": [(m, policies.can_see_member_contact_details(request.user, m)) for m in members],
        "to_moderate": selectors.messages_to_moderate(panel) if may_moderate else [],
        "may_moderate": may_moderate,
        "waiting_messages": selectors.messages_to_moderate(panel).count(),
        "approved": selectors.approved_messages(panel)[:50],
        "shown": shown,
        "why_error": why_error,
    }
    status = 400 if why_error else 200
    return render(request, "staff/panels/members.html", context, status=status)


@staff_only
@require_GET
def members(request: HttpRequest, kind: str) -> HttpResponse:
    _may_view(request)
    return _members_page(request, kind)


@staff_only
@require_POST
def contact_details(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _may_view(request)
    membership = get_object_or_404(Membership.objects.current(), pk=pk, panel__kind=kind)
    why = request.POST.get("why", "").strip()[:200]
    if not why:
        return _members_page(
            request, kind, why_error=_("Say why you need the contact details"), shown=None
        )
    details = services.member_contact_details(actor=request.user, membership=membership, why=why)
    return _members_page(request, kind, shown={"membership": membership, **details})


@staff_only
@require_POST
def moderate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _may_view(request)
    message = get_object_or_404(MemberMessage, pk=pk, membership__panel__kind=kind)
    approve = request.POST.get("decision") == "approve"
    services.moderate_message(actor=request.user, message=message, approve=approve)
    messages.success(request, _("Message approved.") if approve else _("Message rejected."))
    return redirect("staff:panel-members", kind=kind)


def _report(kind: str):
    report = make_up(_panel(kind))
    if report is None:
        raise Http404("This council has no census profile.")
    return report


@staff_only
@require_GET
def representativeness(request: HttpRequest, kind: str) -> HttpResponse:
    _may_view(request)
    report = _report(kind)
    may_invite = policies.can_invite_to_panel(request.user)
    to_invite = (
        selectors.residents_to_invite(report, today=timezone.localdate()) if may_invite else []
    )
    context = {
        "report": report,
        "panel": report.panel,
        "target_wards": selectors.target_wards(report),
        "may_invite": may_invite,
        "to_invite": to_invite,
    }
    return render(request, "staff/panels/representativeness.html", context)


@staff_only
@require_GET
def representativeness_csv(request: HttpRequest, kind: str) -> HttpResponse:
    """The table as a spreadsheet, hidden counts written as the page writes them."""
    _may_view(request)
    report = _report(kind)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-panel-representativeness.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "Characteristic",
            "Group",
            "Members",
            "Panel %",
            "City %",
            "Gap (points)",
            "Under-represented",
        ]
    )
    for characteristic in report.characteristics:
        for group in characteristic.groups:
            hidden = f"fewer than {report.threshold}" if group.is_small else "hidden"
            writer.writerow(
                [
                    characteristic.heading,
                    group.label,
                    hidden if group.count is None else group.count,
                    "" if group.panel_share is None else group.panel_share,
                    group.city_share,
                    "" if group.gap is None else group.gap,
                    "yes" if group.is_under_represented else "no",
                ]
            )
    return response


@staff_only
@require_http_methods(["POST"])
def invite(request: HttpRequest, kind: str) -> HttpResponse:
    _may_view(request)
    panel = _panel(kind)
    number = request.POST.get("resident", "")
    # A resident's number, never more digits than a database key holds (else not found).
    is_number = re.fullmatch(r"[0-9]{1,18}", number) is not None
    resident = get_object_or_404(Resident, pk=int(number) if is_number else 0)
    try:
        services.invite_to_panel(actor=request.user, panel=panel, resident=resident)
    except services.InvitationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Invitation sent."))
    return redirect("staff:panel-representativeness", kind=kind)
