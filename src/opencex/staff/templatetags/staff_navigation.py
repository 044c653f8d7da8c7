"""The staff workspace's primary navigation: the sections each officer may use, and which one
the current page is in."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.accounts.policies import can_view_staff_directory
from opencex.aigovernance.policies import can_view_ai_oversight
from opencex.bookings.policies import can_manage_bookings
from opencex.consultations.policies import can_view_consultations
from opencex.disclosure.policies import can_use_disclosure_log
from opencex.forms.policies import can_build_forms
from opencex.housing.policies import can_view_imports as can_view_housing_imports
from opencex.inbox.policies import can_use_email_intake
from opencex.insight.policies import can_view_reports
from opencex.notify.policies import can_read_outbox
from opencex.panels.policies import can_view_panels
from opencex.payments.policies import can_view_finance
from opencex.people.policies import can_review_sensitive_access
from opencex.retention.policies import can_manage_retention
from opencex.yousaidwedid.policies import can_record_changes

register = template.Library()


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url: str
    is_current: bool


def _sections(user) -> list[tuple[str, str, tuple[str, ...], bool]]:
    """(label, URL, the paths that belong to the section, may the user see it)."""
    return [
        (_("Home"), reverse("staff:home"), (), True),
        (_("Queues"), reverse("staff:queues"), ("/staff/queues/", "/staff/cases/"), True),
        (
            _("Residents"),
            reverse("staff:find-resident"),
            ("/staff/residents/", "/staff/properties/", "/staff/contacts/"),
            True,
        ),
        (_("Forms"), reverse("staff:assisted-forms"), ("/staff/forms/",), True),
        (_("Partner directory"), reverse("web:directory"), ("/directory/",), True),
        (
            _("Staff directory"),
            reverse("staff:people"),
            ("/staff/people/",),
            can_view_staff_directory(user),
        ),
        (
            _("Information requests"),
            reverse("staff:information-requests"),
            ("/staff/information-requests/",),
            # Everyone on the staff side may look a request up; the contact centre rarely needs to.
            is_signed_in(user) and user.is_council_staff and user.role != Role.CONTACT_CENTRE,
        ),
        (
            _("Disclosure log"),
            reverse("staff:disclosure"),
            ("/staff/disclosure/",),
            can_use_disclosure_log(user),
        ),
        (
            _("Complaints and feedback"),
            reverse("staff:possible-complaints"),
            ("/staff/complaints/", "/staff/compliments/", "/staff/comments/"),
            True,
        ),
        # Bookings: the day's lists, the crews' collection lists, the room diary.
        (
            _("Bookings"),
            reverse("staff:bookings"),
            ("/staff/bookings/",),
            can_manage_bookings(user),
        ),
        (_("Emails"), reverse("staff:inbox"), ("/staff/inbox/",), can_use_email_intake(user)),
        (
            _("Reports"),
            reverse("staff:reports"),
            # Every figure page is a report: the call figures, what residents say, the web.
            ("/staff/reports/", "/staff/telephony/", "/staff/what-residents-say/", "/staff/web/"),
            can_view_reports(user),
        ),
        (
            _("Dashboards"),
            reverse("staff:dashboards"),
            ("/staff/dashboards/",),
            can_view_reports(user),
        ),
        # Changes made because of feedback, published to residents (issue 14).
        (
            _("You said, we did"),
            reverse("staff:changes"),
            ("/staff/you-said-we-did/",),
            can_record_changes(user),
        ),
        # The horizon scan of consultations planned and open (issue 15).
        (
            _("Consultations"),
            reverse("staff:consultations"),
            ("/staff/consultations/",),
            can_view_consultations(user),
        ),
        # The Residents Panel and Youth Panel: members, moderation, representativeness (issue 15).
        (_("Panels"), reverse("staff:panels"), ("/staff/panels/",), can_view_panels(user)),
        (_("Outbox"), reverse("staff:outbox"), ("/staff/outbox/",), can_read_outbox(user)),
        # Information governance reviews break-glass reads and runs the retention schedule.
        (
            _("Break-glass reads"),
            reverse("staff:break-glass-reads"),
            ("/staff/residents/break-glass-reads/",),
            can_review_sensitive_access(user),
        ),
        (
            _("Retention"),
            reverse("staff:retention"),
            ("/staff/retention/",),
            can_manage_retention(user),
        ),
        # Payments: takings, refunds and reconciliation, for finance roles.
        (
            _("Payments"),
            reverse("staff:finance"),
            ("/staff/payments/",),
            can_view_finance(user),
        ),
        # The housing management system's imports.
        (
            _("Housing imports"),
            reverse("staff:housing-imports"),
            ("/staff/housing/",),
            can_view_housing_imports(user),
        ),
        # Every AI model's suggestions and what officers decided (issue 16).
        (
            _("AI oversight"),
            reverse("staff:ai-oversight"),
            ("/staff/ai/",),
            can_view_ai_oversight(user),
        ),
        # Administrators build and publish forms without code.
        (
            _("Form builder"),
            reverse("staff:formbuilder"),
            ("/staff/form-builder/",),
            can_build_forms(user),
        ),
        # Django's admin lets in only administrators (User.is_staff follows the role).
        (
            _("Admin"),
            reverse("admin:index"),
            ("/staff/admin/",),
            is_signed_in(user) and user.is_staff,
        ),
    ]


@register.inclusion_tag("staff/_primary_navigation.html", takes_context=True)
def primary_navigation(context) -> dict:
    request = context["request"]
    path = request.path
    items = [
        NavigationItem(
            label,
            url,
            is_current=path == url or any(path.startswith(prefix) for prefix in prefixes),
        )
        for label, url, prefixes, may_see in _sections(request.user)
        if may_see
    ]
    return {"items": items}
