"""Forms for the staff queues: the filters above a queue and bulk reassignment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import Case, CaseKind, Channel, Priority, Status
from opencex.cases.selectors import VULNERABLE, ClockStatus, QueueFilters
from opencex.catalogue.models import Service
from opencex.requestguard import database_id
from opencex.staff.cases.forms import ReassignForm


def _any(label: str, choices) -> list[tuple[str, str]]:
    return [("", label), *((str(value), text) for value, text in choices)]


def chosen_service(data: Mapping[str, str]) -> int | None:
    """The service id in a queue's query string, if it is one at all."""
    return database_id(data.get("service", ""))


def _by_service_area(services: Iterable[Service]) -> list:
    """Grouped choices (one group per service area) so that a long list stays scannable."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for service in services:
        area = service.service_area.name if service.service_area else _("Other services")
        groups.setdefault(str(area), []).append((str(service.pk), service.title))
    return [("", _("Any")), *groups.items()]


class QueueFilterForm(forms.Form):
    """The GET form above a queue; anything it does not recognise is ignored, not an error."""

    search = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Reference, name, email address, phone number, postcode or UPRN"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_any(_("Any"), CaseKind.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_any(_("Open"), Status.choices)
    )
    service = forms.TypedChoiceField(
        label=_("Service"),
        help_text=_("The services of this queue's open cases, by service area"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=(),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=_any(_("Any"), Channel.choices)
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=_any(_("Any"), [*Priority.choices, (VULNERABLE, _("Vulnerable resident"))]),
    )
    clock = forms.ChoiceField(
        label=_("Clock"),
        required=False,
        choices=_any(_("Any"), [c for c in ClockStatus.choices if c[0] != ClockStatus.FINISHED]),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("due", _("Due date")), ("received", _("Date received (newest first)"))],
    )

    def __init__(self, *args, services: Iterable[Service] = (), **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = _by_service_area(services)

    def filters(self) -> QueueFilters:
        self.is_valid()  # a value that is not a choice is dropped, not shown as an error
        cleaned = getattr(self, "cleaned_data", {})
        return QueueFilters(**{name: value for name, value in cleaned.items() if value})


class BulkReassignForm(ReassignForm):
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases"),
        queryset=Case.objects.none(),
        to_field_name="reference",
        error_messages={"required": _("Select the cases to reassign")},
    )

    def __init__(self, *args, actor, cases, **kwargs) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["cases"].queryset = cases
        for name in ("team", "officer"):
            # Read once, as a plain query: a model choice field reads its choices again each
            # time they are asked for (len() with a COUNT first), through a server-side cursor
            # (three round trips to PostgreSQL rather than one).
            field = self.fields[name]
            choice = field.iterator(field).choice
            empty = [] if field.empty_label is None else [("", field.empty_label)]
            field.choices = [*empty, *(choice(obj) for obj in field.queryset)]
