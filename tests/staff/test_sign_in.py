"""Staff sign-in: password, the authenticator-app code when set up, refusals and sign-out."""

from __future__ import annotations

import re
import time

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp

from opencex.accounts.models import Role
from opencex.staff.signin import attempts
from opencex.staff.signin.attempts import ACCOUNT_MAX_FAILURES, CODE_MAX_FAILURES, MAX_FAILURES
from tests.factories import TEST_PASSWORD, TOTPDeviceFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("staff:sign-in")
CODE = reverse("staff:sign-in-code")
HOME = reverse("staff:home")

DASH = "\N{EN DASH}"  # between the page and the council in a title


def current_code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def officer():
    return UserFactory(role=Role.CONTACT_CENTRE, full_name="Priya Shah")


def sign_in(client, email, password=TEST_PASSWORD, **extra):
    return client.post(SIGN_IN, {"email": email, "password": password}, **extra)


def test_sign_in_page_asks_for_email_and_password(client):
    page = client.get(SIGN_IN).content.decode()
    assert 'id="email" name="email" type="email"' in page
    assert 'name="password" type="password"' in page
    assert f"Sign in {DASH} Staff workspace {DASH} Oxford City Council" in page


def test_staff_member_signs_in_with_email_and_password(client, officer):
    response = sign_in(client, officer.email)
    assert response.status_code == 302
    assert response.url == HOME
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_email_address_is_not_case_sensitive(client, officer):
    response = sign_in(client, officer.email.upper())
    assert response.url == HOME


def test_signed_in_staff_home_says_who_and_in_which_role(client, officer):
    sign_in(client, officer.email)
    page = client.get(HOME).content.decode()
    assert "Signed in as Priya Shah (Contact-centre officer)" in page


def test_sign_in_goes_on_to_the_page_that_asked_for_it(client, officer):
    response = client.post(
        SIGN_IN, {"email": officer.email, "password": TEST_PASSWORD, "next": "/staff/?tab=2"}
    )
    assert response.url == "/staff/?tab=2"


