"""Administrators keep subscriptions and dead letters in the admin: the secret is shown once."""

import pytest
from django.contrib.messages import get_messages

from opencex.accounts.models import Role
from opencex.events.models import Subscription
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True))
    return client


def test_a_new_subscriptions_secret_is_shown_once_and_never_on_its_page(administrator):
    response = administrator.post(
        "/staff/admin/events/subscription/add/",
        {
            "name": "Planning system",
            "url": "https://planning.example.org/hooks",
            "topics": '["case.created", "case.closed"]',
            "is_active": "on",
        },
    )

    subscription = Subscription.objects.get()
    [shown] = [str(m) for m in get_messages(response.wsgi_request) if "secret" in str(m)]
    assert subscription.secret.startswith("whsec_")
    assert subscription.secret in shown
    change_page = f"/staff/admin/events/subscription/{subscription.pk}/change/"
    shown_once = administrator.get(change_page)  # the page after saving shows the message
    later = administrator.get(change_page)
    assert subscription.secret in shown_once.content.decode()
    assert later.status_code == 200
    assert subscription.secret not in later.content.decode()


def test_a_subscription_to_an_unknown_topic_is_refused_in_the_admin(administrator):
    response = administrator.post(
        "/staff/admin/events/subscription/add/",
        {"name": "X", "url": "https://x.example.org/", "topics": '["case.exploded"]'},
    )

    assert response.status_code == 200
    assert "No event has the topic case.exploded" in response.content.decode()
    assert not Subscription.objects.exists()
