"""`opencex demo` gives the issue-14 pages something to show: demo targets, published "you said,
we did" changes, synthetic equality answers and sentiment readings, each once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from opencex.accounts.models import Role, User
from opencex.cases.models import CaseKind
from opencex.demo.insight import CHANGES, DEMO_TARGET_REASON
from opencex.insight.measures import all_measures
from opencex.insight.models import Target
from opencex.notify.models import Notification
from opencex.people.models import EqualityProfile, Resident, SensitiveAccess
from opencex.sentiment.models import TextSentiment
from opencex.yousaidwedid.models import Change, ChangeEvent, ChangeSource, ChangeStatus

pytestmark = pytest.mark.django_db

MADE = (Target, Change, ChangeSource, ChangeEvent, EqualityProfile, TextSentiment, User,
        Notification)  # fmt: skip


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", "--size", "small", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MADE}


def test_the_demo_fills_the_performance_you_said_we_did_equality_and_sentiment_pages(client):
    said = _demo()

    assert "demo monthly targets" in said
    assert "demo changes published" in said
    targets = Target.objects.all()
    assert {t.measure_key for t in targets} == {m.key for m in all_measures()}
    assert {t.reason for t in targets} == {DEMO_TARGET_REASON}
    assert {t.set_by.role for t in targets} == {Role.TEAM_MANAGER}
    page = client.get("/performance/").content.decode()
    assert "Target: 90%" in page or "Target: 90.0%" in page
    assert 'id="demo-targets"' in page  # labelled as examples, not the council's targets

    changes = Change.objects.all()
    # The small history has few comments and complaints: a change is made only where feedback
    # fits it (the full demo has all of them).
    assert 1 <= changes.count() <= len(CHANGES)
    assert {c.status for c in changes} == {ChangeStatus.PUBLISHED}
    for change in changes:
        sources = list(change.sources.select_related("case"))
        assert sources, change.title
        expected = CaseKind.COMMENT if sources[0].kind == "comment" else CaseKind.COMPLAINT
        assert {s.case.kind for s in sources} == {expected}
        assert all(s.case.received_on < change.made_on for s in sources)
    listed = client.get("/you-said-we-did/").content.decode()
    for change in changes:
        assert change.title in listed

    profiles = EqualityProfile.objects.select_related("resident__user")
    with_email = Resident.objects.exclude(email="").exclude(user__role=Role.ADMINISTRATOR)
    assert 0.2 * with_email.count() <= profiles.count() <= 0.6 * with_email.count()
    for profile in profiles:
        assert profile.consent_given
        assert profile.resident.user.role == Role.RESIDENT
        # Given by the resident themselves, through the one door that logs it.
        assert SensitiveAccess.objects.filter(
            resident=profile.resident, actor=profile.resident.user
        ).exists()
    assert TextSentiment.objects.filter(case__kind=CaseKind.COMMENT).exists()


def test_running_the_demo_again_or_resetting_it_duplicates_nothing():
    _demo()
    before = _counts()

    said = _demo()

    assert "demo targets are already set" in said
    assert "demo changes are already published" in said
    assert "already given" in said
    assert _counts() == before

    _demo("--reset")

    after = _counts()
    # The history's cases (and so their readings and links) are made again; nothing doubles.
    assert after["Target"] == before["Target"]
    assert after["Change"] == before["Change"]
    assert after["EqualityProfile"] == before["EqualityProfile"]
    assert after["User"] == before["User"]
    assert after["ChangeSource"] == before["ChangeSource"]
    assert Change.objects.filter(sources__isnull=True).count() == 0
