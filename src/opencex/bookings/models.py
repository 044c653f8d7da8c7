"""Slots with capacity and the bookings that take them.

A slot's `taken` counts the units (collections, sessions, people) held or confirmed in it; a
database constraint keeps it between 0 and `capacity`, and it only changes by a conditional
UPDATE (`holds.py`), so no two bookings can take the last unit. What a slot is (a round's day, a
room's session, a visit) and what it costs come from the bookings file (`config.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SlotQuerySet(models.QuerySet["Slot"]):
    def with_room_for(self, units: int) -> SlotQuerySet:
        return self.filter(taken__lte=F("capacity") - units)


class Slot(models.Model):
    service = models.SlugField(max_length=100, help_text="The catalogue service's slug.")
    resource = models.SlugField(max_length=100, help_text="The round, room or visit's slug.")
    session = models.CharField(max_length=100, blank=True)
    day = models.DateField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField()
    taken = models.PositiveIntegerField(default=0)
    is_closed = models.BooleanField(default=False, help_text="Closed by an officer: not offered.")

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "resource"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "starts_at"], name="one_slot_per_start"),
            models.CheckConstraint(
                name="slot_never_overbooked", condition=Q(taken__lte=F("capacity"))
            ),
        ]
        indexes = [models.Index(fields=["service", "day"])]

    def __str__(self) -> str:
        return f"{self.resource} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def room_left(self) -> int:
        return max(self.capacity - self.taken, 0)


class Status(models.TextChoices):
    HELD = "held", _("Waiting for payment")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    # The hold lapsed or the payment failed: the slot was given back; nothing was charged.
    RELEASED = "released", _("Not paid")
    # Paid after the hold lapsed and the slot had filled: never confirmed, refunded in full.
    REFUSED = "refused", _("Not confirmed: full when paid")


class Channel(models.TextChoices):
    WEB = "web", "Online"
    PHONE = "phone", "Phone (taken by an officer)"
    FACE_TO_FACE = "face_to_face", "At the desk (taken by an officer)"


class Booking(models.Model):
    reference = models.CharField(max_length=16, unique=True)
    service = models.SlugField(max_length=100)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    units = models.PositiveIntegerField(help_text="What it takes of the slot's capacity.")
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="bookings"
    )
    email = models.EmailField()
    # What was booked, as priced: {"items": {"furniture": 2}} or {"people": 24}.
    details = models.JSONField(default=dict)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    where_left = models.CharField(max_length=300, blank=True)
    concession_benefit = models.CharField(max_length=100, blank=True)
    concession_checked = models.BooleanField(null=True, help_text="None until an officer checks.")
    price_pence = models.PositiveIntegerField()
    deposit_pence = models.PositiveIntegerField(default=0)
    refunded_pence = models.PositiveIntegerField(default=0, help_text="Refunds issued.")
    refund_due_pence = models.PositiveIntegerField(
        default=0, help_text="Refunds the rules give not issued yet: the refund job takes them."
    )
    deposit_returned = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.HELD)
    hold_expires_at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.WEB)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, unique=True)
    payment_id = models.CharField(max_length=64, blank=True, help_text="The payment's id.")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "reference"]
        indexes = [models.Index(fields=["status", "hold_expires_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def total_pence(self) -> int:
        return self.price_pence + self.deposit_pence

    @property
    def is_live(self) -> bool:
        return self.status in (Status.HELD, Status.CONFIRMED)


class BookingEvent(models.Model):
    """A booking's history: held, paid, confirmed, moved, cancelled, refunded, checked."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.CharField(max_length=32)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
