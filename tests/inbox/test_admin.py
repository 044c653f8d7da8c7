"""Administrators can read every kept email, as text, but not change the record."""

import pytest
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.inbox.services import receive_email
from tests.factories import UserFactory
from tests.inbox.mail import compose

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_email():
    inbound, _ = receive_email(
        raw=compose(text=None, html="<p>Please send the <b>tree survey</b>.</p>").as_bytes(),
        mailbox="foi@oxford.gov.uk",
        received_at=timezone.now(),
    )
    return inbound


def test_an_administrator_reads_a_kept_email_as_plain_text(client, kept_email):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True))

    response = client.get(f"/staff/admin/inbox/inboundemail/{kept_email.pk}/change/")

    assert response.status_code == 200
    assert "Please send the tree survey." in response.content.decode()
    assert "&lt;b&gt;" not in response.content.decode()  # the markup is gone, not escaped


def test_the_list_of_kept_emails_cannot_be_added_to(client, kept_email):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True))

    listing = client.get("/staff/admin/inbox/inboundemail/")

    assert listing.status_code == 200
    assert "Parking fines issued in 2024" in listing.content.decode()
    assert client.get("/staff/admin/inbox/inboundemail/add/").status_code == 403
