"""Template helpers for showing the council's brand, phone numbers and opening hours."""

from __future__ import annotations

from datetime import date, datetime, time

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from opencex import bidi, dates_in_language
from opencex.council.profile import WEEKDAYS as PROFILE_WEEKDAYS
from opencex.languages import current_language, in_current_language, is_english_fallback
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
    return dates_in_language.clock_time(value)


@register.filter
def long_date(value: date | datetime) -> str:
    """A day as the page's language writes it: "Monday 7 September 2026", "poniedziałek
    7 września 2026" (`dates_in_language.long_date`)."""
    return dates_in_language.long_date(value)


@register.filter
def in_language(value) -> str:
    """A text from data (English, or texts by language) in the page's language, else English
    (`opencex.languages`)."""
    return in_current_language(value)


@register.filter
def translated(row, field: str) -> str:
    """A catalogue row's text (`{{ service.topic|translated:"name" }}`) in the page's language,
    else English (`opencex.catalogue.models.Translatable.text_in`)."""
    return row.text_in(field, current_language()) if row is not None else ""


@register.filter
def lang_if_english(texts, field: str | None = None) -> str:
    """` lang="en"` (and ` dir="ltr"` on a right-to-left page) for an element showing a data
    text that is the English fallback on a page in another language (WCAG 3.1.2): a text from
    `text_in` (`<label{{ field.label|lang_if_english }}>`), or `field` of a catalogue row or of
    its texts in one language (`<h1{{ text|lang_if_english:"title" }}>`)."""
    if texts is None:
        return ""
    if field is None:
        in_english = is_english_fallback(texts)
    elif hasattr(texts, "is_shown_in_english"):
        in_english = texts.is_shown_in_english(field, current_language())
    else:
        in_english = field in getattr(texts, "in_english", ())
    if not in_english:
        return ""
    marked = ' lang="en" dir="ltr"' if translation.get_language_bidi() else ' lang="en"'
    return mark_safe(marked)  # noqa: S308 - a fixed attribute


@register.filter(is_safe=True)
def lang_if_other(language: str | None) -> str:
    """` lang="xx" dir="..."` for an element whose text is in `language` when that is not the
    page's language (a search result in English, or in Polish on an Arabic page): the language
    and its own direction, so the text reads and sounds right (WCAG 3.1.2)."""
    if not language or language == current_language():
        return ""
    direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)


@register.filter(is_safe=True)
def ltr(value) -> str:
    """A phone number, email address, reference, postcode, amount, date in digits or URL, kept
    left to right on a right-to-left page (`<bdi dir="ltr">`, `opencex.bidi`); as it is
    elsewhere: `<a href="{{ number|tel_href }}">{{ number|ltr }}</a>`."""
    if value is None or value == "":
        return value
    escaped = conditional_escape(value)
    if not translation.get_language_bidi():
        return escaped
    return mark_safe(bidi.isolate(escaped))  # noqa: S308 - escaped above


@register.filter(is_safe=True)
def ltr_runs(value) -> str:
    """A text (from data, or a resident's) with the left-to-right runs in it (phone numbers,
    emails, references, postcodes, money, dates, URLs) isolated on a right-to-left page:
    `{{ text.summary|ltr_runs|linebreaksbr }}`. Text already marked safe is left as it is."""
    if value is None or isinstance(value, SafeString) or not translation.get_language_bidi():
        return conditional_escape("" if value is None else value)
    return mark_safe(bidi.isolate_ltr_runs(str(value)))  # noqa: S308 - it escapes the text


@register.simple_tag
def languages_in_their_own_names() -> list[tuple[str, str]]:
    """The site's languages as the switcher offers them, each named in itself ("Polski"), never
    in the page's language (Django's `get_available_languages` translates the names)."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]
