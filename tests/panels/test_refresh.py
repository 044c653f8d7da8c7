"""The yearly "are you still happy to be on the panel?": asked once when the last confirmation is
12 months old, confirmed by the link, and a member who does not answer within 28 days is removed
with their data. Dates pinned."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from opencex.notify.models import Notification
from opencex.panels import links, refresh
from opencex.panels.models import Membership, PanelKind, PanelProfile
from tests.panels.conftest import join

pytestmark = pytest.mark.django_db

JOINED = dt.datetime(2025, 12, 1, 9, tzinfo=dt.UTC)


def _member_since(moment: dt.datetime, email: str = "amara@example.org") -> Membership:
    with time_machine.travel(moment, tick=False):
        return join(email=email).membership


def test_members_a_year_on_are_asked_once(panels):
    due = _member_since(JOINED)
    not_yet = _member_since(dt.datetime(2026, 1, 5, tzinfo=dt.UTC), email="new@example.org")
    assert refresh.send_panel_refresh() == (1, 0)
    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert due.refresh_sent_at is not None
    assert not_yet.refresh_sent_at is None
    question = Notification.objects.get(template="panel_still_happy")
    assert question.recipient == "amara@example.org"
    assert "29 December 2026" in question.body  # 28 days to answer
    assert "/panels/still-happy/" in question.body
    assert "/panels/leave/" in question.body
    assert refresh.send_panel_refresh() == (0, 0)  # not asked again the next run


def test_saying_yes_keeps_them_for_another_year(client, panels):
    member = _member_since(JOINED)
    refresh.send_panel_refresh()
    url = reverse("web:panel-still-happy", args=[links.token(links.CONFIRM, member.pk)])
    assert client.get(url).status_code == 200
    assert "Thank you" in client.post(url).content.decode()
    member.refresh_from_db()
    assert member.refresh_sent_at is None
    assert member.confirmed_at == dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    with time_machine.travel(dt.datetime(2027, 1, 15, 10, tzinfo=dt.UTC), tick=False):
        assert refresh.send_panel_refresh() == (0, 0)
        member.refresh_from_db()
        assert member.left_at is None


def test_no_answer_in_28_days_removes_the_member_and_their_data(panels):
    member = _member_since(JOINED)
    refresh.send_panel_refresh()
    with time_machine.travel(dt.datetime(2026, 12, 28, 10, tzinfo=dt.UTC), tick=False):
        assert refresh.send_panel_refresh() == (0, 0)
    with time_machine.travel(dt.datetime(2026, 12, 29, 10, tzinfo=dt.UTC), tick=False):
        assert refresh.send_panel_refresh() == (0, 1)
    member.refresh_from_db()
    assert member.left_at is not None
    assert member.ward == ""
    assert not PanelProfile.objects.exists()


def test_a_young_person_whose_parent_never_agrees_is_removed(panels):
    waiting = join(
        PanelKind.YOUTH,
        date_of_birth=dt.date(2012, 6, 1),
        parent_name="Jo Brown",
        parent_email="jo@example.org",
    ).membership
    with time_machine.travel(dt.datetime(2026, 12, 15, 10, 1, tzinfo=dt.UTC), tick=False):
        assert refresh.send_panel_refresh() == (0, 1)
    waiting.refresh_from_db()
    assert waiting.left_at is not None


def test_the_command_runs_it_for_a_given_day(panels, capsys):
    _member_since(JOINED)
    call_command("send_panel_refresh", "--today", "2026-12-01")
    assert "Asked 1 panel member(s) if still happy; removed 0." in capsys.readouterr().out
