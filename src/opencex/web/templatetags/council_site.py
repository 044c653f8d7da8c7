"""Template helpers for showing the council's brand, phone numbers and opening hours."""

from __future__ import annotations

from datetime import datetime, time

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language

from opencex.clocks import wording
from opencex.council.profile import WEEKDAYS as PROFILE_WEEKDAYS
from opencex.web.branding import brand_custom_properties

register = template.Library()


@register.simple_tag
def council_profile():
    """The council profile, for templates rendered without context processors (the 500 page)."""
    return settings.COUNCIL_PROFILE


@register.simple_tag
def brand_style(colour: str) -> str:
    """The `:root` declarations that give every component the council's brand colour."""
    declarations = "; ".join(
        f"{name}: {value}" for name, value in brand_custom_properties(colour).items()
    )
    return f":root {{ {declarations} }}"


@register.filter
def tel_href(number: str) -> str:
    """A `tel:` link target: the number without spaces, so phones can dial it."""
    return "tel:" + "".join(
        character for character in number if character.isdigit() or character == "+"
    )


@register.filter
def weekday_name(day: str) -> str:
    """'monday' from a council profile as the translated day name."""
    return str(WEEKDAYS[PROFILE_WEEKDAYS.index(day)])


@register.filter
def clock_time(value: time | datetime) -> str:
    """A time (or the time of a moment, in UK time) in the GOV.UK style in English (10am,
    5:30pm, midday, midnight: `clocks.wording.clock_time`, as the letters write it); languages
    that do not use am and pm get the 24-hour clock (10:00, 17:30)."""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    if not get_language().startswith("en"):
        return f"{value.hour}:{value.minute:02d}"
    return wording.clock_time(value)
