"""Administrators keep the webhook subscriptions and see the dead letters (/staff/admin/).

Every change goes through `events.services` (the secret is made and shown once there; a
reactivated subscription sends what waited for it; a dead letter is retried from its first
attempt), so the admin holds no rule of its own."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from opencex.events import services
from opencex.events.models import Delivery, DeliveryStatus, Event, Subscription


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(max_length=500, assume_scheme="https")

    class Meta:
        model = Subscription
        fields = ["name", "url", "topics", "account", "is_active"]

    def clean_topics(self) -> list[str]:
        topics = self.cleaned_data["topics"]
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            raise ValidationError('Write the topics as a list, like ["case.created", "case.*"].')
        try:
            return services.checked_topics(topics)
        except ValidationError as refused:
            raise ValidationError(refused.message_dict["topics"]) from None


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ["name", "url", "topics", "is_active", "disabled_reason"]
    list_filter = ["is_active"]
    fields = ["name", "url", "topics", "account", "is_active", "disabled_reason"]
    readonly_fields = ["disabled_reason"]
    actions = ["rotate_secret"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            services.update_subscription(actor=request.user, subscription=obj)
            return
        created, secret = services.create_subscription(
            actor=request.user, name=obj.name, url=obj.url, topics=list(obj.topics),
            account=obj.account,
        )  # fmt: skip
        obj.pk = created.pk
        messages.warning(
            request,
            f"The signing secret for {created.name} is {secret} — copy it now into the receiving "
            "system: it will not be shown again.",
        )

    @admin.action(description="Make a new signing secret (shown once)")
    def rotate_secret(self, request, queryset) -> None:
        for subscription in queryset:
            secret = services.rotate_secret(actor=request.user, subscription=subscription)
            messages.warning(
                request, f"The new signing secret for {subscription.name} is {secret}: copy it now."
            )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event", "subscription", "status", "attempts", "next_attempt_at", "last_response_status",
        "last_error",
    ]  # fmt: skip
    list_filter = ["status", "subscription"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Send the selected dead letters again")
    def retry(self, request, queryset) -> None:
        dead = queryset.filter(status=DeliveryStatus.DEAD)
        for delivery in dead:
            services.retry_delivery(actor=request.user, delivery=delivery)
        messages.info(request, f"{dead.count()} dead letter(s) queued to be sent again.")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["id", "topic", "subject_type", "subject_id", "occurred_at", "fanned_out_at"]
    list_filter = ["topic"]
    search_fields = ["subject_id"]
    readonly_fields = [f.name for f in Event._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
