"""Payments in the staff workspace: taking a payment for a resident (phone or desk), the finance
view with its CSV, a payment's page and its refund."""

from django.urls import path

from opencex.staff.payments import finance_views, taking_views

urlpatterns = [
    path(
        "residents/<int:resident_id>/payments/take/",
        taking_views.take_payment,
        name="take-payment",
    ),
    path("payments/return/<str:token>/", taking_views.returned, name="payment-return"),
    path("payments/", finance_views.finance, name="finance"),
    path("payments/reconciliation.csv", finance_views.reconciliation_csv, name="finance-csv"),
    path("payments/<str:payment_reference>/", finance_views.payment, name="payment"),
    path("payments/<str:payment_reference>/refund/", finance_views.refund, name="payment-refund"),
    path(
        "payments/<str:payment_reference>/refunds/<int:refund_id>/checked/",
        finance_views.unanswered_refund,
        name="payment-unanswered-refund",
    ),
]
