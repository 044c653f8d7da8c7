"""Markup repeated in every row of a long staff list, written in Python.

A queue page shows 50 cases, each with its triage and clock tags, above selects of up to a few
hundred officers or services. As template includes and loops these cost more than the database
work behind the page (an include is a context push and a template render per row; a select's
option a handful of lookups and filters each); as functions they cost a format each. The markup
is the same as the templates had, and the templates that showed one tag use these too, so each
tag is defined once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.template.defaultfilters import date, stringformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from opencex.cases.models import CaseKind, Channel, Priority, Status

register = template.Library()

_CLOCK_TAGS = {
    "overdue": ("red", "Overdue"),
    "due_soon": ("yellow", "Due soon"),
    "paused": ("grey", "Paused"),
    "on_track": ("green", "On track"),
}


@register.simple_tag
def clock_tag(status: str) -> str:
    """A case's clock status (a ClockStatus value) as a GOV.UK tag; nothing when finished."""
    if status not in _CLOCK_TAGS:
        return ""
    colour, label = _CLOCK_TAGS[status]
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, _(label))


@register.simple_tag
def triage_tags(case) -> str:
    """A queue row's triage: "Vulnerable resident" when the resident has a vulnerability flag,
    then the case's priority (the word "Normal" only when there is no other tag). Needs the
    case's resident read with it (select_related)."""
    flagged = case.resident_id is not None and case.resident.is_priority
    tags = ""
    if flagged:
        tags = format_html(
            '<strong class="govuk-tag govuk-tag--purple">{}</strong> ', _("Vulnerable resident")
        )
    if case.priority == Priority.URGENT:
        tags += format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', _("Urgent"))
    elif case.priority == Priority.HIGH:
        tags += format_html('<strong class="govuk-tag govuk-tag--orange">{}</strong>', _("High"))
    elif not flagged:
        tags += format_html("{}", _("Normal"))
    return mark_safe(tags)  # noqa: S308 - every part above is escaped by format_html


def _options(choices: Iterable, current: str | None) -> SafeString:
    return format_html_join(
        "\n    ",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if stringformat(value, "s") == current else "", label)
            for value, label in choices
        ),
    )


@register.simple_tag
def select_options(field) -> str:
    """The <option>s (and <optgroup>s, for grouped choices) of a choice field's select, the
    chosen one selected. The choices are read once (a model choice field's are a query)."""
    value = field.value()
    current = stringformat("" if value is None else value, "s")
    choices = list(field.field.choices)
    if any(isinstance(label, list | tuple) for _value, label in choices):
        current_outside_groups = None  # as the grouped select always had it: "Any" not marked
    else:
        current_outside_groups = current
    parts = []
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group: (name, [(value, label), ...])
            parts.append(
                format_html(
                    '<optgroup label="{}">\n    {}\n    </optgroup>',
                    value,
                    _options(label, current),
                )
            )
        else:
            parts.append(_options([(value, label)], current_outside_groups))
    return mark_safe("\n    ".join(parts))  # noqa: S308 - each part is escaped by format_html


_KINDS, _STATUSES, _CHANNELS = (dict(c.choices) for c in (CaseKind, Status, Channel))
_CHECKBOX = """<td class="govuk-table__cell">
        <div class="govuk-checkboxes govuk-checkboxes--small">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id="bulk-case-{reference}" name="bulk-cases" \
type="checkbox" value="{reference}"{checked}>
            <label class="govuk-label govuk-checkboxes__label" for="bulk-case-{reference}">\
<span class="govuk-visually-hidden">{select}</span></label>
          </div>
        </div>
      </td>"""
_ROW = """
    <tr class="govuk-table__row">
      {checkbox}
      <td class="govuk-table__cell"><a class="govuk-link" href="{url}">{reference}</a></td>
      <td class="govuk-table__cell">{subject}</td>
      <td class="govuk-table__cell">{kind}{stage}</td>
      <td class="govuk-table__cell">{status}{new_reply}</td>
      <td class="govuk-table__cell">{triage}</td>
      <td class="govuk-table__cell">{channel}</td>
      <td class="govuk-table__cell">{due}{clock}</td>
    </tr>
    """


@register.simple_tag
def queue_table_rows(cases, bulk_form=None) -> str:
    """The rows of a queue table: one per case (read by cases.selectors.queue_rows, with
    `staff_url`), with a checkbox to select it when the page offers bulk reassignment."""
    chosen = bulk_form["cases"].value() or () if bulk_form else ()
    return mark_safe("".join(_row(case, bulk_form, chosen) for case in cases))  # noqa: S308


def _row(case, bulk_form, chosen) -> str:
    checkbox = ""
    if bulk_form:
        checkbox = format_html(
            _CHECKBOX,
            reference=case.reference,
            checked=" checked" if case.reference in chosen else "",
            select=_("Select %(reference)s") % {"reference": case.reference},
        )
    stage = " (%s)" % (_("stage %(stage)s") % {"stage": case.stage}) if case.stage else ""
    new_reply = ""
    if case.new_reply_at:
        new_reply = format_html(
            '<br><strong class="govuk-tag govuk-tag--turquoise">{}</strong>', _("New reply")
        )
    return format_html(
        _ROW,
        checkbox=checkbox,
        url=case.staff_url,
        reference=case.reference,
        subject=case.subject,
        kind=_KINDS.get(case.kind, case.kind),
        stage=stage,
        status=_STATUSES.get(case.status, case.status),
        new_reply=new_reply,
        triage=triage_tags(case),
        channel=_CHANNELS.get(case.channel, case.channel),
        due=format_html("{}<br>", date(case.due_on, "j M Y")) if case.due_on else "",
        clock=clock_tag(case.clock_status),
    )
