"""The finance view: takings by day, provider and purpose, refunds, payments whose state is not
yet known, the day's reconciliation as CSV; a payment's page with its audit trail and the refund
form (`services.refund_payment`, with a reason)."""

from __future__ import annotations

import csv
import secrets
from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opencex.payments import policies, selectors
from opencex.payments.models import Payment, Refund, RefundStatus
from opencex.payments.money import pounds, pounds_to_pence
from opencex.payments.reconciliation import UNSENT_REFUND_AFTER, settle_after
from opencex.payments.services import (
    record_unanswered_refund,
    refund_page_of,
    refund_payment,
    unsent_refunds,
)
from opencex.staff.access import staff_only
from opencex.staff.query_days import day_from_query

# One row per payment, then one per refund ("row"): a refund's row has the refund's own times,
# status and amount, its payment's reference, and who asked for it (or the rule that gave it).
CSV_COLUMNS = [
    "row",
    "our_reference",
    "created_at",
    "settled_at",
    "status",
    "failure_code",
    "provider",
    "provider_payment_id",
    "purpose",
    "purpose_id",
    "amount_pence",
    "refunded_pence",
    "channel",
    "card_holder_present",
    "taken_by",
    "provider_refund_id",
]


class RefundForm(forms.Form):
    # A fresh key each time the form is shown: the same form submitted twice refunds once.
    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    amount = forms.CharField(
        label=gettext_lazy("Amount to refund"),
        max_length=20,
        error_messages={"required": gettext_lazy("Enter an amount to refund, like 12.50")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why are you refunding this payment?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Enter why you are refunding this payment")},
    )

    def clean_amount(self) -> int:
        return pounds_to_pence(self.cleaned_data["amount"])

    def clean(self):
        cleaned = super().clean() or {}
        if not cleaned.get("key"):
            # Shown in the error summary (a hidden field's own error would not be).
            raise forms.ValidationError(
                _("This refund form is out of date. Open the payment again to refund it")
            )
        return cleaned


class UnansweredRefundForm(forms.Form):
    """Finance's answer, from the provider's own admin, for a refund we have no answer for."""

    OUTCOMES = [
        ("made", gettext_lazy("The refund was made")),
        ("not_made", gettext_lazy("There is no such refund")),
    ]
    outcome = forms.ChoiceField(
        label=gettext_lazy("What does the payment provider's admin show?"),
        choices=OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select what the payment provider shows")},
    )
    provider_refund_id = forms.CharField(
        label=gettext_lazy("The refund's ID at the payment provider"),
        max_length=100,
        required=False,
    )

    def radios(self) -> dict:
        """The outcome as the GOV.UK radios partial expects it."""
        bound = self["outcome"]
        return {
            "id_for_label": bound.id_for_label,
            "html_name": bound.html_name,
            "label": bound.label,
            "help_text": "",
            "errors": bound.errors,
            "value": bound.value() or "",
            "options": [{"value": value, "label": label} for value, label in self.OUTCOMES],
        }


def _day(request: HttpRequest) -> date:
    return day_from_query(request.GET.get("day", ""))


def _finance_only(request: HttpRequest) -> None:
    if not policies.can_view_finance(request.user):
        raise PermissionDenied


@staff_only
def finance(request: HttpRequest) -> HttpResponse:
    _finance_only(request)
    day = _day(request)
    return render(
        request,
        "staff/payments/finance.html",
        {
            "day": day,
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1) if day < timezone.localdate() else None,
            "summary": selectors.day_summary(day),
            "by_day": selectors.takings_by_day(until=day),
            "by_provider": selectors.takings_by_provider_and_purpose(day),
            "refunds": selectors.refunds_on(day),
            "unknown": selectors.in_unknown_state(older_than=settle_after())[:100],
            "runs": selectors.reconciliation_runs_on(day)[:50],
            "unsent_refunds": unsent_refunds(older_than=UNSENT_REFUND_AFTER)[:100],
            "failed_postings": selectors.bill_postings_given_up()[:100],
        },
    )


