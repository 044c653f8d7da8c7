"""The administrator's form for changing a form without a deploy: the definition's details and
its schema as JSON, checked in full before it is saved; a changed schema is published as a new
version (sessions already under way keep theirs)."""

from __future__ import annotations

import json

from django import forms
from django.db import transaction

from opencex.cases.models import CaseKind
from opencex.forms.models import FormDefinition
from opencex.forms.schema import CASE_KINDS, SchemaError, validate_schema
from opencex.forms.services import publish_version, schema_checksum


class FormDefinitionEditForm(forms.ModelForm):
    case_kind = forms.ChoiceField(
        choices=[(kind.value, kind.label) for kind in CaseKind if kind.value in CASE_KINDS]
    )
    schema = forms.JSONField(
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false"}),
        help_text="The pages, questions and case mapping (see opencex/forms/schema.py). "
        "Saving a changed schema publishes a new version.",
    )

    class Meta:
        model = FormDefinition
        fields = ["slug", "title", "case_kind", "service", "is_live"]

    def __init__(self, *args, actor=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        current = self.instance.current_version() if self.instance.pk else None
        if current is not None:
            self.initial.setdefault("schema", current.schema)

    def clean_schema(self):
        schema = self.cleaned_data["schema"]
        try:
            validate_schema(schema)
        except SchemaError as error:
            raise forms.ValidationError(error.problems) from None
        return schema

    @transaction.atomic
    def save(self, commit: bool = True) -> FormDefinition:
        definition = super().save(commit=True)
        schema = self.cleaned_data["schema"]
        current = definition.current_version()
        if current is None or current.checksum != schema_checksum(schema):
            self.published = publish_version(actor=self.actor, definition=definition, schema=schema)
        else:
            self.published = None
        return definition


def pretty(schema) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False)
