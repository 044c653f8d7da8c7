"""Polling an IMAP mailbox: each unseen email is kept once, dated by its arrival at the mail
server, and marked seen only once it is safe with us."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from opencex.cases.models import Case, CaseKind
from opencex.inbox.models import InboundEmail
from opencex.inbox.polling import ImapAccount, PollingError, poll_mailbox
from tests.inbox.imap_server import ImapServer
from tests.inbox.mail import compose

pytestmark = pytest.mark.django_db(transaction=True)

SATURDAY = dt.datetime(2025, 8, 16, 9, 30, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def imap_server():
    server = ImapServer(username="foi-reader", password="s3cret-imap")
    server.start()
    yield server
    server.stop()


def account_for(server: ImapServer, **changes) -> ImapAccount:
    settings = {
        "mailbox": "foi@oxford.gov.uk",
        "host": server.host,
        "port": server.port,
        "username": server.username,
        "password": server.password,
        "use_ssl": False,
    }
    return ImapAccount(**(settings | changes))


def test_a_polled_request_becomes_a_case_dated_by_its_arrival(imap_server, smtp_server, run_jobs):
    imap_server.deliver(compose().as_bytes(), arrived=SATURDAY)

    assert poll_mailbox(account_for(imap_server)) == 1
    run_jobs()

    case = Case.objects.get()
    assert case.kind == CaseKind.FOI
    assert case.received_on == dt.date(2025, 8, 16)
    assert case.due_on == dt.date(2025, 9, 15)
    assert imap_server.emails[0].seen


def test_polling_again_fetches_nothing_new(imap_server):
    imap_server.deliver(compose().as_bytes(), arrived=SATURDAY)
    poll_mailbox(account_for(imap_server))

    assert poll_mailbox(account_for(imap_server)) == 0
    assert InboundEmail.objects.count() == 1


def test_an_email_fetched_again_after_a_crash_is_kept_once(imap_server):
    imap_server.deliver(compose().as_bytes(), arrived=SATURDAY)
    poll_mailbox(account_for(imap_server))
    imap_server.emails[0].seen = False  # as if we had died before marking it seen

    assert poll_mailbox(account_for(imap_server)) == 0
    assert InboundEmail.objects.count() == 1


def test_a_wrong_password_is_reported_not_crashed_on(imap_server):
    with pytest.raises(PollingError, match="AUTHENTICATIONFAILED"):
        poll_mailbox(account_for(imap_server, password="wrong"))


def test_the_command_reads_the_password_from_the_environment(imap_server, monkeypatch):
    imap_server.deliver(compose().as_bytes(), arrived=SATURDAY)
    monkeypatch.setenv("OPENCEX_IMAP_PASSWORD", imap_server.password)

    call_command(
        "poll_mailbox",
        "foi@oxford.gov.uk",
        host=imap_server.host,
        port=imap_server.port,
        user=imap_server.username,
        no_ssl=True,
    )

    assert InboundEmail.objects.get().mailbox == "foi@oxford.gov.uk"


def test_the_command_refuses_a_mailbox_the_profile_does_not_list(monkeypatch):
    monkeypatch.setenv("OPENCEX_IMAP_PASSWORD", "x")
    with pytest.raises(CommandError, match="not a mailbox"):
        call_command("poll_mailbox", "nobody@oxford.gov.uk", host="127.0.0.1", user="u")
