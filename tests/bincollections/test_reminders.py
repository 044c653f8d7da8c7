"""Reminders: sign up by email or text message, confirm (link or code), the evening job sends
one reminder per collection date however often it runs, and every reminder's link stops them."""

from __future__ import annotations

import re
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from opencex.bincollections import reminders
from opencex.bincollections.models import ReminderSent, ReminderSubscription
from opencex.notify.models import Notification
from opencex.notify.rendering import SMS_MAX_LENGTH, render_message
from tests.bincollections.conftest import london

WEDNESDAY = date(2026, 6, 3)  # Cowley Road's collection is Thursday 4 June


@pytest.fixture(autouse=True)
def _wednesday_evening():
    cache.clear()  # the sign-up limit counts in the cache
    with time_machine.travel(london(2026, 6, 3, 18), tick=False):
        yield


def sign_up(client, address, **answers):
    return client.post(reverse("web:bins-reminders", args=[address.uprn]), answers)


def link_in(body: str, name: str) -> str:
    path = reverse(name, args=["TOKEN"]).replace("TOKEN/", "")
    found = re.search(re.escape(path) + r"([^/\s]+)/", body)
    assert found, body
    return found.group(0)


@pytest.mark.django_db
def test_signing_up_by_email_sends_a_link_and_nothing_starts_until_it_is_used(client, cowley_road):
    response = sign_up(client, cowley_road, channel="email", email="Ann@Example.org")
    assert response["Location"] == reverse("web:bins-reminders-check-email")
    subscription = ReminderSubscription.objects.get()
    assert subscription.recipient == "ann@example.org"
    assert not subscription.is_confirmed
    message = Notification.objects.get(template="bin_reminders_confirm")
    assert message.recipient == "ann@example.org"
    assert "12 Cowley Road" in message.body
    confirm = link_in(message.body, "web:bins-reminders-confirm")
    assert reminders.send_bin_reminders(WEDNESDAY).sent == 0

    assert "Start reminders" in client.get(confirm).text
    assert not ReminderSubscription.objects.get().is_confirmed  # a GET confirms nothing
    assert "Your reminders have started" in client.post(confirm).text
    assert ReminderSubscription.objects.get().is_confirmed


@pytest.mark.django_db
def test_signing_up_by_text_message_is_confirmed_with_the_code_sent(client, cowley_road):
    response = sign_up(client, cowley_road, channel="sms", phone="+44 7700 900 123")
    assert response["Location"] == reverse("web:bins-reminders-code")
    message = Notification.objects.get(template="bin_reminders_confirm")
    assert message.channel == "sms"
    assert message.recipient == "07700900123"
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    wrong = "000000" if code != "000000" else "111111"

    page = client.post(reverse("web:bins-reminders-code"), {"code": wrong}).text
    assert "That code is not right" in page
    assert "govuk-error-summary" in page
    page = client.post(reverse("web:bins-reminders-code"), {"code": code}).text
    assert "Your reminders have started" in page
    assert ReminderSubscription.objects.get().is_confirmed
    assert ReminderSubscription.objects.get().code_digest == ""


@pytest.mark.django_db
def test_a_code_stops_working_after_five_wrong_tries(cowley_road):
    subscription = reminders.subscribe(address=cowley_road, channel="sms", recipient="07700900123")
    code = re.search(r"\b(\d{6})\b", Notification.objects.get().body).group(1)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(reminders.CODE_ATTEMPTS):
        assert not reminders.confirm_by_code(subscription_id=subscription.pk, code=wrong)
    assert not reminders.confirm_by_code(subscription_id=subscription.pk, code=code)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "Select email or text message"),
        ({"channel": "email"}, "Enter your email address"),
        ({"channel": "email", "email": "ann"}, "Enter an email address in the correct format"),
        ({"channel": "sms", "phone": "01865 249811"}, "Enter a UK mobile phone number"),
    ],
)
def test_a_wrong_answer_is_an_error_in_the_summary(client, cowley_road, answers, message):
    page = sign_up(client, cowley_road, **answers).text
    assert "govuk-error-summary" in page
    assert message in page
    assert not ReminderSubscription.objects.exists()


@pytest.mark.django_db
def test_signing_up_is_rate_limited(client, cowley_road):
    for number in range(5):
        sign_up(client, cowley_road, channel="email", email=f"ann{number}@example.org")
    response = sign_up(client, cowley_road, channel="email", email="ann9@example.org")
    assert response.status_code == 429
    assert "too many times" in response.text
    assert ReminderSubscription.objects.count() == 5


@pytest.mark.django_db
def test_asking_again_for_a_confirmed_subscription_sends_nothing(cowley_road):
    subscription = reminders.subscribe(
        address=cowley_road, channel="email", recipient="ann@example.org"
    )
    reminders.confirm_by_link(token=subscription.token)
    reminders.subscribe(address=cowley_road, channel="email", recipient="ann@example.org")
    assert Notification.objects.filter(template="bin_reminders_confirm").count() == 1


@pytest.mark.django_db
def test_no_reminder_on_an_evening_before_no_collection(cowley_road):
    subscription = reminders.subscribe(
        address=cowley_road, channel="email", recipient="ann@example.org"
    )
    reminders.confirm_by_link(token=subscription.token)
    assert reminders.send_bin_reminders(date(2026, 6, 1)).sent == 0


