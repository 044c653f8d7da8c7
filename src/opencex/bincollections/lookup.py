"""Reads: the addresses at a postcode, the round of an address and its next collections."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet

from opencex.bincollections.config import BinsFile, Round
from opencex.bincollections.rounds import normalised_postcode, round_for_address
from opencex.bincollections.schedule import Collection, collections
from opencex.council.calendar import council_calendar
from opencex.people.models import Property


def addresses_at(postcode: str) -> QuerySet[Property]:
    """The council's addresses at `postcode` (written any way), in the address list's order."""
    written = normalised_postcode(postcode)
    if written is None:
        return Property.objects.none()
    return Property.objects.filter(postcode__iexact=written).exclude(uprn="")


def round_of(config: BinsFile, property: Property) -> Round | None:
    return round_for_address(
        config,
        uprn=property.uprn,
        lines=[property.address_line_1, property.address_line_2],
        postcode=property.postcode,
    )


def collections_at(
    config: BinsFile, property: Property, *, start: date, weeks: int | None = None
) -> tuple[Round | None, list[Collection]]:
    """The round of `property` and its collections from `start` for `weeks` weeks (the file's
    `weeks_shown` when not given); no round, no collections."""
    round_ = round_of(config, property)
    if round_ is None:
        return None, []
    end = start + timedelta(weeks=weeks or config.weeks_shown) - timedelta(days=1)
    return round_, collections(config, round_, start=start, end=end, calendar=council_calendar())


def property_with_uprn(uprn: str) -> Property | None:
    return Property.objects.filter(uprn=uprn).first() if uprn else None
