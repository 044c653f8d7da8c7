"""A council profile can make the second factor mandatory per role: an officer in such a role
without an authenticator app sets one up before anything else."""

from __future__ import annotations

import tomllib

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from opencex.accounts.models import Role
from opencex.council.profile import PROFILES_DIR, ProfileError, load_profile, parse_profile
from opencex.staff.signin.attempts import CODE_MAX_FAILURES
from opencex.staff.signin.sign_in import device_being_set_up
from tests.factories import TEST_PASSWORD, TOTPDeviceFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("staff:sign-in")
SET_UP = reverse("staff:sign-in-set-up")
CODE = reverse("staff:sign-in-code")
HOME = reverse("staff:home")


@pytest.fixture(autouse=True)
def _caseworkers_need_two_factor(settings):
    settings.OPENCEX_TWO_FACTOR_REQUIRED_FOR = ["caseworker"]


def code_for(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, user):
    return client.post(SIGN_IN, {"email": user.email, "password": TEST_PASSWORD})


def test_an_officer_whose_role_needs_it_is_taken_to_set_up_an_app_not_signed_in(client):
    caseworker = UserFactory(role=Role.CASEWORKER)
    response = sign_in(client, caseworker)
    assert response.url == SET_UP
    assert "_auth_user_id" not in client.session
    page = client.get(SET_UP).content.decode()
    assert "Set up your authenticator app" in page
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert 'id="setup-key"' in page
    assert "otpauth://totp/" in page
    assert device.config_url.split("secret=")[1][:8] in page.replace(" ", "")


def test_nothing_in_the_workspace_opens_before_the_app_is_set_up(client):
    caseworker = UserFactory(role=Role.CASEWORKER)
    sign_in(client, caseworker)
    for page in (HOME, reverse("staff:find-resident")):
        assert client.get(page).url.startswith(SIGN_IN)


def test_a_session_signed_in_before_the_rule_is_sent_to_sign_in_again(client):
    caseworker = UserFactory(role=Role.CASEWORKER)
    client.force_login(caseworker)
    assert client.get(HOME).url.startswith(SIGN_IN)


def test_a_code_from_the_new_app_confirms_it_and_signs_in(client):
    caseworker = UserFactory(role=Role.CASEWORKER)
    sign_in(client, caseworker)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=caseworker)

    response = client.post(SET_UP, {"code": code_for(device)})

    assert response.url == HOME
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_does_not_confirm_the_app(client):
    caseworker = UserFactory(role=Role.CASEWORKER)
    sign_in(client, caseworker)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=caseworker)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    page = client.post(SET_UP, {"code": wrong}).content.decode()

    assert "Enter a correct security code" in page
    device.refresh_from_db()
    assert not device.confirmed
    assert "_auth_user_id" not in client.session


def test_wrong_codes_on_the_set_up_page_count_towards_the_lockout(settings):
    """Whoever has the password of an officer not yet set up must not get unlimited tries at a
    code either (here from a new address each time, so only the account's own count stops it)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    caseworker = UserFactory(role=Role.CASEWORKER)
    for number in range(CODE_MAX_FAILURES):
        guesser = Client(REMOTE_ADDR=f"198.51.100.{number}")
        assert sign_in(guesser, caseworker).url == SET_UP
        guesser.get(SET_UP)
        device = TOTPDevice.objects.get(user=caseworker)
        wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
        page = guesser.post(SET_UP, {"code": wrong}).content.decode()
        assert "Enter a correct security code" in page

    officer = Client(REMOTE_ADDR="192.0.2.7")
    sign_in(officer, caseworker)
    page = officer.post(SET_UP, {"code": code_for(device)}).content.decode()

    assert "You have tried to sign in too many times" in page
    device.refresh_from_db()
    assert not device.confirmed
    assert "_auth_user_id" not in officer.session


def test_the_key_shown_stays_the_same_until_it_is_confirmed():
    caseworker = UserFactory(role=Role.CASEWORKER)
    assert device_being_set_up(caseworker).pk == device_being_set_up(caseworker).pk


def test_next_time_the_officer_is_asked_for_a_code_as_usual(client):
    device = TOTPDeviceFactory(user=UserFactory(role=Role.CASEWORKER))
    assert sign_in(client, device.user).url == CODE


def test_roles_the_profile_does_not_name_sign_in_with_a_password(client):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    assert sign_in(client, officer).url == HOME


def test_the_set_up_page_needs_the_password_step_first(client):
    assert client.get(SET_UP).url == SIGN_IN


def test_the_example_profile_asks_it_of_every_staff_role():
    staff_roles = {role.value for role in Role} - {Role.RESIDENT, Role.PARTNER}
    assert set(load_profile("oxford").security.two_factor_required_for) == staff_roles


def test_a_profile_naming_a_role_that_does_not_exist_is_refused():
    raw = tomllib.loads((PROFILES_DIR / "oxford.toml").read_text())
    raw["security"] = {"two_factor_required_for": ["managers"]}
    with pytest.raises(ProfileError, match=r"security\.two_factor_required_for"):
        parse_profile(raw)


def test_the_admin_asks_for_the_second_factor_too(client, settings):
    """A session from before the rule cannot reach the admin either: it asks as staff pages do."""
    settings.OPENCEX_TWO_FACTOR_REQUIRED_FOR = ["administrator"]
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True))
    response = client.get("/staff/admin/forms/formdefinition/", follow=True)
    assert response.redirect_chain[-1][0].startswith(SIGN_IN)

    settings.OPENCEX_TWO_FACTOR_REQUIRED_FOR = []
    assert client.get("/staff/admin/forms/formdefinition/").status_code == 200
