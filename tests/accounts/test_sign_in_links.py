"""Signing in by an emailed single-use link: it arrives, works once, expires, and tells nobody
which addresses have accounts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opencex.accounts import sign_in_links
from opencex.accounts.models import Role, SignInLink, User
from opencex.people.models import Resident
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://\S+/account/sign-in/(\S+)")


def ask_for_link(client, email):
    return client.post(reverse("web:sign-in"), {"email": email})


def token_from(message) -> str:
    return LINK.search(message.get_content()).group(1)


def test_the_link_arrives_by_email_and_signs_in_once_only(client, smtp_server):
    ask_for_link(client, "Ann@Example.org")
    [message] = smtp_server.messages
    assert message["To"] == "ann@example.org"
    token = token_from(message)
    url = reverse("web:sign-in-link", kwargs={"token": token})

    assert client.get(url).status_code == 200  # opening it shows the button, using nothing
    response = client.post(url)
    assert response.url == reverse("web:your-requests")
    assert client.get(reverse("web:your-requests")).status_code == 200

    client.logout()
    second = client.post(url)
    assert second.status_code == 410
    assert "already been used" in second.content.decode()
    assert client.get(reverse("web:your-requests")).url == reverse("web:sign-in")


def test_an_expired_link_is_refused(client, smtp_server):
    ask_for_link(client, "ann@example.org")
    token = token_from(smtp_server.messages[0])
    SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.post(reverse("web:sign-in-link", kwargs={"token": token}))

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forged_token_is_refused(client):
    response = client.post(reverse("web:sign-in-link", kwargs={"token": "made-up:abc:def"}))
    assert response.status_code == 410


def test_a_staff_address_gets_no_link_only_a_pointer_to_the_staff_sign_in(client, smtp_server):
    UserFactory(role=Role.CASEWORKER, email="officer@oxford.gov.uk")

    response = ask_for_link(client, "officer@oxford.gov.uk")

    assert response.url == reverse("web:sign-in-sent")
    assert not SignInLink.objects.exists()
    [message] = smtp_server.messages
    assert "/staff/sign-in/" in message.get_content()
    assert not LINK.search(message.get_content())


def test_a_link_sent_before_an_account_became_staff_does_not_sign_it_in(client, smtp_server):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org")
    ask_for_link(client, "ann@example.org")
    User.objects.filter(pk=user.pk).update(role=Role.ADMINISTRATOR)

    response = client.post(
        reverse("web:sign-in-link", kwargs={"token": token_from(smtp_server.messages[0])})
    )

    assert response.status_code == 410
    assert "_auth_user_id" not in client.session


def test_the_answer_is_the_same_whether_or_not_an_account_exists(client, smtp_server):
    UserFactory(role=Role.RESIDENT, email="known@example.org")

    known = ask_for_link(client, "known@example.org")
    known_page = client.get(known.url).content.decode().replace("known@", "X@")
    unknown = ask_for_link(client, "stranger@example.org")
    unknown_page = client.get(unknown.url).content.decode().replace("stranger@", "X@")

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"')
    assert strip.sub("", known_page) == strip.sub("", unknown_page)


def test_asking_for_links_is_rate_limited_per_email(client, smtp_server):
    for _ in range(sign_in_links.LINKS_PER_EMAIL):
        assert ask_for_link(client, "ann@example.org").status_code == 302

    response = ask_for_link(client, "ann@example.org")

    assert response.status_code == 429
    assert "too many links" in response.content.decode()
    assert len(smtp_server.messages) == sign_in_links.LINKS_PER_EMAIL


def test_asking_for_links_is_rate_limited_per_ip_address(client, smtp_server):
    for n in range(sign_in_links.LINKS_PER_IP_ADDRESS):
        assert ask_for_link(client, f"person{n}@example.org").status_code == 302
    assert ask_for_link(client, "one-more@example.org").status_code == 429


def test_first_sign_in_creates_a_resident_account_linked_to_the_one_matching_resident():
    resident = ResidentFactory(email="Ann@Example.org", full_name="Ann Example")
    sign_in_links.request_sign_in_link(email="ann@example.org", ip_address="127.0.0.1")
    link = SignInLink.objects.get()
    token = _token_for(link)

    user = sign_in_links.use_sign_in_link(token).user

    assert user.role == Role.RESIDENT
    resident.refresh_from_db()
    assert resident.user == user
    assert user.full_name == "Ann Example"


def test_with_two_matching_residents_a_new_one_is_made_rather_than_guessing():
    ResidentFactory.create_batch(2, email="ann@example.org")
    sign_in_links.request_sign_in_link(email="ann@example.org", ip_address="127.0.0.1")

    user = sign_in_links.use_sign_in_link(_token_for(SignInLink.objects.get())).user

    assert Resident.objects.filter(email="ann@example.org").count() == 3
    assert Resident.objects.get(user=user).email == "ann@example.org"


def _token_for(link: SignInLink) -> str:
    """Make a known token for a link row (the real one only ever leaves in the email)."""
    from django.core import signing

    raw = "known-token-for-test"
    SignInLink.objects.filter(pk=link.pk).update(token_hash=sign_in_links._hash(raw))
    return signing.TimestampSigner(salt=sign_in_links._SALT).sign(raw)


def test_signing_out_is_a_post(client, smtp_server):
    user = UserFactory(role=Role.RESIDENT)
    client.force_login(user)
    assert client.get(reverse("web:sign-out")).status_code == 200
    assert "_auth_user_id" in client.session
    client.post(reverse("web:sign-out"))
    assert "_auth_user_id" not in client.session


def test_a_merged_away_record_is_never_the_one_signed_in_to():
    kept = ResidentFactory(email="ann@example.org", full_name="Ann Example")
    ResidentFactory(email="ann@example.org", full_name="Ann Exampel", merged_into=kept)
    sign_in_links.request_sign_in_link(email="ann@example.org", ip_address="127.0.0.1")

    user = sign_in_links.use_sign_in_link(_token_for(SignInLink.objects.get())).user

    assert Resident.objects.get(user=user) == kept
    assert Resident.objects.filter(email="ann@example.org").count() == 2


def test_the_email_only_on_a_merged_away_record_makes_a_new_one_rather_than_reviving_it():
    kept = ResidentFactory(email="ann.new@example.org", full_name="Ann Example")
    tombstone = ResidentFactory(email="ann@example.org", full_name="Ann Example", merged_into=kept)
    sign_in_links.request_sign_in_link(email="ann@example.org", ip_address="127.0.0.1")

    user = sign_in_links.use_sign_in_link(_token_for(SignInLink.objects.get())).user

    newcomer = Resident.objects.get(user=user)
    assert newcomer not in (kept, tombstone)
    tombstone.refresh_from_db()
    assert tombstone.user is None
