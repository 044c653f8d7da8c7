"""The citizen site's payment pages, providers' notifications and the local test provider."""

from django.urls import path

from opencex.web import payment_webhook_views, test_payment_provider_views

urlpatterns = [
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
