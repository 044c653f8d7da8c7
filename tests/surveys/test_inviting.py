import datetime as dt
from collections import Counter

import pytest
import time_machine
from django.utils import timezone

from opencex.notify.models import Notification
from opencex.surveys import services
from opencex.surveys.models import Audience, Invitation
from opencex.surveys.sampling import allocate
from tests.factories import CaseFactory, RatingFactory, ResidentFactory
from tests.surveys.conftest import member, open_survey

pytestmark = pytest.mark.django_db


def test_allocation_is_proportional_with_the_largest_remainders():
    # 60/30/10 of a sample of 15: 9, 4.5, 1.5 -> 9, 5 (larger remainder tie: larger stratum), 1
    assert allocate({"a": 60, "b": 30, "c": 10}, 15) == {"a": 9, "b": 5, "c": 1}
    assert allocate({"a": 3, "b": 1}, 10) == {"a": 3, "b": 1}  # never more than there are


def test_a_stratified_sample_keeps_the_panels_proportions(panel, panel_survey):
    for _ in range(20):
        member(panel, age_band="18_24", ward="Cowley")
    for _ in range(10):
        member(panel, age_band="65_74", ward="Cowley")
    for _ in range(10):
        member(panel, age_band="", ward="Jericho")  # age not given: its own stratum

    invited = services.invite_sample(
        survey=panel_survey, panel=panel, size=8, strata=("age_band",), seed=7
    )

    assert len(invited) == 8
    assert Counter(i.age_band or "not given" for i in invited) == {
        "18_24": 4,
        "65_74": 2,
        "not given": 2,
    }


def test_the_same_seed_draws_the_same_sample(panel):
    for band in ("18_24", "25_34") * 10:
        member(panel, age_band=band)
    first = open_survey(title="A")
    second = open_survey(title="B")
    with time_machine.travel(timezone.now(), tick=False):
        a = services.invite_sample(survey=first, panel=panel, size=6, seed=3)
    Invitation.objects.update(sent_at=timezone.now() - dt.timedelta(days=200))
    b = services.invite_sample(survey=second, panel=panel, size=6, seed=3)
    assert [i.resident_id for i in a] == [i.resident_id for i in b]


def test_members_who_left_are_not_sampled(panel, panel_survey):
    stayed = member(panel)
    gone = member(panel)
    gone.left_at = timezone.now()
    gone.save()
    invited = services.invite_sample(survey=panel_survey, panel=panel, size=5, seed=1)
    assert [i.resident_id for i in invited] == [stayed.resident_id]


def test_no_one_is_invited_more_often_than_the_councils_limit(panel):
    resident = member(panel).resident
    first = open_survey(title="Autumn")
    second = open_survey(title="Winter", closes_on=dt.date(2027, 6, 30))
    assert services.invite(survey=first, resident=resident) is not None

    with time_machine.travel(timezone.now() + dt.timedelta(days=89), tick=False):
        assert services.invite(survey=second, resident=resident) is None
        assert services.invite_sample(survey=second, panel=panel, size=1, seed=1) == []
    with time_machine.travel(timezone.now() + dt.timedelta(days=91), tick=False):
        assert services.invite(survey=second, resident=resident) is not None


def test_an_invitation_goes_by_the_channel_the_resident_prefers_and_agreed_to(panel_survey):
    texter = ResidentFactory(preferred_channel="sms", consents_to_sms=True, phone="07700900123")
    no_consent = ResidentFactory(preferred_channel="sms", consents_to_sms=False)
    unreachable = ResidentFactory(consents_to_email=False, consents_to_sms=False)

    by_text = services.invite(survey=panel_survey, resident=texter)
    by_email = services.invite(survey=panel_survey, resident=no_consent)

    assert by_text.channel == "sms"
    assert by_email.channel == "email"
    assert services.invite(survey=panel_survey, resident=unreachable) is None
    sms = Notification.objects.get(channel="sms")
    assert sms.recipient == "07700900123"
    assert services.invitation_link(by_text) in sms.body