def test_sign_in_never_goes_on_to_another_website(client, officer):
    response = client.post(
        SIGN_IN,
        {"email": officer.email, "password": TEST_PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == HOME


def test_wrong_password_is_refused_with_an_error_summary_and_keeps_the_email(client, officer):
    response = sign_in(client, officer.email, password="not-the-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert (
        f"<title>Error: Sign in {DASH} Staff workspace {DASH} Oxford City Council</title>" in page
    )
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#email">Enter a correct email address and password</a>' in page
    assert 'id="email-error" class="govuk-error-message"' in page
    assert f'value="{officer.email}"' in page
    assert "not-the-password" not in page


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    page = sign_in(client, "nobody@example.org").content.decode()
    assert "Enter a correct email address and password" in page


def test_empty_form_gets_an_error_for_each_field(client):
    page = client.post(SIGN_IN, {"email": "", "password": ""}).content.decode()
    assert '<a href="#email">Enter your email address</a>' in page
    assert '<a href="#password">Enter your password</a>' in page
    assert "govuk-input--error" in page


def test_email_in_the_wrong_format_is_explained(client):
    page = client.post(SIGN_IN, {"email": "priya", "password": "x"}).content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert 'value="priya"' in page


def test_resident_cannot_sign_in_to_the_staff_workspace(client):
    resident = UserFactory(role=Role.RESIDENT)
    response = sign_in(client, resident.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Enter a correct email address and password" in response.content.decode()


def _page_without_tokens(response) -> str:
    # The CSRF token and the Content Security Policy nonce differ on every response.
    tokens = r'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"'
    return re.sub(tokens, "", response.content.decode())


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PARTNER])
def test_a_right_password_for_a_resident_or_partner_gets_the_very_page_a_wrong_one_does(
    client, role
):
    account = UserFactory(role=role, email="someone@example.org")
    right = sign_in(client, account.email)
    wrong = sign_in(Client(), account.email, password="not-the-password")
    assert right.status_code == wrong.status_code == 200
    assert _page_without_tokens(right) == _page_without_tokens(wrong)
    assert right.cookies.keys() == wrong.cookies.keys()


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher, counting the hashes it computes: the cost a timing attack measures."""

    hashes = 0

    def encode(self, password, salt):
        CountingHasher.hashes += 1
        return super().encode(password, salt)


@pytest.mark.parametrize(
    ("role", "password"),
    [
        (Role.RESIDENT, TEST_PASSWORD),
        (Role.RESIDENT, "wrong"),
        (Role.CASEWORKER, "wrong"),
        (None, "wrong"),  # no account at all
    ],
)
def test_every_refusal_takes_the_same_path_of_one_password_hash(client, settings, role, password):
    if role is not None:
        UserFactory(role=role, email="someone@example.org")
    settings.PASSWORD_HASHERS = ["tests.staff.test_sign_in.CountingHasher"]
    CountingHasher.hashes = 0
    sign_in(client, "someone@example.org", password=password)
    assert CountingHasher.hashes == 1


def test_a_residents_right_password_counts_as_a_failure_towards_the_lockout(client):
    resident = UserFactory(role=Role.RESIDENT)
    for _ in range(MAX_FAILURES):
        sign_in(client, resident.email)
    page = sign_in(client, resident.email).content.decode()
    assert "You have tried to sign in too many times" in page


def test_partner_system_account_cannot_sign_in_here(client):
    partner = UserFactory(role=Role.PARTNER)
    sign_in(client, partner.email)
    assert "_auth_user_id" not in client.session


def test_deactivated_staff_account_cannot_sign_in(client):
    leaver = UserFactory(role=Role.CASEWORKER, is_active=False)
    page = sign_in(client, leaver.email).content.decode()
    assert "Enter a correct email address and password" in page


def test_sign_in_is_refused_after_five_failures_even_with_the_right_password(client, officer):
    for _ in range(MAX_FAILURES):
        sign_in(client, officer.email, password="guess")

    response = sign_in(client, officer.email)

    assert "_auth_user_id" not in client.session
    assert "You have tried to sign in too many times. Wait 15 minutes" in response.content.decode()


def test_four_failures_still_allow_a_correct_sign_in(client, officer):
    for _ in range(MAX_FAILURES - 1):
        sign_in(client, officer.email, password="guess")
    assert sign_in(client, officer.email).url == HOME


def test_failures_from_one_ip_address_do_not_lock_out_another(client, officer):
    for _ in range(MAX_FAILURES):
        sign_in(client, officer.email, password="guess", REMOTE_ADDR="192.0.2.10")
    response = sign_in(client, officer.email, REMOTE_ADDR="192.0.2.20")
    assert response.url == HOME


@pytest.fixture
def counts_on_our_clock(settings):
    """Moving the clock cannot shorten an expiry that Redis keeps on its own clock: tests that
    travel in time count in the local-memory cache, whatever REDIS_URL the run has."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sign-in-lockouts",
        }
    }


@pytest.mark.usefixtures("counts_on_our_clock")
def test_lockout_lapses_fifteen_minutes_after_the_first_failure(monkeypatch):
    attempt = attempts.Attempt(email="priya@example.org", ip_address="192.0.2.10")
    started = time.time()
    for _ in range(MAX_FAILURES):
        assert attempts.begin(attempt)  # and fails: not given back
    assert not attempts.begin(attempt)

    monkeypatch.setattr(time, "time", lambda: started + 15 * 60 + 1)

    assert attempts.begin(attempt)


def _guess_from_many_addresses(email: str, guesses: int) -> None:
    for number in range(guesses):
        sign_in(Client(), email, password="guess", REMOTE_ADDR=f"198.51.100.{number}")


def test_guesses_from_many_addresses_lock_the_account_out_of_new_browsers(client, officer):
    _guess_from_many_addresses(officer.email, ACCOUNT_MAX_FAILURES)

    response = sign_in(client, officer.email, REMOTE_ADDR="192.0.2.99")

    assert "_auth_user_id" not in client.session
    assert "sign in from a computer you have signed in from before" in response.content.decode()


