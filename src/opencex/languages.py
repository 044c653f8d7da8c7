"""The one rule for text kept in data (form definitions, the catalogue) that residents read in
their own language.

Interface text (templates, code) is translated with gettext and the files in locale/. Text that
lives in data cannot be, so data says it itself: a text value is either a plain string, which is
English, or an object of texts by language, {"en": "...", "pl": "...", "ar": "..."}. It is shown
in the language of the page, and in English where that language has no text. English is
therefore required in every such object, and only the languages the site offers
(settings.LANGUAGES) may appear.

`text_in` is the rule and has no Django in it; the rest reads the site's settings. What it gives
in English on a page in another language is an `EnglishFallback`, a string that says so, and every
page marks such a text `lang="en"` (the `lang_if_english` template filter; WCAG 3.1.2).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import translation

ENGLISH = "en"

# What a translatable text in data may be: English, or English and its translations.
TranslatableText = str | Mapping[str, str]


def base_language(code: str | None) -> str:
    """The language without its region, as data names it: "pl-pl" → "pl", "en-gb" → "en"."""
    return (code or ENGLISH).split("-")[0].split("_")[0].lower() or ENGLISH


class EnglishFallback(str):
    """A text shown in English because the language asked for has none: a string like any other,
    which a page marks `lang="en"`. Joining it to other text makes a plain string again."""

    __slots__ = ()


def is_english_fallback(text: Any) -> bool:
    """Whether `text` is English shown for want of a translation (see `EnglishFallback`)."""
    return isinstance(text, EnglishFallback)


def text_in(value: Any, language: str | None) -> str:
    """`value` (a string, or texts by language) in `language`, falling back to English (an
    `EnglishFallback` when `language` is not English)."""
    code = base_language(language)
    if isinstance(value, Mapping):
        text = value.get(code)
        if text or code == ENGLISH:
            return text or ""
        value = value.get(ENGLISH) or ""
    if value is None:
        return ""
    if isinstance(value, str) and value and code != ENGLISH:
        return EnglishFallback(value)
    return value


def current_language() -> str:
    """The language of the page being made, as data names it ("pl"), or English."""
    return base_language(translation.get_language())


def in_current_language(value: Any) -> str:
    """`value` in the language of the page being made (see `text_in`)."""
    return text_in(value, current_language())


def offered_languages() -> list[str]:
    """The languages the site offers, as data names them: ["en", "pl", "ar"]."""
    return list(dict.fromkeys(base_language(code) for code, _name in settings.LANGUAGES))


def language_name(code: str | None) -> str:
    """A language's name in that language, as the site's switcher shows it ("pl" → "Polski"); for
    a language the site does not offer, Django's name for it; else the code itself."""
    base = base_language(code)
    for offered, name in settings.LANGUAGES:
        if base_language(offered) == base:
            return str(name)
    try:
        return translation.get_language_info(base)["name_local"]
    except KeyError:
        return code or ""


def is_translatable_text(value: Any) -> bool:
    """Whether `value` has the shape of a translatable text with some English in it."""
    if isinstance(value, str):
        return bool(value.strip())
    return (
        isinstance(value, Mapping)
        and isinstance(value.get(ENGLISH), str)
        and bool(value[ENGLISH].strip())
    )


def translation_problems(value: Any, what: str) -> list[str]:
    """What is wrong with a translatable text, one sentence each; [] if it can be used.

    `what` names the text in the sentences, e.g. 'the label'. An empty or missing value is not
    reported here: whether a text is required is for the caller to say.
    """
    if value is None or isinstance(value, str):
        return []
    if not isinstance(value, Mapping):
        return [f'{what} must be text, or texts by language like {{"en": "...", "pl": "..."}}.']
    problems = []
    offered = offered_languages()
    english = value.get(ENGLISH)
    if not (isinstance(english, str) and english.strip()):
        problems.append(
            f'{what} needs English ("en"), which is shown where a language has no translation.'
        )
    unknown = sorted(str(code) for code in value if code not in offered)
    if unknown:
        problems.append(
            f"{what} is in languages this site does not offer: {', '.join(unknown)} "
            f"(it offers {', '.join(offered)})."
        )
    not_text = sorted(
        str(code) for code, text in value.items() if code in offered and not isinstance(text, str)
    )
    if not_text:
        problems.append(f"{what} must be text in every language; not in {', '.join(not_text)}.")
    return problems


def offered_or_english(code: str | None) -> str:
    """`code` as data names it ("pl-pl" → "pl") if the site offers that language, else English."""
    base = base_language(code)
    return base if base in offered_languages() else ENGLISH