def test_the_invitation_is_written_in_the_residents_language(panel_survey):
    resident = ResidentFactory(preferred_language="pl")
    services.invite(survey=panel_survey, resident=resident)
    message = Notification.objects.get()
    assert message.language == "pl"


def test_a_closed_survey_invites_no_one(panel_survey):
    services.close_survey(actor=None, survey=panel_survey)
    assert services.invite(survey=panel_survey, resident=ResidentFactory()) is None


def test_residents_are_invited_after_their_case_closed_unless_they_rated_it():
    survey = open_survey("after-your-case", audience=Audience.AFTER_CASE, title="After cases")
    three_days_ago = timezone.now() - dt.timedelta(days=3)
    asked = CaseFactory(resident=ResidentFactory(), closed_at=three_days_ago)
    rated = CaseFactory(resident=ResidentFactory(), closed_at=three_days_ago)
    RatingFactory(case=rated)
    CaseFactory(resident=ResidentFactory(), closed_at=timezone.now() - dt.timedelta(days=2))

    assert services.invite_after_case_closed(survey=survey) == 1
    assert services.invite_after_case_closed(survey=survey) == 0  # again the same day: once
    assert Invitation.objects.get().case == asked


def test_one_reminder_after_seven_days_if_not_answered(panel_survey):
    waiting = services.invite(survey=panel_survey, resident=ResidentFactory())
    answered = services.invite(survey=panel_survey, resident=ResidentFactory())
    Invitation.objects.filter(pk=answered.pk).update(answered_at=timezone.now())

    with time_machine.travel(timezone.now() + dt.timedelta(days=6), tick=False):
        assert services.send_reminders() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(days=7), tick=False):
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0
    waiting.refresh_from_db()
    assert waiting.reminded_at is not None
    assert Notification.objects.filter(template="survey_reminder").count() == 1


def test_no_reminder_once_the_survey_has_closed(panel_survey):
    services.invite(survey=panel_survey, resident=ResidentFactory())
    with time_machine.travel(dt.datetime(2027, 1, 2, 10, tzinfo=dt.UTC), tick=False):
        assert services.send_reminders() == 0


def test_the_daily_job_invites_after_cases_and_reminds(panel_survey):
    from io import StringIO

    from django.core.management import call_command

    after_cases = open_survey("after-your-case", audience=Audience.AFTER_CASE, title="After")
    CaseFactory(resident=ResidentFactory(), closed_at=timezone.now() - dt.timedelta(days=3))
    waiting = services.invite(survey=panel_survey, resident=ResidentFactory())
    Invitation.objects.filter(pk=waiting.pk).update(sent_at=timezone.now() - dt.timedelta(days=8))

    out = StringIO()
    call_command("send_survey_reminders", today=timezone.localdate(), stdout=out)

    assert out.getvalue().strip() == "1 invited after their case closed, 1 reminded"
    assert Invitation.objects.filter(survey=after_cases).count() == 1


def test_a_panel_member_is_asked_as_they_chose_on_the_panel(panel, panel_survey):
    # Prefers email on their account, but chose text messages for the panel and agreed to texts.
    texter = member(
        panel,
        preferred_channel="email",
        consents_to_email=True,
        consents_to_sms=True,
        phone="07700 900123",
    )
    texter.contact_by = "sms"
    texter.save()
    # Chose texts but never agreed to them: email, which they agreed to.
    no_consent = member(panel, consents_to_email=True, consents_to_sms=False, phone="07700900456")
    no_consent.contact_by = "sms"
    no_consent.save()
    # Chose texts, agreed, but the number is a landline: no text message to a landline.
    landline = member(panel, consents_to_email=False, consents_to_sms=True, phone="01865 249811")
    landline.contact_by = "sms"
    landline.save()

    def invited(membership):
        return services.invite(
            survey=panel_survey, resident=membership.resident, membership=membership
        )

    assert invited(texter).channel == "sms"
    assert Notification.objects.get(channel="sms").recipient == "07700900123"
    assert invited(no_consent).channel == "email"
    assert invited(landline) is None
