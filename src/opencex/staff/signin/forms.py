"""The staff sign-in forms: password first, then a code from an authenticator app if set up."""

from __future__ import annotations

import re

import django_otp
from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from opencex.accounts.models import User
from opencex.staff.signin import attempts

WRONG_CREDENTIALS = _("Enter a correct email address and password")
LOCKED_OUT = _(
    "You have tried to sign in too many times. Wait 15 minutes, then try again, or sign in "
    "from a computer you have signed in from before. "
    "If you have forgotten your password, ask your manager to reset it."
)


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password")},
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User | None = None

    def clean(self) -> dict:
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        attempt = attempts.Attempt.from_request(self.request, email)
        if not attempts.begin(attempt):
            raise forms.ValidationError(LOCKED_OUT, code="locked_out")
        user = authenticate(self.request, email=attempt.email, password=password)
        # A resident's or a partner system's right password is a failure here like any other,
        # on the same path and with the same words: the page must not confirm it was right.
        if user is None or not user.is_council_staff:
            self.add_error("email", forms.ValidationError(WRONG_CREDENTIALS, code="invalid_login"))
            return cleaned
        # Not `succeeded`: with a code still to come, a right password must not forgive the
        # failures before it (the views call `succeeded` once the officer is fully signed in).
        attempts.was_right(attempt)
        self.user = user
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Security code"),
        help_text=_("The 6-digit code shown in your authenticator app"),
        error_messages={"required": _("Enter the security code")},
    )

    def __init__(self, request: HttpRequest, user: User, *args, setting_up=None, **kwargs) -> None:
        """`setting_up`: the unconfirmed device being added, whose code alone is accepted."""
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user
        self.setting_up = setting_up
        self.device = None

    def clean_code(self) -> str:
        # People copy codes with spaces ("123 456"); the code itself is 6 digits.
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("The security code must be 6 numbers"), code="format")
        return code

    def clean(self) -> dict:
        cleaned = super().clean()
        code = cleaned.get("code")
        if not code:
            return cleaned
        attempt = attempts.Attempt.from_request(self.request, self.user.email, code=True)
        if not attempts.begin(attempt):
            raise forms.ValidationError(LOCKED_OUT, code="locked_out")
        if self.setting_up is not None:
            self.device = self.setting_up if self.setting_up.verify_token(code) else None
        else:
            self.device = django_otp.match_token(self.user, code)
        if self.device is None:
            self.add_error(
                "code", forms.ValidationError(_("Enter a correct security code"), code="invalid")
            )
        else:
            attempts.was_right(attempt)
        return cleaned