@staff_only
def reconciliation_csv(request: HttpRequest) -> HttpResponse:
    _finance_only(request)
    day = _day(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-{day.isoformat()}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for payment in selectors.reconciliation_rows(day).iterator():
        writer.writerow(
            [
                "payment",
                payment.reference,
                timezone.localtime(payment.created_at).isoformat(),
                timezone.localtime(payment.settled_at).isoformat() if payment.settled_at else "",
                payment.status,
                payment.failure_code,
                payment.provider,
                payment.provider_payment_id,
                payment.purpose,
                payment.purpose_id,
                payment.amount_pence,
                payment.refunded_pence,
                payment.channel,
                payment.card_holder_present,
                payment.taken_by.email if payment.taken_by else "",
                "",
            ]
        )
    for refund in selectors.reconciliation_refund_rows(day).iterator():
        paid = refund.payment
        writer.writerow(
            [
                "refund",
                paid.reference,
                timezone.localtime(refund.created_at).isoformat(),
                timezone.localtime(refund.settled_at).isoformat() if refund.settled_at else "",
                refund.status,
                "",
                paid.provider,
                paid.provider_payment_id,
                paid.purpose,
                paid.purpose_id,
                refund.amount_pence,
                "",
                paid.channel,
                "",
                refund.requested_by.email if refund.requested_by else refund.because,
                refund.provider_refund_id,
            ]
        )
    return response


def _payment_page(
    request: HttpRequest,
    payment: Payment,
    form: RefundForm,
    status: int = 200,
    unanswered_form: UnansweredRefundForm | None = None,
):
    return render(
        request,
        "staff/payments/payment.html",
        {
            "payment": payment,
            "events": payment.events.select_related("actor", "refund"),
            "refunds": payment.refunds.select_related("requested_by"),
            "form": form,
            "may_refund": policies.can_refund(request.user) and payment.refundable_pence > 0,
            "refundable": pounds(payment.refundable_pence),
            "refund_page": refund_page_of(payment),
            # One at a time, oldest first: once recorded, the next is shown.
            "unanswered": payment.refunds.filter(
                status=RefundStatus.SUBMITTED, provider_refund_id=""
            )
            .order_by("created_at")
            .first(),
            "unanswered_form": unanswered_form or UnansweredRefundForm(),
            "may_record_unanswered": policies.can_refund(request.user),
        },
        status=status,
    )


@staff_only
def payment(request: HttpRequest, payment_reference: str) -> HttpResponse:
    found = get_object_or_404(
        Payment.objects.select_related("resident", "taken_by"), reference=payment_reference
    )
    if not policies.can_view_payment(request.user, found):
        raise PermissionDenied
    return _payment_page(request, found, RefundForm(initial={"key": secrets.token_urlsafe(24)}))


@staff_only
@require_POST
def refund(request: HttpRequest, payment_reference: str) -> HttpResponse:
    if not policies.can_refund(request.user):
        raise PermissionDenied
    found = get_object_or_404(Payment, reference=payment_reference)
    form = RefundForm(request.POST)
    if form.is_valid():
        try:
            made = refund_payment(
                actor=request.user,
                payment=found,
                amount_pence=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                idempotency_key=f"staff-refund-{form.cleaned_data['key']}",
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            if made.status == "error":
                messages.error(request, _("The payment provider refused the refund."))
            else:
                messages.success(
                    request,
                    _("Refund of £%(amount)s submitted") % {"amount": pounds(made.amount_pence)},
                )
            return redirect("staff:payment", payment_reference=found.reference)
    found.refresh_from_db()
    return _payment_page(request, found, form, status=400)


@staff_only
@require_POST
def unanswered_refund(request: HttpRequest, payment_reference: str, refund_id: int) -> HttpResponse:
    """Finance records how a refund the provider never answered ended, having checked there."""
    if not policies.can_refund(request.user):
        raise PermissionDenied
    found = get_object_or_404(Payment, reference=payment_reference)
    refund = get_object_or_404(Refund, pk=refund_id, payment=found)
    form = UnansweredRefundForm(request.POST)
    if form.is_valid():
        try:
            record_unanswered_refund(
                actor=request.user,
                refund=refund,
                made=form.cleaned_data["outcome"] == "made",
                provider_refund_id=form.cleaned_data["provider_refund_id"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("The refund's outcome is recorded"))
            return redirect("staff:payment", payment_reference=found.reference)
    return _payment_page(
        request,
        found,
        RefundForm(initial={"key": secrets.token_urlsafe(24)}),
        status=400,
        unanswered_form=form,
    )