def test_the_officers_own_browser_still_signs_in_while_their_account_is_attacked(officer):
    own_browser = Client()
    sign_in(own_browser, officer.email)
    own_browser.post(reverse("staff:sign-out"))
    assert attempts.TRUSTED_BROWSER_COOKIE in own_browser.cookies

    _guess_from_many_addresses(officer.email, ACCOUNT_MAX_FAILURES * 3)

    assert sign_in(own_browser, officer.email).url == HOME


def test_a_recognised_browser_is_itself_limited_to_five_failures(officer):
    own_browser = Client()
    sign_in(own_browser, officer.email)
    own_browser.post(reverse("staff:sign-out"))
    for _ in range(MAX_FAILURES):
        sign_in(own_browser, officer.email, password="guess")
    page = sign_in(own_browser, officer.email).content.decode()
    assert "You have tried to sign in too many times" in page


def test_a_browser_recognised_for_one_officer_is_not_recognised_for_another(officer):
    colleague = UserFactory(role=Role.CASEWORKER)
    shared = Client()
    sign_in(shared, officer.email)
    shared.post(reverse("staff:sign-out"))
    _guess_from_many_addresses(colleague.email, ACCOUNT_MAX_FAILURES)
    assert "_auth_user_id" not in sign_in(shared, colleague.email).wsgi_request.session


def test_a_forged_browser_cookie_is_ignored(client, officer):
    _guess_from_many_addresses(officer.email, ACCOUNT_MAX_FAILURES)
    client.cookies[attempts.TRUSTED_BROWSER_COOKIE] = "forged"
    response = sign_in(client, officer.email)
    assert "You have tried to sign in too many times" in response.content.decode()


@pytest.mark.usefixtures("counts_on_our_clock")
def test_the_account_wide_lockout_lapses_for_new_browsers_too(officer):
    with time_machine.travel("2027-03-01 09:00 +00:00", tick=False) as traveller:
        _guess_from_many_addresses(officer.email, ACCOUNT_MAX_FAILURES)
        assert "_auth_user_id" not in sign_in(Client(), officer.email).wsgi_request.session
        traveller.shift(15 * 60 + 1)
        assert sign_in(Client(), officer.email).url == HOME


def test_user_with_an_authenticator_app_is_asked_for_a_code(client):
    device = TOTPDeviceFactory()
    response = sign_in(client, device.user.email)
    assert response.url == CODE
    assert "_auth_user_id" not in client.session
    page = client.get(CODE).content.decode()
    assert "Enter your security code" in page
    assert 'autocomplete="one-time-code"' in page


