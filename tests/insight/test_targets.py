"""Targets: who may set them, what is refused, how a new one supersedes the old from its start
(the old kept), and which one applies to a period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import transaction

from opencex.accounts.models import Role
from opencex.insight.granularity import Granularity, period_containing
from opencex.insight.models import Target
from opencex.insight.periods import Period
from opencex.insight.targets import TargetError, set_target, target_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)
M, Q, Y = Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR


@pytest.fixture(autouse=True)
def _mid_june_2026():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def manager():
    return UserFactory(role=Role.TEAM_MANAGER, password=None)


APRIL = D(2026, 4, 1)


def _set(actor, value="90", *, key="foi-in-time", granularity=M, applies_from=APRIL,
         reason="Corporate plan 2026"):  # fmt: skip
    return set_target(
        actor=actor,
        measure_key=key,
        granularity=granularity,
        applies_from=applies_from,
        value=value,
        reason=reason,
    )


def _month(year: int, month: int) -> Period:
    return period_containing(M, D(year, month, 1))


def test_a_manager_sets_a_target_recorded_with_who_when_and_why(manager):
    target = _set(manager, "92.5", applies_from=D(2026, 4, 17))

    assert target.value == Decimal("92.50")
    assert target.applies_from == D(2026, 4, 1)  # the start of the month it falls in
    assert target.set_by == manager
    assert target.set_at == TODAY
    assert target.reason == "Corporate plan 2026"


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.ADMINISTRATOR])
def test_managers_and_administrators_may_set_targets(role):
    _set(UserFactory(role=role, password=None))

    assert Target.objects.count() == 1


@pytest.mark.parametrize(
    "role",
    [
        Role.INFORMATION_GOVERNANCE,
        Role.CASEWORKER,
        Role.CONTACT_CENTRE,
        Role.RESIDENT,
        Role.PARTNER,
    ],
)
def test_other_roles_may_not_set_targets(role):
    with pytest.raises(PermissionDenied):
        _set(UserFactory(role=role, password=None))

    assert not Target.objects.exists()


def test_anonymous_and_deactivated_accounts_may_not_set_targets():
    with pytest.raises(PermissionDenied):
        _set(None)
    with pytest.raises(PermissionDenied):
        _set(UserFactory(role=Role.TEAM_MANAGER, is_active=False, password=None))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": "ninety"}, "value", "must be a number"),
        ({"value": "NaN"}, "value", "must be a number"),
        ({"value": "100.5"}, "value", "between 0 and 100"),
        ({"value": "-1"}, "value", "between 0 and 100"),
        ({"value": "90.125"}, "value", "2 decimal places"),
        ({"key": "not-a-measure"}, "measure", "Select a measure"),
        ({"granularity": "week"}, "granularity", "month, quarter or year"),
        ({"applies_from": D(2025, 5, 31)}, "applies_from", "within the last year"),
        ({"reason": "   "}, "reason", "Say why"),
    ],
)
def test_a_target_that_does_not_make_sense_is_refused_with_a_reason(
    manager, fields, field, message
):
    with pytest.raises(TargetError) as refused:
        _set(manager, **fields)

    assert refused.value.field == field
    assert message in refused.value.message
    assert not Target.objects.exists()


def test_a_percentage_sign_is_accepted(manager):
    assert _set(manager, "95%").value == Decimal("95")


def test_a_new_target_supersedes_the_old_from_its_start_and_the_old_is_kept(manager):
    old = _set(manager, "85", applies_from=D(2026, 1, 1))
    new = _set(manager, "90", applies_from=D(2026, 4, 1), reason="Raised after review")

    assert target_for("foi-in-time", _month(2026, 3)) == old
    assert target_for("foi-in-time", _month(2026, 4)) == new
    assert target_for("foi-in-time", _month(2026, 6)) == new
    assert target_for("foi-in-time", _month(2025, 12)) is None
    assert Target.objects.count() == 2


def test_a_target_set_again_for_the_same_start_wins_and_the_first_is_kept(manager):
    first = _set(manager, "85")
    with time_machine.travel(TODAY + dt.timedelta(hours=1), tick=False):
        second = _set(manager, "88", reason="Corrected: the plan says 88")

    assert target_for("foi-in-time", _month(2026, 5)) == second
    assert set(Target.objects.all()) == {first, second}


def test_a_target_is_never_changed_or_deleted(manager):
    target = _set(manager, "85")
    target.value = Decimal("99")

    with pytest.raises(TypeError), transaction.atomic():
        target.save()
    with pytest.raises(TypeError), transaction.atomic():
        Target.objects.filter(pk=target.pk).update(value=1)
    with pytest.raises(TypeError), transaction.atomic():
        target.delete()


def test_the_periods_own_granularity_comes_first_then_any_for_a_rate(manager):
    # The year is the financial year: 2026 to 2027 starts on 1 April 2026.
    yearly = _set(manager, "80", granularity=Y, applies_from=D(2026, 4, 1))
    quarterly = _set(manager, "85", granularity=Q, applies_from=D(2026, 4, 1))

    assert target_for("foi-in-time", period_containing(Q, D(2026, 6, 15))) == quarterly
    assert target_for("foi-in-time", period_containing(Y, D(2027, 3, 31))) == yearly
    # A month has no monthly target: a percentage is the same goal whatever the period's length.
    assert target_for("foi-in-time", _month(2026, 5)) == quarterly
    assert target_for("foi-in-time", Period(D(2026, 5, 4), D(2026, 5, 10))) == quarterly


def test_a_target_applies_only_to_its_own_measure(manager):
    _set(manager, "85")

    assert target_for("eir-in-time", _month(2026, 5)) is None
