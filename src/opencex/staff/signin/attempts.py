"""Counts failed staff sign-in attempts, so that guessing a password (or a security code) is slow
without letting anyone lock a real officer out.

Three counts, each of failures in a fixed 15-minute window (opencex.ratelimits):

- per account and address: 5 failures from one address lock that address out of that account;
- per account from any address: 20 failures spread over many addresses (a botnet guessing one
  officer's password) lock the account out of *unrecognised* browsers;
- per recognised browser: a browser the officer has fully signed in from before carries a signed
  cookie naming their account (`TRUSTED_BROWSER_COOKIE`); its attempts count only against
  itself, 5 failures, and never against the account-wide count.

So an attacker who guesses from many addresses slows down guessing for everyone new, but cannot
keep the officer out: the officer's own browsers are not affected by anyone else's failures
("device cookies", OWASP's answer to lockout used as denial of service), and on a new computer
the account-wide count lapses 15 minutes after its first failure.

A wrong security code counts against those as a wrong password does, and also against a fourth
count of its own, per account whatever the browser or address: 5 wrong codes in 15 minutes. Only
someone who already has the password reaches the code step, and a code is 6 numbers, so they must
get a handful of tries, not five per browser they can make "recognised".

Each attempt is counted before the password (or code) is checked and given back if it was
right, so that concurrent guesses cannot all slip past the limit (opencex.ratelimits.allow).
Earlier failures are forgiven (`succeeded`) only once the officer is fully signed in: a right
password with a code still to come forgives nothing, or "right password, 4 wrong codes, right
password again..." would guess codes for ever.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from opencex import ratelimits
from opencex.clientaddress import client_address

MAX_FAILURES = 5
ACCOUNT_MAX_FAILURES = 20
CODE_MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
TRUSTED_BROWSER_COOKIE = "opencex_staff_browser"
TRUSTED_BROWSER_DAYS = 90
_MOST_ACCOUNTS_PER_BROWSER = 5  # a shared desk's computer
_SALT = "opencex.staff.signin.trusted-browser"
_PAIR, _ACCOUNT, _BROWSER, _CODE = (
    "staff-sign-in-failures",
    "staff-sign-in-account",
    "staff-sign-in-browser",
    "staff-sign-in-code",
)


def _account(email: str) -> str:
    return email.strip().lower()


def _digest(email: str) -> str:
    """The account, as the cookie names it: keyed, so the cookie does not show the address."""
    return salted_hmac(_SALT, _account(email)).hexdigest()[:32]


def _trusted_entries(request: HttpRequest) -> list[list[str]]:
    raw = request.COOKIES.get(TRUSTED_BROWSER_COOKIE, "")
    if not raw:
        return []
    try:
        entries = signing.loads(raw, salt=_SALT, max_age=timedelta(days=TRUSTED_BROWSER_DAYS))
    except signing.BadSignature:
        return []
    return [entry for entry in entries if isinstance(entry, list) and len(entry) == 2]


def trusted_browser_token(request: HttpRequest, email: str) -> str | None:
    """This browser's token for `email`'s account, if an officer has fully signed in to that
    account from it before."""
    digest = _digest(email)
    return next((token for who, token in _trusted_entries(request) if who == digest), None)


def remember_browser(request: HttpRequest, response: HttpResponse, email: str) -> None:
    """After a full sign-in: this browser is now recognised for the account."""
    digest = _digest(email)
    entries = [entry for entry in _trusted_entries(request) if entry[0] != digest]
    token = trusted_browser_token(request, email) or secrets.token_urlsafe(16)
    entries = [*entries, [digest, token]][-_MOST_ACCOUNTS_PER_BROWSER:]
    response.set_cookie(
        TRUSTED_BROWSER_COOKIE,
        signing.dumps(entries, salt=_SALT),
        max_age=int(timedelta(days=TRUSTED_BROWSER_DAYS).total_seconds()),
        path="/staff/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@dataclass(frozen=True)
class Attempt:
    """One try at a password or a code: for which account, from where, from which browser."""

    email: str
    ip_address: str
    browser: str | None = None  # the trusted-browser token, when the browser is recognised
    code: bool = False  # a security code (also counted per account, whatever the browser)

    @classmethod
    def from_request(cls, request: HttpRequest, email: str, *, code: bool = False) -> Attempt:
        return cls(
            email=_account(email),
            ip_address=client_address(request),
            browser=trusted_browser_token(request, email),
            code=code,
        )

    def counted_against(self) -> list[tuple[str, str, int]]:
        if self.browser:
            scopes = [(_BROWSER, self.browser, MAX_FAILURES)]
        else:
            scopes = [
                (_PAIR, f"{self.email}|{self.ip_address}", MAX_FAILURES),
                (_ACCOUNT, self.email, ACCOUNT_MAX_FAILURES),
            ]
        if self.code:
            scopes.append((_CODE, self.email, CODE_MAX_FAILURES))
        return scopes


def begin(attempt: Attempt) -> bool:
    """Count the attempt as a failure until it succeeds; False (and nothing counted) when one of
    its limits is already reached, so the password must not even be checked."""
    counted: list[tuple[str, str]] = []
    for scope, value, limit in attempt.counted_against():
        if not ratelimits.allow(scope=scope, values=[value], limit=limit, window=WINDOW):
            for done_scope, done_value in counted:
                ratelimits.give_back(scope=done_scope, values=[done_value])
            return False
        counted.append((scope, value))
    return True


def was_right(attempt: Attempt) -> None:
    """The password (or code) was right, so this attempt is not a failure: give it back, and
    forgive nothing else. A right password with a code still to come is only half a sign-in;
    earlier failures are forgiven by `succeeded`, once the officer is fully signed in."""
    for scope, value, _limit in attempt.counted_against():
        ratelimits.give_back(scope=scope, values=[value])


def succeeded(request: HttpRequest, email: str) -> None:
    """The officer is fully signed in (password, and code when they need one): the address's
    (or browser's) earlier failures and the account's wrong codes are forgiven. The last
    attempt was already given back (`was_right`). The account-wide count is left as it is:
    an officer's success must not hand a botnet a fresh allowance."""
    attempt = Attempt.from_request(request, email, code=True)
    for scope, value, _limit in attempt.counted_against():
        if scope != _ACCOUNT:
            ratelimits.reset(scope=scope, value=value)
