"""`opencex demo`: a re-runnable demo council whose history obeys the same rules as real cases."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from opencex.accounts.models import STAFF_ROLES, Role, User
from opencex.cases.clock import case_deadline
from opencex.cases.models import Case, CaseEvent, CaseKind, ClockPause, EventKind, Status
from opencex.cases.selectors import ClockStatus, cases_with_clock_status
from opencex.catalogue.models import Service, Team
from opencex.contacts.models import Contact, Outcome
from opencex.demo.generate import SIZES, DemoSize, load_demo
from opencex.demo.models import DemoLoad
from opencex.disclosure.models import DisclosureEntry
from opencex.feedback.models import Rating
from opencex.matching.models import CandidatePair, ResidentMerge
from opencex.matching.services import merge_residents
from opencex.people.models import Occupancy, Property, Resident, SensitiveInformation
from tests.factories import CaseFactory, ResidentFactory

pytestmark = pytest.mark.django_db

COUNTED = (User, Team, Service, Resident, Property, Occupancy, SensitiveInformation, Case,
           CaseEvent, ClockPause, Contact, Rating, DemoLoad)  # fmt: skip


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The demo hashes its passwords like any other; a fast hasher keeps these tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def demo(now):
    return load_demo(size="small", now=now)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_the_small_demo_loads_a_history_of_many_kinds_and_channels(demo):
    cases = Case.objects.all()

    assert demo.history_is_new
    assert 200 <= cases.count() <= 220
    assert Resident.objects.count() == 51  # 50 synthetic and the resident demo account's
    kinds = set(cases.values_list("kind", flat=True))
    assert {CaseKind.SERVICE_REQUEST, CaseKind.ENQUIRY, CaseKind.COMPLAINT, CaseKind.FOI} <= kinds
    channels = Counter(cases.values_list("channel", flat=True))
    assert channels.most_common(2)[0][0] == "web"
    assert len(channels) >= 4


def test_running_the_demo_again_adds_nothing(demo):
    before = _counts()

    again = load_demo(size="small")

    assert not again.history_is_new
    assert not again.catalogue.changed
    assert _counts() == before


def test_reset_makes_the_same_history_again_and_keeps_other_records(demo, now):
    someone = ResidentFactory()
    their_case = CaseFactory(resident=someone)
    before = _counts()

    again = load_demo(size="small", reset=True, now=now)

    assert again.deleted_histories == 1
    assert again.history_is_new
    assert _counts() == before
    assert Case.objects.filter(pk=their_case.pk).exists()


def test_every_staff_role_signs_in_with_the_password_the_command_prints():
    out = io.StringIO()

    call_command("demo", "--size", "small", stdout=out)

    printed = dict(re.findall(r"(\S+@\S+)\s+(demo-\S+)", out.getvalue()))
    roles = set()
    for email, password in printed.items():
        assert len(password) >= 12
        user = authenticate(username=email, password=password)
        assert user is not None, email
        roles.add(user.role)
    assert roles == set(STAFF_ROLES)


def test_the_demo_resident_is_told_to_sign_in_by_emailed_link_and_has_no_password(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    out = io.StringIO()

    call_command("demo", "--size", "small", stdout=out)

    line = next(line for line in out.getvalue().splitlines() if line.startswith("Resident"))
    # The demo's own resident account (the history's residents who gave equality answers have
    # accounts too: demo.insight).
    printed = [u for u in User.objects.filter(role=Role.RESIDENT) if f", {u.email}):" in line]
    assert len(printed) == 1
    assert not any(u.has_usable_password() for u in User.objects.filter(role=Role.RESIDENT))
    assert "no password" in line
    assert "Sign in by emailed link at /account/sign-in/" in line
    assert f"{settings.EMAIL_FILE_PATH}/" in line
    assert not printed[0].has_usable_password()


def test_the_demo_partner_system_is_told_to_use_an_api_token_and_has_no_password():
    out = io.StringIO()

    call_command("demo", "--size", "small", stdout=out)

    partner = User.objects.get(role=Role.PARTNER)
    assert f"opencex issue_api_token {partner.email}" in out.getvalue()
    assert not partner.has_usable_password()


def test_a_resident_demo_account_with_a_password_loses_it_when_the_demo_runs_again(demo):
    resident = User.objects.get(role=Role.RESIDENT)
    resident.set_password("an-old-demo-password")
    resident.save()

    load_demo(size="small")

    resident.refresh_from_db()
    assert not resident.has_usable_password()


def test_the_demo_has_open_cases_past_their_due_date(demo):
    today = timezone.localdate()

    overdue = cases_with_clock_status(ClockStatus.OVERDUE, today)

    assert overdue.exists()
    assert not overdue.exclude(status__in=[Status.RECEIVED, Status.IN_PROGRESS,
                                           Status.ACKNOWLEDGED]).exists()  # fmt: skip


def test_every_due_date_is_the_one_the_clock_explains(demo):
    cases = Case.objects.select_related("service").prefetch_related("pauses")

    wrong = [(c.reference, c.due_on) for c in cases if c.due_on != case_deadline(c).due]

    assert wrong == []
    assert ClockPause.objects.exists()


def test_every_case_has_a_created_event_and_nothing_happens_after_now(demo):
    without = Case.objects.exclude(events__kind=EventKind.CREATED)

    assert not without.exists()
    assert not CaseEvent.objects.filter(at__gt=timezone.now()).exists()


def test_each_finished_case_ends_its_timeline_on_its_status(demo):
    last_change = {}
    for case_id, data in (
        CaseEvent.objects.filter(kind=EventKind.STATUS_CHANGED)
        .order_by("at", "id")
        .values_list("case_id", "data")
    ):
        last_change[case_id] = data["to"]
    finished = Case.objects.filter(
        status__in=[Status.RESOLVED, Status.RESPONDED, Status.CLOSED, Status.WITHDRAWN]
    )

    assert finished.exists()
    assert all(last_change[case.pk] == case.status for case in finished)
    assert not finished.filter(status=Status.CLOSED, closed_at__isnull=True).exists()


def test_stage_2_complaints_are_never_with_the_stage_1_officer(monkeypatch):
    # Enough complaints that some reach stage 2.
    monkeypatch.setitem(SIZES, "complaints", DemoSize(residents=150, properties=120, cases=1500))
    load_demo(size="complaints")

    stage_2 = Case.objects.filter(kind=CaseKind.COMPLAINT, stage=2)

    assert stage_2.exists()
    for case in stage_2:
        assert case.stage1_handled_by_id is not None or case.assigned_to_id is None
        assert case.assigned_to_id is None or case.assigned_to_id != case.stage1_handled_by_id
        assert case.events.filter(kind=EventKind.ESCALATED).count() == 1


def test_cases_are_assigned_to_officers_of_the_owning_team(demo):
    # A stage 2 complaint may go to a manager of the complaints team instead.
    assigned = (
        Case.objects.filter(assigned_to__isnull=False).exclude(stage=2).select_related("team")
    )

    assert assigned.exists()
    for case in assigned:
        assert case.team.members.filter(pk=case.assigned_to_id).exists()


def test_residents_with_a_recorded_vulnerability_are_a_priority(demo):
    flagged = Resident.objects.filter(sensitive_information__isnull=False).distinct()

    assert flagged.exists()
    assert all(resident.is_priority for resident in flagged)
    assert flagged.count() == Resident.objects.filter(is_priority=True).count()


def test_the_resident_demo_account_has_cases_of_its_own(demo):
    user = User.objects.get(role=Role.RESIDENT, email__endswith=".example")

    own = Case.objects.filter(resident__user=user)

    assert own.count() >= 3
    assert own.filter(status=Status.CLOSED).exists()
    assert Occupancy.objects.filter(resident__user=user, ended_on__isnull=True).exists()


def test_cases_are_dated_when_they_were_received(demo):
    oldest = Case.objects.order_by("received_at").first()

    assert oldest.created_at == oldest.received_at
    assert (timezone.now() - oldest.received_at).days > 600


def test_every_case_opened_by_phone_or_at_a_desk_has_the_contact_it_was_logged_from(demo):
    assisted = Case.objects.filter(channel__in=["phone", "face_to_face", "outreach"])
    logged = Contact.objects.filter(outcome=Outcome.CASE_OPENED)

    assert assisted.exists()
    assert set(logged.values_list("case", flat=True)) == set(assisted.values_list("pk", flat=True))
    assert all(contact.at == contact.case.received_at for contact in logged)


def test_the_demo_has_contacts_resolved_there_and_then_and_signposted(demo):
    resolved = Contact.objects.filter(outcome=Outcome.RESOLVED)
    signposted = Contact.objects.filter(outcome=Outcome.SIGNPOSTED)

    assert resolved.count() > 50
    assert signposted.exists()
    assert all(contact.signposted_service is not None for contact in signposted)
    assert not Contact.objects.filter(at__gt=timezone.now()).exists()


def test_ratings_are_for_closed_cases_and_dated_when_they_closed(demo):
    ratings = Rating.objects.select_related("case")

    assert ratings.exists()
    assert all(rating.created_at == rating.case.closed_at for rating in ratings)


def test_the_command_resets_a_demo_whose_disclosure_log_bookings_and_tenancies_are_loaded():
    # The whole command, as a newcomer runs it: every part it loads (the disclosure log's
    # entries point at demo requests; bookings, bills and tenancies at demo residents) must let
    # the reset delete the history and load it again.
    call_command("demo", "--size", "small", stdout=io.StringIO())
    assert DisclosureEntry.objects.filter(case__isnull=False).exists()
    before = _counts()
    # The residents typed in again are in the review queue; an officer tries a merge.
    pair = CandidatePair.objects.order_by("-probability", "pk").first()
    assert pair is not None
    administrator = User.objects.get(role=Role.ADMINISTRATOR)
    merge_residents(
        actor=administrator, kept=pair.resident_a, merged=pair.resident_b, reason="Same person"
    )

    call_command("demo", "--size", "small", "--reset", stdout=io.StringIO())

    assert _counts() == before
    assert DisclosureEntry.objects.filter(case__isnull=False).exists()
    assert not ResidentMerge.objects.exists()
