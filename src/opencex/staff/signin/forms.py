"""The staff sign-in forms: password first, then a code from an authenticator app if set up."""

from __future__ import annotations

import re

import django_otp
from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from opencex.accounts.models import User
from opencex.clientaddress import client_address
from opencex.staff.signin import attempts

WRONG_CREDENTIALS = _("Enter a correct email address and password")
LOCKED_OUT = _(
    "You have tried to sign in too many times. Wait 15 minutes, then try again. "
    "If you have forgotten your password, ask your manager to reset it."
)
NOT_STAFF = _("This sign-in is for council staff. Your account cannot be used here.")


def client_ip(request: HttpRequest) -> str:
    return client_address(request)


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
        email = email.lower()
        ip_address = client_ip(self.request)
        if attempts.is_locked_out(email=email, ip_address=ip_address):
            raise forms.ValidationError(LOCKED_OUT, code="locked_out")
        user = authenticate(self.request, email=email, password=password)
        if user is None:
            attempts.record_failure(email=email, ip_address=ip_address)
            self.add_error("email", forms.ValidationError(WRONG_CREDENTIALS, code="invalid_login"))
            return cleaned
        if not user.is_council_staff:
            raise forms.ValidationError(NOT_STAFF, code="not_staff")
        attempts.clear_failures(email=email, ip_address=ip_address)
        self.user = user
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Security code"),
        help_text=_("The 6-digit code shown in your authenticator app"),
        error_messages={"required": _("Enter the security code")},
    )

    def __init__(self, request: HttpRequest, user: User, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user
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
        ip_address = client_ip(self.request)
        if attempts.is_locked_out(email=self.user.email, ip_address=ip_address):
            raise forms.ValidationError(LOCKED_OUT, code="locked_out")
        self.device = django_otp.match_token(self.user, code)
        if self.device is None:
            attempts.record_failure(email=self.user.email, ip_address=ip_address)
            self.add_error(
                "code", forms.ValidationError(_("Enter a correct security code"), code="invalid")
            )
        else:
            attempts.clear_failures(email=self.user.email, ip_address=ip_address)
        return cleaned