def test_correct_code_completes_sign_in_with_a_verified_device(client):
    device = TOTPDeviceFactory()
    sign_in(client, device.user.email)

    response = client.post(CODE, {"code": current_code(device)})

    assert response.url == HOME
    assert client.session["_auth_user_id"] == str(device.user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(HOME).status_code == 200


def test_code_typed_with_a_space_is_accepted(client):
    device = TOTPDeviceFactory()
    sign_in(client, device.user.email)
    code = current_code(device)
    response = client.post(CODE, {"code": f"{code[:3]} {code[3:]}"})
    assert response.url == HOME


def test_wrong_code_is_refused(client):
    device = TOTPDeviceFactory()
    sign_in(client, device.user.email)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(CODE, {"code": wrong})

    assert "_auth_user_id" not in client.session
    assert '<a href="#code">Enter a correct security code</a>' in response.content.decode()


def test_code_that_is_not_six_numbers_is_explained(client):
    device = TOTPDeviceFactory()
    sign_in(client, device.user.email)
    page = client.post(CODE, {"code": "12ab"}).content.decode()
    assert "The security code must be 6 numbers" in page


def wrong_code(device) -> str:
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


WRONG_CODE_MESSAGE = "Enter a correct security code"
LOCKED_OUT_MESSAGE = "You have tried to sign in too many times"


@pytest.fixture
def officers_browsers(settings, officer):
    """Two browsers the officer has fully signed in from (so both are recognised), and only then
    an authenticator app: no code is used up before the test's own."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only our limits slow the guessing down here
    browsers = (Client(), Client())
    for browser in browsers:
        assert sign_in(browser, officer.email).url == HOME
        browser.post(reverse("staff:sign-out"))
        assert attempts.TRUSTED_BROWSER_COOKIE in browser.cookies
    return browsers, TOTPDeviceFactory(user=officer)


def test_a_right_password_does_not_give_more_code_guesses_from_a_recognised_browser(
    officers_browsers,
):
    """Right password, wrong code, right password again...: the password step used to forgive
    the browser's failures, so the 6-digit code could be guessed without end."""
    (browser, _other), device = officers_browsers
    codes_checked = 0
    for _ in range(CODE_MAX_FAILURES * 2):
        sign_in(browser, device.user.email)
        page = browser.post(CODE, {"code": wrong_code(device)}).content.decode()
        codes_checked += WRONG_CODE_MESSAGE in page

    assert codes_checked == CODE_MAX_FAILURES
    sign_in(browser, device.user.email)
    page = browser.post(CODE, {"code": current_code(device)}).content.decode()
    assert LOCKED_OUT_MESSAGE in page
    assert "_auth_user_id" not in browser.session


def test_wrong_codes_lock_the_code_step_of_the_account_in_every_browser(officers_browsers):
    (guesser, own_browser), device = officers_browsers
    for _ in range(CODE_MAX_FAILURES):
        assert sign_in(guesser, device.user.email).url == CODE
        guesser.post(CODE, {"code": wrong_code(device)})

    assert sign_in(own_browser, device.user.email).url == CODE  # the password is not refused
    response = own_browser.post(CODE, {"code": current_code(device)})

    assert LOCKED_OUT_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in own_browser.session


@pytest.mark.usefixtures("counts_on_our_clock")
def test_a_right_code_still_signs_in_and_forgives_the_wrong_codes_before_it(officers_browsers):
    (browser, _other), device = officers_browsers
    with time_machine.travel("2027-03-01 09:00 +00:00", tick=False) as traveller:
        for _round in range(2):  # twice the limit in all, but each round ends in a sign-in
            for _ in range(CODE_MAX_FAILURES - 1):
                sign_in(browser, device.user.email)
                page = browser.post(CODE, {"code": wrong_code(device)}).content.decode()
                assert WRONG_CODE_MESSAGE in page
            assert sign_in(browser, device.user.email).url == CODE
            assert browser.post(CODE, {"code": current_code(device)}).url == HOME
            browser.post(reverse("staff:sign-out"))
            traveller.shift(30)  # the next code: a code is accepted once


def test_a_right_password_with_a_code_to_come_does_not_forgive_the_address(settings):
    """From an unrecognised browser, wrong codes count against the address as wrong passwords
    do, and a right password no longer clears them."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDeviceFactory()
    client = Client()
    for _ in range(MAX_FAILURES - 1):
        sign_in(client, device.user.email, password="guess")
    assert sign_in(client, device.user.email).url == CODE
    client.post(CODE, {"code": wrong_code(device)})

    page = sign_in(client, device.user.email).content.decode()

    assert LOCKED_OUT_MESSAGE in page


def test_code_page_without_a_password_step_goes_back_to_sign_in(client):
    assert client.get(CODE).url == SIGN_IN


def test_unconfirmed_device_does_not_ask_for_a_code(client):
    device = TOTPDeviceFactory(confirmed=False)
    assert sign_in(client, device.user.email).url == HOME


def test_sign_out_ends_the_session(client, officer):
    sign_in(client, officer.email)
    response = client.post(reverse("staff:sign-out"))
    assert response.url == SIGN_IN
    assert "_auth_user_id" not in client.session
    assert "You have signed out." in client.get(SIGN_IN).content.decode()


def test_sign_out_needs_a_form_post(client, officer):
    sign_in(client, officer.email)
    assert client.get(reverse("staff:sign-out")).status_code == 405
    assert "_auth_user_id" in client.session


def test_form_sent_without_its_security_token_gets_a_proper_page(officer):
    client = Client(enforce_csrf_checks=True)
    response = client.post(SIGN_IN, {"email": officer.email, "password": TEST_PASSWORD})
    page = response.content.decode()
    assert response.status_code == 403
    assert f"<title>Sorry, your form could not be sent {DASH} Oxford City Council</title>" in page
    assert "_auth_user_id" not in client.session
