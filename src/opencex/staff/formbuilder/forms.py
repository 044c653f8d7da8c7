"""The form builder's forms: a new form, a page, a question in one of the GOV.UK patterns, the
case details. Every text residents read is asked in English (required) and, optionally, in
Polish and Arabic, and kept as {"en", "pl", "ar"} (opencex.languages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy

from opencex.cases.models import CaseKind
from opencex.catalogue.models import Service
from opencex.forms.schema import CASE_KINDS
from opencex.languages import text_in

OTHER_LANGUAGES = (("pl", gettext_lazy("Polish")), ("ar", gettext_lazy("Arabic")))

# The GOV.UK question patterns the builder offers: (pattern, label, schema type).
PATTERNS: list[tuple[str, Any, str]] = [
    ("text", gettext_lazy("Text input"), "text"),
    ("long_text", gettext_lazy("Textarea (with a maximum length)"), "long_text"),
    ("radios", gettext_lazy("Radios (choose one)"), "radios"),
    ("checkboxes", gettext_lazy("Checkboxes (choose any)"), "checkboxes"),
    ("yes_no", gettext_lazy("Yes or no"), "radios"),
    ("date", gettext_lazy("Date input"), "date"),
    ("email", gettext_lazy("Email address"), "email"),
    ("phone", gettext_lazy("UK telephone number"), "phone"),
    ("postcode", gettext_lazy("Postcode"), "postcode"),
    ("address", gettext_lazy("Address (find by postcode, or type it)"), "address"),
    ("file", gettext_lazy("File upload"), "file"),
    ("number", gettext_lazy("Number (with a minimum and maximum)"), "number"),
]
PATTERN_TYPES = {pattern: kind for pattern, _, kind in PATTERNS}
YES_NO = [
    {"value": "yes", "label": {"en": "Yes", "pl": "Tak", "ar": "نعم"}},
    {"value": "no", "label": {"en": "No", "pl": "Nie", "ar": "لا"}},
]
DATE_RULES = [
    ("", gettext_lazy("Any date")),
    ("past", gettext_lazy("In the past")),
    ("past_or_today", gettext_lazy("Today or in the past")),
    ("future", gettext_lazy("In the future")),
    ("today_or_future", gettext_lazy("Today or in the future")),
]


def texts(cleaned: dict[str, Any], name: str) -> Any:
    """The English text alone, or the texts by language where any translation was given."""
    english = cleaned.get(f"{name}_en", "").strip()
    given = {code: cleaned.get(f"{name}_{code}", "").strip() for code, _ in OTHER_LANGUAGES}
    given = {code: text for code, text in given.items() if text}
    return {"en": english, **given} if given else english


def text_initial(value: Any, name: str) -> dict[str, str]:
    if isinstance(value, dict):
        return {f"{name}_{code}": text for code, text in value.items()}
    return {f"{name}_en": value or ""}


def _add_text(form: forms.Form, name: str, label, *, required: bool, multiline=False) -> None:
    widget = forms.Textarea(attrs={"rows": 3}) if multiline else forms.TextInput
    form.fields[f"{name}_en"] = forms.CharField(
        label=label,
        required=required,
        widget=widget,
        error_messages={"required": gettext_lazy("Enter the text in English")},
    )
    for code, language in OTHER_LANGUAGES:
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=format_lazy(
                gettext_lazy("{label} in {language} (optional)"), label=label, language=language
            ),
            required=False,
            widget=widget,
        )


class NewFormForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the form's title")},
    )
    slug = forms.SlugField(
        label=gettext_lazy("Web address"),
        help_text=gettext_lazy("Lower-case letters, digits and hyphens, like report-a-pothole"),
        max_length=120,
        required=False,
    )
    case_kind = forms.ChoiceField(
        label=gettext_lazy("What a sent form opens"),
        choices=[(kind.value, kind.label) for kind in CaseKind if kind.value in CASE_KINDS],
    )
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service (optional)"),
        queryset=Service.objects.order_by("title"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("slug"):
            cleaned["slug"] = slugify(cleaned["title"])[:120]
        return cleaned


class PageForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _add_text(self, "title", gettext_lazy("Page title"), required=True)

    @property
    def title(self) -> Any:
        return texts(self.cleaned_data, "title")


class PatternForm(forms.Form):
    pattern = forms.ChoiceField(
        label=gettext_lazy("Which kind of question?"),
        choices=[(pattern, label) for pattern, label, _ in PATTERNS],
        error_messages={"required": gettext_lazy("Choose the kind of question")},
    )


class QuestionForm(forms.Form):
    """A question's settings for one pattern; only the settings the pattern has are asked."""

    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)

    def __init__(self, *args, pattern: str, conditions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.pattern = pattern
        kind = PATTERN_TYPES[pattern]
        _add_text(self, "label", gettext_lazy("Question"), required=True)
        _add_text(self, "hint", gettext_lazy("Hint (optional)"), required=False)
        _add_text(
            self,
            "error",
            gettext_lazy("Error message when it is not answered (optional)"),
            required=False,
        )
        if pattern in ("radios", "checkboxes"):
            _add_text(
                self,
                "options",
                gettext_lazy("Options, one a line"),
                required=True,
                multiline=True,
            )
        if kind == "long_text":
            self.fields["max_length"] = forms.IntegerField(
                label=gettext_lazy("Most characters allowed (optional)"),
                min_value=1,
                required=False,
            )
        if kind == "number":
            self.fields["min"] = forms.DecimalField(
                label=gettext_lazy("Smallest number (optional)"), required=False
            )
            self.fields["max"] = forms.DecimalField(
                label=gettext_lazy("Largest number (optional)"), required=False
            )
        if kind == "date":
            self.fields["date_rule"] = forms.ChoiceField(
                label=gettext_lazy("Which dates are allowed"), choices=DATE_RULES, required=False
            )
        self.fields["condition"] = forms.ChoiceField(
            label=gettext_lazy("Show this question only if (optional)"),
            choices=[("", gettext_lazy("Always show it")), *conditions],
            required=False,
        )

    def clean(self):
        cleaned = super().clean()
        if "options_en" in self.fields and cleaned.get("options_en"):
            english = _lines(cleaned["options_en"])
            for code, language in OTHER_LANGUAGES:
                given = _lines(cleaned.get(f"options_{code}", ""))
                if given and len(given) != len(english):
                    self.add_error(
                        f"options_{code}",
                        gettext_lazy("Give as many options in %(language)s as in English")
                        % {"language": language},
                    )
        low, high = cleaned.get("min"), cleaned.get("max")
        if low is not None and high is not None and low > high:
            self.add_error("max", gettext_lazy("The largest number must be more than the smallest"))
        return cleaned

    def question(self) -> dict[str, Any]:
        """The question in the schema's shape (without its id)."""
        cleaned = self.cleaned_data
        kind = PATTERN_TYPES[self.pattern]
        question: dict[str, Any] = {
            "type": kind,
            "label": texts(cleaned, "label"),
            "required": bool(cleaned.get("required")),
        }
        if hint := texts(cleaned, "hint"):
            question["hint"] = hint
        if error := texts(cleaned, "error"):
            question["messages"] = {"required": error}
        if self.pattern == "yes_no":
            question["options"] = YES_NO
        elif "options_en" in self.fields:
            question["options"] = _options(cleaned)
        if cleaned.get("max_length"):
            question["max_length"] = cleaned["max_length"]
        for bound in ("min", "max"):
            if cleaned.get(bound) is not None:
                question[bound] = float(cleaned[bound])
        if cleaned.get("date_rule"):
            question["date_rule"] = cleaned["date_rule"]
        if kind == "email":
            question["autocomplete"] = "email"
        return question

    @property
    def condition(self) -> tuple[str | None, str | None]:
        chosen = self.cleaned_data.get("condition") or ""
        if not chosen:
            return None, None
        when, _, equals = chosen.partition("=")
        return when, equals


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _options(cleaned: dict[str, Any]) -> list[dict[str, Any]]:
    english = _lines(cleaned["options_en"])
    by_language = {code: _lines(cleaned.get(f"options_{code}", "")) for code, _ in OTHER_LANGUAGES}
    options, values = [], set()
    for number, label in enumerate(english):
        value = slugify(label).replace("-", "_")[:60] or f"option_{number + 1}"
        while value in values:
            value = f"{value}_{number + 1}"
        values.add(value)
        translated = {code: lines[number] for code, lines in by_language.items() if lines}
        options.append(
            {"value": value, "label": {"en": label, **translated} if translated else label}
        )
    return options


def question_initial(question: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The pattern and form data that show an existing question for editing."""
    kind = question["type"]
    values = [option["value"] for option in question.get("options", [])]
    pattern = "yes_no" if kind == "radios" and values == ["yes", "no"] else kind
    initial: dict[str, Any] = {"required": question.get("required", False)}
    initial |= text_initial(question.get("label"), "label")
    initial |= text_initial(question.get("hint"), "hint")
    initial |= text_initial(question.get("messages", {}).get("required"), "error")
    if pattern in ("radios", "checkboxes"):
        for code in ("en", "pl", "ar"):
            labels = [
                text_in(option["label"], code) if code == "en" else _only(option["label"], code)
                for option in question["options"]
            ]
            if all(labels):
                initial[f"options_{code}"] = "\n".join(labels)
    for name in ("max_length", "min", "max", "date_rule"):
        if question.get(name) is not None:
            initial[name] = question[name]
    if condition := question.get("show_if"):
        initial["condition"] = f"{condition['question']}={condition['equals']}"
    return pattern, initial


def _only(text: Any, code: str) -> str:
    return text.get(code, "") if isinstance(text, dict) else ""


class TextsForm(forms.Form):
    """What residents read around the questions: the title, the start page and next steps."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _add_text(self, "title", gettext_lazy("Title residents see"), required=True)
        _add_text(
            self, "intro", gettext_lazy("Start page (optional)"), required=False, multiline=True
        )
        _add_text(
            self,
            "next_steps",
            gettext_lazy("What happens next, on the confirmation page (optional)"),
            required=False,
            multiline=True,
        )


def texts_initial(schema: dict[str, Any]) -> dict[str, str]:
    initial = text_initial(schema.get("title"), "title")
    for name in ("intro", "next_steps"):
        if schema.get(name):
            initial |= text_initial(schema[name][0], name)
    return initial


class CaseMappingForm(forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("Case subject"),
        help_text=gettext_lazy(
            "For staff. Put a question's id in braces to include its answer, like {bin_type}"
        ),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the case subject")},
    )

    def __init__(self, *args, questions: list[dict[str, Any]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fields = (
            ("contact_name", gettext_lazy("Which question asks for their name"), "text", True),
            ("contact_email", gettext_lazy("Which question asks for their email"), "email", False),
            ("contact_phone", gettext_lazy("Which question asks for their phone"), "phone", False),
            ("property", gettext_lazy("Which question asks for the address"), "address", False),
        )
        for name, label, kind, required in fields:
            choices = [
                (question["id"], text_in(question["label"], "en"))
                for question in questions
                if question["type"] == kind
            ]
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[("", gettext_lazy("None")), *choices],
                required=required,
                error_messages={
                    "required": gettext_lazy("Choose the question that asks for their name")
                },
            )
