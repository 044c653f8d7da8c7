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
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from opencex.cases.models import CaseKind, Channel, Priority, Status
from opencex.people.communication import describe_needs

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


def _triage(flagged: bool, priority: int) -> str:
    tags = ""
    if flagged:
        tags = format_html(
            '<strong class="govuk-tag govuk-tag--purple">{}</strong> ', _("Vulnerable resident")
        )
    if priority == Priority.URGENT:
        tags += format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', _("Urgent"))
    elif priority == Priority.HIGH:
        tags += format_html('<strong class="govuk-tag govuk-tag--orange">{}</strong>', _("High"))
    elif not flagged:
        tags += format_html("{}", _("Normal"))
    return mark_safe(tags)  # noqa: S308 - every part above is escaped by format_html


def _options(choices: Iterable, current: str | None) -> str:
    return "\n    ".join(
        '<option value="{}"{}>{}</option>'.format(
            escape(value),
            " selected" if stringformat(value, "s") == current else "",
            conditional_escape(label),
        )
        for value, label in choices
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
            options = _options(label, current)
            parts.append(f'<optgroup label="{escape(value)}">\n    {options}\n    </optgroup>')
        else:
            parts.append(_options([(value, label)], current_outside_groups))
    return mark_safe("\n    ".join(parts))  # noqa: S308 - every value and label is escaped


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
      <td class="govuk-table__cell"><span dir="auto">{subject}</span></td>
      <td class="govuk-table__cell">{kind}{stage}</td>
      <td class="govuk-table__cell">{status}{new_reply}</td>
      <td class="govuk-table__cell">{triage}</td>
      <td class="govuk-table__cell">{channel}</td>
      <td class="govuk-table__cell">{due}{clock}{likely_late}</td>
    </tr>
    """


@register.simple_tag
def queue_table_rows(cases, bulk_form=None) -> str:
    """The rows of a queue table: one per case (read by cases.selectors.queue_rows, with
    `staff_url`), with a checkbox to select it when the page offers bulk reassignment."""
    chosen = bulk_form["cases"].value() or () if bulk_form else ()
    words = _Words()
    return mark_safe(  # noqa: S308 - _row escapes every value that comes from a case
        "".join(_row(case, bulk_form, chosen, words) for case in cases)
    )


class _Words(dict):
    """What repeats down one table (labels, tags, dates), worked out once per table: in the
    language of this request, so never kept longer."""

    def __missing__(self, key):
        kind, value = key
        if kind == "due":
            text = format_html("{}<br>", date(value, "j M Y")) if value else ""
        elif kind == "clock":
            text = clock_tag(value)
        elif kind == "triage":
            flagged, priority = value
            text = _triage(flagged, priority)
        elif kind == "text-tag":  # a tag under the clock's: a model's suggestion
            text = format_html(
                '<br><strong class="govuk-tag govuk-tag--orange">{}</strong>', _(value)
            )
        elif kind == "label":
            text = conditional_escape(value)
        else:  # a word to translate
            text = _(value)
        self[key] = text
        return text


def _row(case, bulk_form, chosen, words: _Words) -> str:
    reference = escape(case.reference)
    checkbox = ""
    if bulk_form:
        select = escape(words["text", "Select %(reference)s"] % {"reference": case.reference})
        checkbox = _CHECKBOX.format(
            reference=reference,
            checked=" checked" if case.reference in chosen else "",
            select=select,
        )
    stage = ""
    if case.stage:
        stage = escape(" (%s)" % (words["text", "stage %(stage)s"] % {"stage": case.stage}))
    new_reply = ""
    if case.new_reply_at:
        new_reply = '<br><strong class="govuk-tag govuk-tag--turquoise">{}</strong>'.format(
            escape(words["text", "New reply"])
        )
    needs = describe_needs(
        interpreter_language=getattr(case, "interpreter_language", None) or "",
        accessible_format=getattr(case, "accessible_format", None) or "",
    )
    if needs:
        new_reply += f'<br><strong class="govuk-tag govuk-tag--yellow">{escape(needs)}</strong>'
    flagged = case.resident_id is not None and case.resident.is_priority
    return _ROW.format(
        checkbox=checkbox,
        url=escape(case.staff_url),
        reference=reference,
        subject=escape(case.subject),
        kind=words["label", _KINDS.get(case.kind, case.kind)],
        stage=stage,
        status=words["label", _STATUSES.get(case.status, case.status)],
        new_reply=new_reply,
        triage=words["triage", (flagged, case.priority)],
        channel=words["label", _CHANNELS.get(case.channel, case.channel)],
        due=words["due", case.due_on],
        clock=words["clock", case.clock_status],
        likely_late=words["text-tag", "Likely late"] if getattr(case, "likely_late", False) else "",
    )
