"""The forms of the readiness pages: a strand's questions (the service's levels and evidence),
the moderator's levels and reasons, returning an assessment, an action's update, the action
plan's filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opencex.readiness.framework import Framework, Question, Strand
from opencex.readiness.models import Answer, Rag

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
LEVEL_CHOICES = [(str(level), str(level)) for level in range(1, 6)]


def level_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=LEVEL_CHOICES, required=False)


class StrandForm(forms.Form):
    """For each of the strand's questions: `<key>-level`, `<key>-evidence`, `<key>-links`."""

    def __init__(self, *args, strand: Strand, answers: dict[str, Answer], **kwargs) -> None:
        initial = {}
        for question in strand.questions:
            answer = answers[question.key]
            initial[f"{question.key}-level"] = str(answer.self_level) if answer.self_level else None
            initial[f"{question.key}-evidence"] = answer.evidence
            initial[f"{question.key}-links"] = answer.links
        super().__init__(*args, initial=initial, **kwargs)
        self.strand = strand
        for question in strand.questions:
            self.fields[f"{question.key}-level"] = level_field(
                _("Level for question %(number)s") % {"number": question.number}
            )
            self.fields[f"{question.key}-evidence"] = forms.CharField(
                label=_("Evidence"),
                help_text=question.evidence,
                required=False,
                widget=forms.Textarea,
                max_length=5000,
            )
            self.fields[f"{question.key}-links"] = forms.CharField(
                label=_("Links to documents (optional)"),
                help_text=_("One address a line, starting https://"),
                required=False,
                widget=forms.Textarea,
                max_length=5000,
            )

    def questions(
        self,
    ) -> list[tuple[Question, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (q, self[f"{q.key}-level"], self[f"{q.key}-evidence"], self[f"{q.key}-links"])
            for q in self.strand.questions
        ]


class ModerationForm(forms.Form):
    """For every question: `<key>-level` (the service's level to start with) and `<key>-reason`."""

    def __init__(self, *args, framework: Framework, answers: dict[str, Answer], **kwargs) -> None:
        initial = {}
        for question in framework.questions():
            answer = answers[question.key]
            level = answer.moderated_level or answer.self_level
            initial[f"{question.key}-level"] = str(level) if level else None
            initial[f"{question.key}-reason"] = answer.moderation_reason
        super().__init__(*args, initial=initial, **kwargs)
        self.framework = framework
        self.answers = answers
        for question in framework.questions():
            self.fields[f"{question.key}-level"] = level_field(
                _("Confirmed level for question %(number)s") % {"number": question.number}
            )
            self.fields[f"{question.key}-reason"] = forms.CharField(
                label=_("Reason for a different level"),
                help_text=_("Needed only if you change the service's level."),
                required=False,
                widget=forms.Textarea,
                max_length=2000,
            )

    def strands(self) -> list:
        return [
            (
                strand,
                [
                    (
                        question,
                        self.answers[question.key],
                        self[f"{question.key}-level"],
                        self[f"{question.key}-reason"],
                    )
                    for question in strand.questions
                ],
            )
            for strand in self.framework.strands
        ]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What does the service need to change?"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Enter what the service needs to change")},
    )


class UpdateForm(forms.Form):
    rag = forms.ChoiceField(
        label=_("Status"),
        choices=Rag.choices,
        error_messages={"required": _("Choose the status")},
    )
    text = forms.CharField(
        label=_("What has happened"),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Enter what has happened")},
    )
    evidence = forms.CharField(
        label=_("Evidence (needed to complete the action)"),
        help_text=_("What shows the work is done: a document, a published page, a figure."),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    due_on = forms.DateField(
        label=_("New due date (optional)"),
        help_text=_("For example, 20/11/2026."),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages={"invalid": _("Enter the date as day/month/year, for example 20/11/2026")},
    )


class PlanFilterForm(forms.Form):
    strand = forms.ChoiceField(label=_("Strand"), required=False)
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    rag = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *list(Rag.choices)],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, framework: Framework, owners: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        strand_field = self.fields["strand"]
        assert isinstance(strand_field, forms.ChoiceField)
        strand_field.choices = [("", _("Every strand"))] + [
            (strand.key, strand.title) for strand in framework.strands
        ]
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, forms.ChoiceField)
        owner_field.choices = [("", _("Anyone"))] + [
            (str(owner.pk), owner.full_name) for owner in owners
        ]
