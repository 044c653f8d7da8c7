"""Turns the council's brand colour into CSS custom properties that keep text on it readable."""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
WHITE = "#ffffff"
BLACK = "#0b0c0c"  # GOV.UK Frontend's text colour
PURE_BLACK = "#000000"
MINIMUM_TEXT_CONTRAST = 4.5  # WCAG 2.2 success criterion 1.4.3, level AA


def _channels(colour: str) -> tuple[float, float, float]:
    if not HEX_COLOUR.match(colour):
        raise ValueError(f"'{colour}' is not a colour like #00576b")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def relative_luminance(colour: str) -> float:
    """The WCAG 2 relative luminance of an sRGB colour written as hex."""

    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White text if it is readable on the background, otherwise GOV.UK's near-black, or black.

    White or pure black always reaches 4.5:1 (the worst case, a mid grey, gives about 4.6:1), so
    any brand colour a council picks keeps the text on it readable.
    """
    for candidate in (WHITE, BLACK):
        if contrast_ratio(background, candidate) >= MINIMUM_TEXT_CONTRAST:
            return candidate
    return PURE_BLACK


def brand_custom_properties(colour: str) -> dict[str, str]:
    """CSS custom properties for a council's brand colour, validated so it is safe in a <style>."""
    return {
        "--govuk-brand-colour": colour.lower(),
        "--app-brand-text-colour": text_colour_on(colour),
    }
