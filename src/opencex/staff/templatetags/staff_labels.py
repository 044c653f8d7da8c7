"""How the workspace names things that come from the council's profile, the same on every page:
a phone line is named once, and the vulnerable-residents line stands out as a red tag instead of
being named and then tagged again ("Vulnerable residents line Vulnerable line")."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def phone_line_label(name: str, is_vulnerable_line: bool = False) -> str:
    """The line a call came in on, by the council's name for it."""
    if not name:
        return ""
    if is_vulnerable_line:
        return format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', name)
    return format_html("{}", name)
