"""GOV.UK Notify for email and text messages, through one generic template per channel."""

from __future__ import annotations

from typing import Any, ClassVar

from notifications_python_client import NotificationsAPIClient
from notifications_python_client.errors import APIError

from opencex.notify import conf
from opencex.notify.adapters.base import DeliveryError, DeliveryRejected

# Notify's answers that will not change if we wait: bad request, bad key or token, no such thing.
PERMANENT_STATUS_CODES = frozenset({400, 403, 404})


class GovukNotifyAdapter:
    """Each Notify template is just `((subject))` / `((body))`: the wording lives in our templates,
    one place for every channel and provider, and Notify only delivers."""

    name: ClassVar[str] = "govuk_notify"
    channels: ClassVar[frozenset[str]] = frozenset({"email", "sms"})
    # Notify keeps every notification it accepted with the `reference` we gave it, and lists them
    # by reference (GET /v2/notifications?reference=...). It does not refuse a second POST with the
    # same reference, so we look before sending again.
    can_find_sent: ClassVar[bool] = True

    def send_email(
        self,
        to: str,
        subject: str,
        body: str,
        reference: str,
        *,
        reply_to: str = "",
        message_id: str = "",
    ) -> str:
        # Notify sets its own Message-ID, and its reply-to address is chosen in Notify's settings
        # (email_reply_to_id), so replies thread by the case reference in the subject instead.
        return self._send(
            "send_email_notification",
            email_address=to,
            template_id=conf.govuk_notify_template_id("email"),
            personalisation={"subject": subject, "body": body},
            reference=reference,
        )

    def send_sms(self, to: str, body: str, reference: str) -> str:
        return self._send(
            "send_sms_notification",
            phone_number=to,
            template_id=conf.govuk_notify_template_id("sms"),
            personalisation={"body": body},
            reference=reference,
        )

    def find_sent(self, reference: str) -> str | None:
        answer = self._call("get_all_notifications", reference=reference)
        notifications = answer.get("notifications") or []
        return str(notifications[0]["id"]) if notifications else None

    def _send(self, method: str, **request: Any) -> str:
        return str(self._call(method, **request)["id"])

    def _call(self, method: str, **request: Any) -> dict[str, Any]:
        # A client per message: the client's requests session is not thread-safe.
        client = NotificationsAPIClient(
            conf.govuk_notify_api_key(), base_url=conf.govuk_notify_base_url()
        )
        try:
            return getattr(client, method)(**request)
        except APIError as error:
            message = f"GOV.UK Notify answered {error.status_code}: {_describe(error.message)}"
            if error.status_code in PERMANENT_STATUS_CODES:
                raise DeliveryRejected(message) from error
            raise DeliveryError(message) from error


def _describe(message: str | list[dict]) -> str:
    """Notify's errors come as [{"error": "BadRequestError", "message": "..."}, ...]."""
    if isinstance(message, list):
        return "; ".join(f"{item.get('error')}: {item.get('message')}" for item in message)
    return str(message)
