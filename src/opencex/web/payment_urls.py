"""The citizen site's payment pages, providers' notifications and the local test provider."""

from django.urls import path

from opencex.web import payment_views, payment_webhook_views, test_payment_provider_views

urlpatterns = [
    path("pay/", payment_views.choose, name="pay-choose"),
    path("account/payments/", payment_views.your_payments, name="your-payments"),
    path("pay/return/<str:journey_id>/", payment_views.returned, name="pay-return"),
    path("pay/<slug:kind>/", payment_views.reference, name="pay-reference"),
    path("pay/<slug:kind>/amount/", payment_views.amount, name="pay-amount"),
    path("pay/<slug:kind>/check-and-pay/", payment_views.email, name="pay-email"),
    path(
        "payments/notifications/<slug:provider>/",
        payment_webhook_views.payment_webhook,
        name="payment-webhook",
    ),
    path(
        "test-payment-provider/<str:session_id>/",
        test_payment_provider_views.card_page,
        name="test-payment-provider",
    ),
    path(
        "test-payment-provider/<str:session_id>/cancel/",
        test_payment_provider_views.cancel_page,
        name="test-payment-provider-cancel",
    ),
]
