"""Administrators keep the standard replies in the admin (/staff/admin/)."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from opencex.cases.models import CaseKind
from opencex.replies.models import StandardReply
from opencex.replies.placeholders import PLACEHOLDERS


class StandardReplyForm(forms.ModelForm):
    case_kinds = forms.MultipleChoiceField(
        choices=CaseKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Kinds of case",
        help_text="Leave all unticked to offer it for every kind of case.",
    )

    class Meta:
        model = StandardReply
        fields = ["name", "case_kinds", "body", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = (
            "Placeholders you can use: "
            + "; ".join(f"{{{name}}} for {meaning}" for name, meaning in PLACEHOLDERS.items())
            + ". Put what the officer must write in square brackets starting with Write or Say, "
            "like [Say why it is taking longer]: a message still holding one is not sent."
        )


@admin.register(StandardReply)
class StandardReplyAdmin(admin.ModelAdmin):
    form = StandardReplyForm
    list_display = ["name", "kinds", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "body"]

    @admin.display(description="Kinds of case")
    def kinds(self, reply: StandardReply) -> str:
        if not reply.case_kinds:
            return "Every kind"
        return ", ".join(CaseKind(kind).label for kind in reply.case_kinds)
