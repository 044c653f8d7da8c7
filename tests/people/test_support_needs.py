"""A support need's lifecycle: recorded with consent or another lawful basis and a reason,
reviewed (still needed, or changed), removed with its details erased; every write logged; the
reviews due listed for the teams holding them and brought to an officer once per review date."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from opencex.accounts.models import Role
from opencex.notify.models import Notification
from opencex.people import review_reminders
from opencex.people.models import AccessKind, SensitiveAccess
from opencex.people.services import (
    SupportNeedError,
    count_reviews_due,
    read_sensitive_information,
    record_sensitive_information,
    record_support_need,
    remove_support_need,
    review_support_need,
    reviews_due,
)
from opencex.retention.models import SensitiveReview
from opencex.retention.reviews import create_due_reviews
from tests.factories import ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 1)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def team():
    return TeamFactory(name="Housing")


@pytest.fixture
def caseworker(team):
    officer = UserFactory(role=Role.CASEWORKER, full_name="Cara Caseworker")
    team.members.add(officer)
    return officer


def record(actor, resident, team=None, **changes):
    fields = {
        "category": "disability",
        "details": "Uses a wheelchair: ground-floor appointments.",
        "purpose": "To arrange visits she can get to",
        "basis": "consent",
        "consent_given": True,
        "consent_how": "spoken",
        "review_on": TODAY + dt.timedelta(days=180),
        "team": team,
        **changes,
    }
    return record_support_need(actor=actor, resident=resident, **fields)


def test_a_support_need_recorded_with_consent_says_how_and_logs_the_write(caseworker, team):
    resident = ResidentFactory()
    entry = record(caseworker, resident, team)
    resident.refresh_from_db()
    assert resident.is_priority
    assert entry.lawful_basis == "Explicit consent (Art. 9(2)(a))"
    log = SensitiveAccess.objects.get()
    assert (log.kind, log.actor, log.information_number) == (
        AccessKind.RECORDED,
        caseworker,
        entry.pk,
    )


def test_consent_must_say_how_it_was_given(caseworker):
    with pytest.raises(SupportNeedError) as refused:
        record(caseworker, ResidentFactory(), consent_how="")
    assert set(refused.value.errors) == {"consent_how"}


def test_without_consent_the_basis_cannot_be_consent_and_a_reason_is_needed(caseworker):
    with pytest.raises(SupportNeedError) as refused:
        record(caseworker, ResidentFactory(), consent_given=False, consent_how="")
    assert set(refused.value.errors) == {"basis", "basis_reason"}
    assert not SensitiveAccess.objects.exists()


def test_without_consent_another_basis_with_a_reason_is_recorded(caseworker):
    entry = record(
        caseworker,
        ResidentFactory(),
        consent_given=False,
        consent_how="spoken",
        basis="substantial_public_interest",
        basis_condition="safeguarding",
        basis_reason="Adult at risk; asking would put her at risk.",
    )
    assert not entry.consent_given
    assert entry.consent_how == ""
    assert entry.lawful_basis.endswith(
        "Safeguarding of children and individuals at risk (para. 18)"
    )


def test_substantial_public_interest_needs_its_condition(caseworker):
    with pytest.raises(SupportNeedError) as refused:
        record(caseworker, ResidentFactory(), basis="substantial_public_interest")
    assert set(refused.value.errors) == {"basis_condition"}


@pytest.mark.parametrize(
    "review_on", [TODAY, TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=400), None]
)
def test_the_review_date_is_in_the_coming_year(caseworker, review_on):
    with pytest.raises(SupportNeedError) as refused:
        record(caseworker, ResidentFactory(), review_on=review_on)
    assert set(refused.value.errors) == {"review_on"}


def test_a_review_keeps_it_with_a_note_and_a_new_date_and_is_logged(caseworker, team):
    resident = ResidentFactory()
    entry = record(caseworker, resident, team)
    later = TODAY + dt.timedelta(days=300)
    review_support_need(
        actor=caseworker, information=entry, note="Checked on the phone", review_on=later
    )
    entry.refresh_from_db()
    assert (entry.review_on, entry.review_note, entry.reviewed_by) == (
        later,
        "Checked on the phone",
        caseworker,
    )
    assert SensitiveAccess.objects.filter(kind=AccessKind.REVIEWED).count() == 1


def test_a_review_that_changes_the_details_is_logged_as_a_change(caseworker, team):
    entry = record(caseworker, ResidentFactory(), team)
    review_support_need(
        actor=caseworker,
        information=entry,
        note="Now uses a walking frame",
        review_on=TODAY + dt.timedelta(days=90),
        details="Walking frame: ground-floor appointments.",
    )
    assert SensitiveAccess.objects.filter(kind=AccessKind.CHANGED).count() == 1


def test_a_review_needs_a_note(caseworker, team):
    entry = record(caseworker, ResidentFactory(), team)
    with pytest.raises(SupportNeedError) as refused:
        review_support_need(
            actor=caseworker, information=entry, note=" ", review_on=TODAY + dt.timedelta(1)
        )
    assert set(refused.value.errors) == {"note"}


def test_removal_erases_the_details_drops_the_priority_and_keeps_the_fact(caseworker, team):
    resident = ResidentFactory()
    entry = record(caseworker, resident, team)
    remove_support_need(actor=caseworker, information=entry, reason="Consent withdrawn")
    entry.refresh_from_db()
    resident.refresh_from_db()
    assert entry.details == ""
    assert entry.withdrawn_at is not None
    assert not resident.is_priority
    removal = SensitiveAccess.objects.get(kind=AccessKind.REMOVED)
    assert (removal.purpose, removal.information_number) == ("Consent withdrawn", entry.pk)
    governance = UserFactory(role=Role.INFORMATION_GOVERNANCE)
    assert read_sensitive_information(actor=governance, resident=resident, purpose="x") == []


def test_removal_needs_a_reason(caseworker, team):
    entry = record(caseworker, ResidentFactory(), team)
    with pytest.raises(SupportNeedError):
        remove_support_need(actor=caseworker, information=entry, reason="  ")
    entry.refresh_from_db()
    assert entry.details


def test_the_holding_team_has_a_need_to_know_without_a_case(caseworker, team):
    resident = ResidentFactory()
    record(UserFactory(role=Role.CONTACT_CENTRE), resident, team)
    assert read_sensitive_information(actor=caseworker, resident=resident, purpose="x")


def test_reviews_due_are_listed_for_the_holding_team_overdue_first_and_flagged(caseworker, team):
    soon = record(
        caseworker, ResidentFactory(full_name="Soon"), team, review_on=TODAY + dt.timedelta(10)
    )
    later = record(caseworker, ResidentFactory(), team, review_on=TODAY + dt.timedelta(60))
    with time_machine.travel(dt.datetime(2027, 3, 20, 10, tzinfo=dt.UTC), tick=False):
        overdue_day = dt.date(2027, 3, 20)
        listed = reviews_due(actor=caseworker, today=overdue_day)
    assert [review.number for review in listed] == [soon.pk]
    assert listed[0].is_overdue
    assert later.pk not in [review.number for review in reviews_due(actor=caseworker, today=TODAY)]
    other_team_officer = UserFactory(role=Role.CASEWORKER)
    TeamFactory(name="Waste").members.add(other_team_officer)
    assert count_reviews_due(actor=other_team_officer, today=overdue_day) == 0
    assert (
        count_reviews_due(actor=UserFactory(role=Role.INFORMATION_GOVERNANCE), today=overdue_day)
        == 1
    )


def test_the_daily_job_tells_the_recording_officer_once_per_review_date(caseworker, team):
    entry = record(
        caseworker,
        ResidentFactory(full_name="Maria Kowalska"),
        team,
        review_on=TODAY + dt.timedelta(10),
    )
    record(caseworker, ResidentFactory(), team, review_on=TODAY + dt.timedelta(30))

    assert review_reminders.send_support_review_reminders(TODAY) == 1
    assert review_reminders.send_support_review_reminders(TODAY) == 0
    message = Notification.objects.get()
    assert message.recipient == caseworker.email
    assert "Maria Kowalska" in message.subject
    assert "wheelchair" not in message.body

    review_support_need(
        actor=caseworker, information=entry, note="Still needed", review_on=TODAY + dt.timedelta(20)
    )
    assert review_reminders.send_support_review_reminders(TODAY + dt.timedelta(7)) == 1


def test_a_contact_centre_recorder_cannot_review_so_the_team_is_told(team, caseworker):
    record(
        UserFactory(role=Role.CONTACT_CENTRE),
        ResidentFactory(),
        team,
        review_on=TODAY + dt.timedelta(3),
    )
    review_reminders.send_support_review_reminders(TODAY)
    assert Notification.objects.get().recipient == caseworker.email


def test_the_command_runs_the_reminders_for_a_given_day(caseworker, team, capsys):
    record(caseworker, ResidentFactory(), team, review_on=TODAY + dt.timedelta(3))
    call_command("send_support_review_reminders", "--today", TODAY.isoformat())
    assert "Reminded 1 support-need review(s) due." in capsys.readouterr().out


def test_an_import_goes_through_the_same_door_and_is_logged_as_imported(caseworker):
    resident = ResidentFactory()
    entry = record_sensitive_information(
        actor=caseworker,
        resident=resident,
        category="disability",
        details="Uses a wheelchair.",
        purpose="Copied from the housing system",
        lawful_basis="UK GDPR Art 9(2)(g)",
        review_on=TODAY + dt.timedelta(days=90),
    )
    log = SensitiveAccess.objects.get()
    assert (log.kind, log.resident, log.actor, log.information_number) == (
        AccessKind.IMPORTED,
        resident,
        caseworker,
        entry.pk,
    )
    assert log.purpose == "Copied from the housing system"


def test_reviewing_a_support_need_closes_information_governances_open_review(caseworker, team):
    entry = record(caseworker, ResidentFactory(), team, review_on=TODAY + dt.timedelta(days=10))
    with time_machine.travel(dt.datetime(2027, 3, 12, 10, 0, tzinfo=dt.UTC), tick=False):
        create_due_reviews(dt.date(2027, 3, 12))
        task = SensitiveReview.objects.get(information=entry)
        assert task.done_at is None
        review_support_need(
            actor=caseworker,
            information=entry,
            note="Still uses a wheelchair",
            review_on=dt.date(2027, 9, 1),
            today=dt.date(2027, 3, 12),
        )
    task.refresh_from_db()
    assert (task.done_by, task.note) == (
        caseworker,
        "Done on the resident's page: Still uses a wheelchair",
    )
    assert not SensitiveReview.objects.to_do().exists()


def test_removing_a_support_need_closes_its_open_review_too(caseworker, team):
    entry = record(caseworker, ResidentFactory(), team, review_on=TODAY + dt.timedelta(days=10))
    create_due_reviews(dt.date(2027, 3, 12))
    remove_support_need(actor=caseworker, information=entry, reason="No longer needed")
    assert SensitiveReview.objects.get(information=entry).done_by == caseworker


def test_a_review_leaves_another_entrys_governance_review_open(caseworker, team):
    resident = ResidentFactory()
    reviewed = record(caseworker, resident, team, review_on=TODAY + dt.timedelta(days=10))
    other = record(caseworker, resident, team, review_on=TODAY + dt.timedelta(days=10))
    create_due_reviews(dt.date(2027, 3, 12))
    review_support_need(
        actor=caseworker,
        information=reviewed,
        note="Checked",
        review_on=dt.date(2027, 9, 1),
        today=dt.date(2027, 3, 12),
    )
    assert list(SensitiveReview.objects.to_do().values_list("information", flat=True)) == [other.pk]
