"""The files on a case, for the case page's list (`staff/case/_attachments.html`), so the list
needs nothing from the view that draws the page."""

from __future__ import annotations

from django import template

from opencex.cases.attachments import attachments_for

register = template.Library()


@register.simple_tag
def case_attachments(case):
    return list(attachments_for(case))
