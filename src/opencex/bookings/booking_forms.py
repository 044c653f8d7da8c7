"""Reading what a resident (or an officer for them) asks to book, for the citizen and staff
pages alike: the details a bookable service needs (items, room, group size), the concession, and
the slot. The forms only parse; `services.check_details` and `services.hold_slot` decide, called
from here with what was asked so that both journeys (the resident's and the officer's) ask them
the same way."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy, ngettext

from opencex.bookings import services
from opencex.bookings.config import (
    Bookable,
    Collection,
    RoomHire,
    Visit,
    bookings_config,
    english,
)
from opencex.bookings.models import Booking, Channel, Slot
from opencex.bookings.services import BookingProblem
from opencex.languages import in_current_language
from opencex.payments.money import pounds
from opencex.requestguard import database_id

NO_CONCESSION = ""


def _concession_choices(bookable: Bookable) -> list[tuple[str, str]]:
    return [
        (NO_CONCESSION, str(gettext_lazy("No, none of these"))),
        # The value is the English a booking stores; the label is in the page's language.
        *[
            (english(name), in_current_language(name))
            for name in bookings_config().concessions_for(bookable)
        ],
    ]


def _item_label(item) -> str:
    return str(
        gettext_lazy("%(name)s: %(price)s each (%(concession)s at the concession price)")
    ) % {
        "name": in_current_language(item.name),
        "price": "£" + pounds(item.price_pence),
        "concession": "£" + pounds(item.concession_pence),
    }


def _room_label(venue, room) -> str:
    return ngettext(
        "%(room)s, %(venue)s (up to %(people)s person)",
        "%(room)s, %(venue)s (up to %(people)s people)",
        room.people,
    ) % {
        "room": in_current_language(room.name),
        "venue": in_current_language(venue.name),
        "people": room.people,
    }


class DetailsForm(forms.Form):
    """The fields depend on the kind of bookable: built for the one given."""

    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy("We will send the confirmation and calendar file here."),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter an email address for the confirmation"),
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com"
            ),
        },
    )
    concession: forms.ChoiceField = forms.ChoiceField(
        label=gettext_lazy("Do you get any of these benefits?"),
        help_text=gettext_lazy(
            "If you do, you pay the concession price. We check this with our council tax and "
            "housing benefit records before your booking date."
        ),
        required=False,
    )

    def __init__(self, *args, bookable: Bookable, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bookable = bookable
        self.fields["concession"].choices = _concession_choices(bookable)  # type: ignore[attr-defined]
        if bookable.concession_question:
            self.fields["concession"].label = in_current_language(bookable.concession_question)
            self.fields["concession"].help_text = gettext_lazy(
                "If so, you pay the concession price. We check this before your booking date."
            )
        if isinstance(bookable, Collection):
            self.fields["postcode"] = forms.CharField(
                label=gettext_lazy("Postcode of the collection address"),
                max_length=8,
                error_messages={"required": gettext_lazy("Enter the postcode")},
            )
            self.fields["address"] = forms.CharField(
                label=gettext_lazy("Collection address"),
                help_text=gettext_lazy("House number or name and street"),
                max_length=200,
                error_messages={"required": gettext_lazy("Enter the collection address")},
            )
            for item in bookable.item_types:
                self.fields[f"items-{item.slug}"] = forms.IntegerField(
                    label=_item_label(item),
                    min_value=0,
                    max_value=bookable.max_items,
                    required=False,
                    error_messages={
                        "invalid": gettext_lazy("Enter a number of items, like 2"),
                        "min_value": gettext_lazy("Enter a number of items of 0 or more"),
                        "max_value": gettext_lazy("Enter a number of items up to the maximum"),
                    },
                )
            self.fields["where_left"] = forms.CharField(
                label=gettext_lazy("Where will you leave the items?"),
                help_text=gettext_lazy("For example, at the front of the house by the gate"),
                max_length=300,
                required=False,
            )
        elif isinstance(bookable, RoomHire):
            self.fields["room"] = forms.ChoiceField(
                label=gettext_lazy("Which room?"),
                choices=[
                    (room.slug, _room_label(venue, room))
                    for venue in bookable.venues
                    for room in venue.rooms
                ],
                error_messages={"required": gettext_lazy("Select a room")},
            )
        elif isinstance(bookable, Visit):
            self.fields["people"] = forms.IntegerField(
                label=gettext_lazy("How many people are in the group, including adults?"),
                min_value=1,
                error_messages={
                    "required": gettext_lazy("Enter how many people are in the group"),
                    "invalid": gettext_lazy("Enter a number, like 24"),
                    "min_value": gettext_lazy("Enter a number of 1 or more"),
                },
            )

    def item_fields(self):
        return [self[name] for name in self.fields if name.startswith("items-")]

    def items_errors(self) -> list[str]:
        """The items' errors, shown once for their whole fieldset (GOV.UK's pattern for a group
        of inputs, as for a date): "up to 5 items" is about all of them, not the first box. Each
        stays on its input's field, so the error summary links to that input."""
        errors: list[str] = []
        for field in self.item_fields():
            errors += [error for error in field.errors if error not in errors]
        return errors

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        if isinstance(self.bookable, Collection):
            return {
                "items": {
                    item.slug: data.get(f"items-{item.slug}") or 0
                    for item in self.bookable.item_types
                }
            }
        if isinstance(self.bookable, Visit):
            return {"people": data["people"]}
        return {}

    def resource(self) -> str:
        """Whose slots to offer: the postcode's round, the chosen room, or the visit."""
        if isinstance(self.bookable, Collection):
            round_ = self.bookable.round_for(self.cleaned_data.get("postcode", ""))
            return round_.slug if round_ else ""
        if isinstance(self.bookable, RoomHire):
            return self.cleaned_data["room"]
        return self.bookable.service

    def stored(self) -> dict[str, Any]:
        """What the next page needs, kept in the session between the two pages."""
        data = self.cleaned_data
        return {
            "details": self.details(),
            "resource": self.resource(),
            "email": data["email"],
            "concession_benefit": data.get("concession") or "",
            "address": data.get("address", ""),
            "postcode": data.get("postcode", "").upper().strip(),
            "where_left": data.get("where_left", ""),
        }

    def checked_answers(self, service: str) -> dict[str, Any] | None:
        """What was asked (`stored`), if the service can book it; otherwise None, with the
        problem shown on its field (a problem with the items on the first item's field)."""
        asked = self.stored()
        try:
            services.check_details(
                service=service,
                details=asked["details"],
                postcode=asked["postcode"],
                concession=bool(asked["concession_benefit"]),
            )
        except BookingProblem as problem:
            field: str | None = problem.field
            if field == "items":
                field = next((name for name in self.fields if name.startswith("items-")), None)
            self.add_error(field if field in self.fields else None, problem.message)
            return None
        return asked


class SlotForm(forms.Form):
    slot = forms.IntegerField(error_messages={"required": gettext_lazy("Select a date")})
    token = forms.CharField(max_length=64)

    def chosen_slot(self) -> Slot | None:
        """The slot picked on a valid form, or None if there is no such slot."""
        pk = database_id(str(self.cleaned_data["slot"]))
        return Slot.objects.filter(pk=pk).first() if pk is not None else None


def hold_asked_slot(
    *, actor, resident, service: str, slot: Slot, asked: dict[str, Any], idempotency_key: str
) -> Booking:
    """Hold `slot` with what the details page asked (`DetailsForm.checked_answers`, kept in the
    session between the two pages); an officer's answers also say how they were asked
    (`channel`). `services.hold_slot` decides, and raises `BookingProblem`."""
    return services.hold_slot(
        actor=actor,
        resident=resident,
        service=service,
        slot=slot,
        details=asked["details"],
        email=asked["email"],
        idempotency_key=idempotency_key,
        concession_benefit=asked["concession_benefit"],
        address=asked["address"],
        postcode=asked["postcode"],
        where_left=asked["where_left"],
        channel=asked.get("channel", Channel.WEB),
    )