@pytest.mark.django_db
def test_a_subscription_never_confirmed_is_removed_after_a_week(cowley_road):
    reminders.subscribe(address=cowley_road, channel="email", recipient="ann@example.org")
    with time_machine.travel(london(2026, 6, 11, 18), tick=False):
        done = reminders.send_bin_reminders()
    assert done.removed_unconfirmed == 1
    assert not ReminderSubscription.objects.exists()


def test_the_job_sends_one_reminder_per_collection_by_real_smtp_and_its_link_stops_them(
    client, cowley_road, smtp_server, run_jobs
):
    subscription = reminders.subscribe(
        address=cowley_road, channel="email", recipient="ann@example.org"
    )
    reminders.confirm_by_link(token=subscription.token)

    call_command("send_bin_reminders", today=WEDNESDAY)
    call_command("send_bin_reminders", today=WEDNESDAY)  # run twice: still one reminder
    assert reminders.send_bin_reminders(WEDNESDAY).sent == 0
    run_jobs()

    sent = [m for m in smtp_server.messages if m["Subject"].startswith("Bin collection tomorrow")]
    assert len(sent) == 1
    assert sent[0]["Subject"] == "Bin collection tomorrow: Thursday 4 June 2026"
    assert sent[0]["To"] == "ann@example.org"
    body = sent[0].get_content()
    assert "Rubbish (green bin) and Food waste (food caddy)" in body
    assert ReminderSent.objects.get().collection_on == date(2026, 6, 4)

    stop = link_in(body, "web:bins-reminders-stop")
    assert "Stop reminders" in client.get(stop).text  # no sign-in needed
    assert "Your reminders have stopped" in client.post(stop).text
    assert not ReminderSubscription.objects.exists()
    with time_machine.travel(london(2026, 6, 10, 18), tick=False):
        assert reminders.send_bin_reminders().sent == 0


@pytest.mark.django_db
def test_every_reminder_has_its_unsubscribe_link_and_a_text_fits_three_parts(settings):
    context = {
        "council": settings.COUNCIL_PROFILE,
        "address": "Flat 12, Evenlode Tower, Oxford OX4 6HP",
        "day": date(2026, 12, 29),
        "usual_day": date(2026, 12, 25),
        "is_moved": True,
        "bins": "Recycling (blue bin), Food waste (food caddy) and Garden waste (brown bin) "
        "if you subscribe",
        "address_url": "https://example.org/bin-collections/999000000001/",
        "unsubscribe_url": "https://example.org/bin-collections/reminders/stop/" + "x" * 43 + "/",
    }
    email = render_message("bin_reminder", "email", context)
    assert context["unsubscribe_url"] in email.body
    assert "because of a bank holiday: the usual day was Friday 25 December 2026" in email.body
    text = render_message("bin_reminder", "sms", context)
    assert context["unsubscribe_url"] in text.body
    assert len(text.body) <= SMS_MAX_LENGTH


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "tomorrow"), [("pl", "czwartek 4 czerwca 2026"), ("ar", "2026")]
)
def test_the_confirmation_and_reminders_are_in_the_language_of_the_sign_up_page(
    client, cowley_road, language, tomorrow
):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    sign_up(client, cowley_road, channel="email", email="ann@example.org")
    subscription = ReminderSubscription.objects.get()
    assert subscription.language == language
    confirmation = Notification.objects.get(template="bin_reminders_confirm")
    assert confirmation.language == language
    reminders.confirm_by_link(token=subscription.token)

    assert reminders.send_bin_reminders(WEDNESDAY).sent == 1
    reminder = Notification.objects.get(template="bin_reminder")
    assert reminder.language == language
    assert tomorrow in reminder.subject
    assert "Thursday" not in reminder.subject + reminder.body


@pytest.mark.django_db
def test_a_language_the_site_does_not_offer_is_written_in_english(cowley_road):
    subscription = reminders.subscribe(
        address=cowley_road, channel="sms", recipient="07700900123", language="fr"
    )
    assert subscription.language == "en"
    assert Notification.objects.get().language == "en"


@pytest.mark.django_db
def test_the_daily_job_starts_once_at_the_files_evening_time():
    first, second = StringIO(), StringIO()
    call_command("send_bin_reminders", every_day=True, stdout=first)
    call_command("send_bin_reminders", every_day=True, stdout=second)
    # It is 6pm already (the tests' clock), so the first run is tomorrow's.
    assert "first run at 2026-06-04 18:00 BST" in first.getvalue()
    assert "already scheduled" in second.getvalue()


@pytest.mark.django_db
def test_a_confirmed_subscription_takes_no_code_so_the_page_tells_nobody_it_exists(cowley_road):
    subscription = reminders.subscribe(address=cowley_road, channel="sms", recipient="07700900123")
    code = re.search(r"\b(\d{6})\b", Notification.objects.get().body).group(1)
    assert reminders.confirm_by_code(subscription_id=subscription.pk, code=code)
    assert not reminders.confirm_by_code(subscription_id=subscription.pk, code=code)


@pytest.mark.django_db
def test_a_confirm_link_for_reminders_already_stopped_says_so(client):
    url = reverse("web:bins-reminders-confirm", args=["no-such-token"])
    response = client.post(url)
    assert response.status_code == 404
    assert "This link no longer works" in response.text
