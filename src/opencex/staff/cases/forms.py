"""Forms for the case page: each action's form parses what an officer
entered; the service it is posted to makes the change and checks the rules."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencex.accounts.models import STAFF_ROLES, Role, User
from opencex.aigovernance.models import Suggestion
from opencex.cases.actions.expected_date import REASON_LENGTH
from opencex.cases.actions.hazard_steps import DELAY_REASON_LENGTH, SummaryGivenBy
from opencex.cases.actions.hazards import AwareBy
from opencex.cases.models import Case, CaseKind, Channel, HazardClass, PauseReason, Priority
from opencex.cases.policies import generic_pause_reasons, status_targets
from opencex.cases.references import reference_hint
from opencex.catalogue.models import Service, Team


def staff_officers(actor) -> forms.ModelChoiceField:
    """Officers a case can be given to: active staff in the actor's teams (anyone, for
    administrators)."""
    officers = User.objects.filter(role__in=STAFF_ROLES, is_active=True)
    if actor.role != Role.ADMINISTRATOR:
        officers = officers.filter(teams__in=actor.teams.all()).distinct()
    return officers.order_by("full_name")


class ReassignForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("Keep the team"),
    )
    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Keep the officer"),
    )
    reason = forms.CharField(label=_("Reason (optional)"), required=False, widget=forms.Textarea)

    def __init__(self, *args, actor, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = staff_officers(actor)
        self.fields["officer"].label_from_instance = lambda user: user.full_name

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors and cleaned.get("team") is None and cleaned.get("officer") is None:
            self.add_error("team", _("Choose a team or an officer"))
        return cleaned


class RouteForm(forms.Form):
    """Another service for the case (its team follows): the suggested one, an alternative or any
    live service, with the routing suggestion the officer was shown, if any."""

    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.filter(is_live=True).order_by("title"),
        to_field_name="slug",
        empty_label=_("Choose a service"),
        error_messages={
            "required": _("Choose a service"),
            "invalid_choice": _("Choose a service from the list"),
        },
    )
    suggestion = forms.IntegerField(
        required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.case = case

    def clean_suggestion(self) -> Suggestion | None:
        pk = self.cleaned_data.get("suggestion")
        if pk is None:
            return None
        suggestion = Suggestion.objects.filter(
            pk=pk, model_key="routing", subject_type="case", subject_id=self.case.pk
        ).first()
        if suggestion is None:
            raise forms.ValidationError(_("That suggestion is not about this case"))
        return suggestion


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        help_text=_("Only council staff see notes."),
        widget=forms.Textarea,
        error_messages={"required": _("Write the note")},
    )


# A standard reply marks what the officer must write in square brackets, like "[Say why]".
_INSTRUCTION = re.compile(r"\[(?:Write|Say) [^\]]*\]")


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the resident"),
        help_text=_("Sent to the resident and shown on their tracking page."),
        widget=forms.Textarea,
        error_messages={"required": _("Write the message")},
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if _INSTRUCTION.search(body):
            raise forms.ValidationError(
                _("Replace the words in square brackets with your own before sending")
            )
        return body


class StandardReplyForm(forms.Form):
    """The GET form that fills the message in from a standard reply, before the officer edits
    it; it works without JavaScript."""

    reply = forms.ChoiceField(
        label=_("Start from a standard reply"),
        help_text=_("You can change the words before you send it."),
        error_messages={
            "required": _("Choose a standard reply"),
            "invalid_choice": _("Choose one of the standard replies offered for this case"),
        },
    )

    def __init__(self, *args, replies, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.replies = {str(reply.pk): reply for reply in replies}
        self.fields["reply"].choices = [
            ("", _("Choose a standard reply")),
            *((pk, reply.name) for pk, reply in self.replies.items()),
        ]


# How a resident's reply can reach an officer who records it (the web is the resident's own).
LOGGED_REPLY_CHANNELS = [
    Channel.PHONE,
    Channel.EMAIL,
    Channel.LETTER,
    Channel.FACE_TO_FACE,
    Channel.OUTREACH,
]


class DateBoxes(forms.Form):
    """A date in GOV.UK day, month and year boxes, read as one date by `date_in_boxes`."""

    day = forms.CharField(label=_("Day"), required=False, max_length=2)
    month = forms.CharField(label=_("Month"), required=False, max_length=2)
    year = forms.CharField(label=_("Year"), required=False, max_length=4)

    @property
    def date_boxes(self) -> list[tuple[forms.BoundField, int]]:
        """The day, month and year boxes with their GOV.UK widths, for the template."""
        return [(self["day"], 2), (self["month"], 2), (self["year"], 4)]

    def date_in_boxes(self, cleaned: dict, *, missing: str, optional: bool = False) -> date | None:
        """The date typed, None if every box is empty and the date is `optional`; else the error
        (`missing` when a box is empty) on the day box."""
        parts = [cleaned.get(name, "").strip() for name in ("day", "month", "year")]
        if optional and not any(parts):
            return None
        if not all(parts):
            self.add_error("day", missing)
            return None
        try:
            day, month, year = (int(part) for part in parts)
            return date(year, month, day)
        except ValueError:
            self.add_error("day", _("Enter a real date, for example 27 3 2026"))
            return None


class LogReplyForm(DateBoxes):
    channel = forms.ChoiceField(
        label=_("How did the resident reply?"),
        choices=[("", _("Choose how")), *((c.value, c.label) for c in LOGGED_REPLY_CHANNELS)],
        error_messages={"required": _("Choose how the resident replied")},
    )
    body = forms.CharField(
        label=_("What the resident said"),
        help_text=_("The resident sees this on their tracking page."),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Write what the resident said")},
    )
    field_order = ["channel", "day", "month", "year", "body"]

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["given_on"] = self.date_in_boxes(
            cleaned,
            missing=_("Enter the day the resident replied, with a day, month and year"),
            optional=True,
        )
        return cleaned


class StatusForm(forms.Form):
    to = forms.ChoiceField(
        label=_("New status"),
        error_messages={
            "required": _("Choose the new status"),
            "invalid_choice": _(
                "This case cannot move to that status now. Choose one of the statuses offered"
            ),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The resident sees this with the new status."),
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            ("", _("Choose a status")),
            *((status.value, status.label) for status in status_targets(case)),
        ]


class AcknowledgeForm(forms.Form):
    pass


class ResumeForm(forms.Form):
    pass


class PauseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What are you waiting for?"),
        error_messages={"required": _("Choose what you are waiting for")},
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = generic_pause_reasons(case)
        self.fields["reason"].choices = [
            ("", _("Choose a reason")),
            *((value, label) for value, label in PauseReason.choices if value in allowed),
        ]


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extension"),
        help_text=_("The resident is told this."),
        widget=forms.Textarea,
        error_messages={"required": _("Give the reason for the extension")},
    )
    days = forms.IntegerField(
        label=_("Working days"),
        min_value=1,
        max_value=20,
        error_messages={
            "required": _("Enter the number of working days"),
            "invalid": _("Enter the number of working days as a number, like 10"),
        },
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if case.kind != CaseKind.COMPLAINT:
            del self.fields["days"]  # other kinds extend to their legal limit, not by days


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the resident want stage 2?"),
        help_text=_(
            "The resident sees this. Stage 2 starts a new clock and must be handled by a "
            "different officer, so the case will have no officer until it is reassigned."
        ),
        widget=forms.Textarea,
        error_messages={"required": _("Say why the resident is unhappy with the stage 1 reply")},
    )


class PriorityForm(forms.Form):
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=[(str(value), label) for value, label in Priority.choices],
        error_messages={"required": _("Choose a priority")},
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        help_text=_("Only council staff see this."),
        widget=forms.Textarea,
        max_length=300,
        error_messages={"required": _("Give the reason for changing the priority")},
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        kwargs.setdefault("initial", {"priority": str(case.priority)})
        super().__init__(*args, **kwargs)


class LinkForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the related case"),
        help_text=reference_hint(_("For example %(reference)s."), CaseKind.SERVICE_REQUEST),
        max_length=32,
        error_messages={"required": _("Enter the reference of the related case")},
    )
    reason = forms.CharField(
        label=_("How are they related? (optional)"),
        help_text=_("Only council staff see links and reasons."),
        required=False,
        max_length=300,
    )


class DuplicateForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the original case"),
        help_text=_("The case whose work carries on. This case will be closed."),
        max_length=32,
        error_messages={"required": _("Enter the reference of the original case")},
    )
    reason = forms.CharField(
        label=_("Why is this a duplicate?"),
        help_text=_(
            "Only council staff see this. The resident is told we are dealing with it "
            "under another request."
        ),
        max_length=300,
        error_messages={"required": _("Say why this case is a duplicate")},
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=200,
        error_messages={"required": _("Record the outcome")},
    )


class ExpectedDateForm(DateBoxes):
    reason = forms.CharField(
        label=_("Why the date has changed"),
        help_text=_("The resident is told this, with the new date."),
        max_length=REASON_LENGTH,
        widget=forms.Textarea,
        error_messages={"required": _("Say why the date has changed")},
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", "expected-date")
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        expected_on = self.date_in_boxes(
            cleaned, missing=_("Enter the new expected date, with a day, month and year")
        )
        if expected_on is not None:
            cleaned["expected_on"] = expected_on
        return cleaned


_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")
NOT_A_HAZARD = "none"  # the radio's value for HazardClass.NONE, which a required field cannot be


class HazardForm(DateBoxes):
    """Record a hazard (Awaab's Law): its class, how the council became aware and when (the
    date and time default to now)."""

    hazard_class = forms.ChoiceField(
        label=_("Hazard class"),
        choices=[
            (HazardClass.EMERGENCY.value, _("Emergency hazard: make safe within 24 hours")),
            (
                HazardClass.SIGNIFICANT.value,
                _("Significant hazard, such as damp and mould: investigate within 10 working days"),
            ),
            (NOT_A_HAZARD, _("Not a hazard: back to the repair's service standard")),
        ],
        error_messages={"required": _("Choose the hazard class")},
    )
    became_aware_by = forms.ChoiceField(
        label=_("How did the council become aware of it?"),
        choices=AwareBy.choices,
        error_messages={"required": _("Choose how the council became aware of the hazard")},
    )
    time = forms.CharField(
        label=_("Time"),
        help_text=_("24-hour clock, for example 21:30"),
        required=False,
        max_length=5,
    )

    def __init__(self, *args, **kwargs) -> None:
        if not args or args[0] is None:
            now = timezone.localtime()
            kwargs.setdefault(
                "initial",
                {
                    "day": now.day,
                    "month": now.month,
                    "year": now.year,
                    "time": f"{now:%H:%M}",
                },
            )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        chosen = cleaned.get("hazard_class")
        if chosen is not None:
            cleaned["hazard_class"] = "" if chosen == NOT_A_HAZARD else chosen
        cleaned["became_aware_at"] = None
        if cleaned.get("became_aware_by") in (None, AwareBy.REPORT):
            return cleaned
        on = self.date_in_boxes(
            cleaned,
            missing=_("Enter the date the council became aware, with a day, month and year"),
        )
        match = _TIME.match(cleaned.get("time", "").strip())
        if match is None:
            self.add_error("time", _("Enter the time the council became aware, like 21:30"))
        elif on is not None:
            at = datetime.combine(on, time(int(match[1]), int(match[2])))
            cleaned["became_aware_at"] = timezone.make_aware(at)
        return cleaned


class InvestigationForm(DateBoxes):
    """The investigation of a significant hazard concluded: when, and what it found (the date
    defaults to today)."""

    significant_hazard_found = forms.ChoiceField(
        label=_("Did the investigation find a significant hazard?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={"required": _("Choose yes if a significant hazard was found")},
    )

    def __init__(self, *args, **kwargs) -> None:
        if not args or args[0] is None:
            today = timezone.localdate()
            kwargs.setdefault(
                "initial", {"day": today.day, "month": today.month, "year": today.year}
            )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        on = self.date_in_boxes(
            cleaned,
            missing=_("Enter the date the investigation concluded, with a day, month and year"),
        )
        if on is not None:
            cleaned["on"] = on
        if "significant_hazard_found" in cleaned:
            cleaned["found"] = cleaned["significant_hazard_found"] == "yes"
        return cleaned


def _today_in_boxes(args, kwargs, *, with_time: bool = False) -> None:
    """An unbound form's date boxes default to today (and its time to now)."""
    if not args or args[0] is None:
        now = timezone.localtime()
        initial = {"day": now.day, "month": now.month, "year": now.year}
        if with_time:
            initial["time"] = f"{now:%H:%M}"
        kwargs.setdefault("initial", initial)


