"""The resident's equality-monitoring questions on their account: "Help us check we serve
everyone". Every question is optional; the answers are saved by people.services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opencex.people import equality
from opencex.people.models import EqualityProfile
from opencex.people.services import EqualityAnswersError, save_equality_answers
from opencex.web.account_views import _choices, is_signed_in_resident


class EqualityForm(forms.Form):
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree to the council keeping these answers to check that its services reach everyone"
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in equality.QUESTIONS:
            field = forms.ChoiceField(
                label=question.label,
                help_text=question.hint,
                choices=question.choices,
                required=False,
            )
            field.error_messages["invalid_choice"] = _("Select an answer from the list")
            self.fields[question.field] = field
        self.order_fields([*equality.FIELDS, "consent"])


@never_cache
@require_http_methods(["GET", "POST"])
def equality_answers(request: HttpRequest) -> HttpResponse:
    resident = getattr(request.user, "resident", None) if is_signed_in_resident(request) else None
    if resident is None:
        return redirect("web:sign-in")
    held = EqualityProfile.objects.filter(resident=resident).first()
    initial = {field: getattr(held, field) for field in equality.FIELDS} if held else {}
    initial["consent"] = held is not None
    form = EqualityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = save_equality_answers(
                actor=request.user,
                resident=resident,
                answers={field: data[field] for field in equality.FIELDS},
                consent_given=data["consent"],
            )
        except EqualityAnswersError as problem:
            form.add_error(problem.field, str(problem))
        else:
            if saved is None:
                messages.success(request, _("We do not hold any equality answers from you."))
            else:
                messages.success(request, _("Thank you. Your answers have been saved."))
            return redirect("web:equality-answers")
    return render(
        request,
        "web/account/equality.html",
        {
            "form": form,
            "questions": [_choices(form[field]) for field in equality.FIELDS],
            "purpose": equality.PURPOSE,
            "held": held is not None,
        },
    )