class SummaryForm(DateBoxes):
    """The tenant was given the written summary of the investigation's findings: when, how, and
    optionally the words, sent to them as a message (the date defaults to today)."""

    given_by = forms.ChoiceField(
        label=_("How was the tenant given the summary?"),
        choices=SummaryGivenBy.choices,
        error_messages={"required": _("Choose how the tenant was given the summary")},
    )
    summary = forms.CharField(
        label=_("The summary (optional for a letter or email)"),
        help_text=_(
            "What we found and what we will do. It is sent to the tenant as a message and shown "
            "on their repair."
        ),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, **kwargs) -> None:
        _today_in_boxes(args, kwargs)
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        on = self.date_in_boxes(
            cleaned, missing=_("Enter the date the summary was given, with a day, month and year")
        )
        if on is not None:
            cleaned["given_on"] = on
        return cleaned


MADE_SAFE = "made_safe"
ALTERNATIVE_ACCOMMODATION = "alternative_accommodation"


class MadeSafeForm(DateBoxes):
    """The home was made safe: when (the date and time default to now), and for an emergency
    hazard whether alternative accommodation was offered instead."""

    time = forms.CharField(
        label=_("Time"),
        help_text=_("24-hour clock, for example 21:30"),
        required=False,
        max_length=5,
    )
    what = forms.ChoiceField(
        label=_("What did we do?"),
        choices=[
            (MADE_SAFE, _("Made the home safe")),
            (ALTERNATIVE_ACCOMMODATION, _("Offered suitable alternative accommodation instead")),
        ],
        required=False,
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        _today_in_boxes(args, kwargs, with_time=True)
        super().__init__(*args, **kwargs)
        if case.hazard_class != HazardClass.EMERGENCY:
            del self.fields["what"]  # alternative accommodation is an emergency's only

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["alternative_accommodation"] = cleaned.get("what") == ALTERNATIVE_ACCOMMODATION
        on = self.date_in_boxes(
            cleaned, missing=_("Enter the date the home was made safe, with a day, month and year")
        )
        match = _TIME.match(cleaned.get("time", "").strip())
        if match is None:
            self.add_error("time", _("Enter the time the home was made safe, like 21:30"))
        elif on is not None:
            cleaned["at"] = timezone.make_aware(
                datetime.combine(on, time(int(match[1]), int(match[2])))
            )
        return cleaned


class FurtherWorkForm(DateBoxes):
    """The further work began: when (defaults to today) and, where it could not begin within 5
    working days of the investigation concluding, why (the 12-week route)."""

    delay_reason = forms.CharField(
        label=_("If it could not begin within 5 working days, why not"),
        help_text=_("Leave empty if it began within 5 working days. The tenant is told this."),
        widget=forms.Textarea,
        required=False,
        max_length=DELAY_REASON_LENGTH,
    )

    def __init__(self, *args, **kwargs) -> None:
        _today_in_boxes(args, kwargs)
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        on = self.date_in_boxes(
            cleaned, missing=_("Enter the date the further work began, with a day, month and year")
        )
        if on is not None:
            cleaned["began_on"] = on
        return cleaned
