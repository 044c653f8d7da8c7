"""Merging two resident records and undoing it: every row moves and comes back exactly, audit
records stay, unique constraints are kept, and only managers, information governance and
administrators may do it. Runs on SQLite and PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from opencex.accounts.models import Role
from opencex.aigovernance.services import record_suggestion
from opencex.audit.protection import AUDIT_MODELS
from opencex.matching import services
from opencex.matching.models import MergeAct, MergeEvent, ResidentMerge
from opencex.matching.relations import AUDIT_STAYS, KEPT_HAS_ONE, links_to_residents
from opencex.people.models import EqualityProfile, Occupancy, Resident, SensitiveAccess
from tests.factories import PropertyFactory, ResidentFactory, UserFactory
from tests.matching.rows import NOT_MADE, make, make_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return UserFactory(role=Role.TEAM_MANAGER)


@pytest.fixture
def pair():
    kept = ResidentFactory(full_name="Ada Okonkwo", email="", phone="", date_of_birth=None)
    merged = ResidentFactory(
        full_name="Ada Okonkwo", email="ada@example.org", date_of_birth=date(1961, 3, 27)
    )
    return kept, merged


def _every_row(resident):
    """One row of every kind that points at a resident, by (label, field)."""
    return {
        (link.label, link.field.name): make_row(link, resident)
        for link in links_to_residents()
        if link.label not in NOT_MADE
    }


def _points_at(row, field_name):
    fresh = type(row)._base_manager.get(pk=row.pk)
    return getattr(fresh, type(row)._meta.get_field(field_name).attname)


def test_every_kind_of_row_that_points_at_a_resident_has_a_row_in_these_tests():
    """A new foreign key to a resident fails here until rows.py can make one (or NOT_MADE says
    why a merge refuses it), so the tests below prove that the merge moves it."""
    kinds = {link.label for link in links_to_residents()}
    assert set(NOT_MADE) <= kinds
    assert {"cases.Case", "contacts.Contact", "people.SensitiveInformation"} <= kinds


def test_a_merge_moves_every_row_that_points_at_the_merged_record(manager, pair):
    kept, merged = pair
    rows = _every_row(merged)

    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")

    moved = {(row["model"], row["pk"]) for row in merge.moved}
    left = {(row["model"], row["pk"]): row["why"] for row in merge.left}
    for (label, field_name), row in rows.items():
        if label in AUDIT_MODELS:
            assert left[(label, row.pk)] == AUDIT_STAYS
            assert _points_at(row, field_name) == merged.pk, label
        else:  # the kept record had none of its own, so nothing else stays behind
            assert (label, row.pk) in moved, label
            assert _points_at(row, field_name) == kept.pk, label


def test_undo_puts_every_moved_row_back_and_leaves_what_was_added_since(manager, pair):
    kept, merged = pair
    rows = _every_row(merged)
    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")
    added_since = make(Occupancy, kept, resident=kept, property=PropertyFactory())

    services.undo_merge(actor=manager, merge=merge, reason="Different people after all")

    for (label, field_name), row in rows.items():
        assert _points_at(row, field_name) == merged.pk, label
    assert Occupancy.objects.get(pk=added_since.pk).resident_id == kept.pk


def test_a_merge_fills_the_kept_records_empty_details_and_undo_empties_them_again(manager, pair):
    kept, merged = pair

    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")
    kept.refresh_from_db()
    merged.refresh_from_db()
    assert (kept.email, kept.date_of_birth) == ("ada@example.org", date(1961, 3, 27))
    assert merged.merged_into == kept

    services.undo_merge(actor=manager, merge=merge, reason="Different people")
    kept.refresh_from_db()
    merged.refresh_from_db()
    assert (kept.email, kept.date_of_birth) == ("", None)
    assert merged.merged_into is None
    assert merged.email == "ada@example.org"


def test_undo_keeps_a_detail_an_officer_changed_after_the_merge(manager, pair):
    kept, merged = pair
    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")
    Resident.objects.filter(pk=kept.pk).update(email="new@example.org")

    services.undo_merge(actor=manager, merge=merge, reason="Different people")

    kept.refresh_from_db()
    assert kept.email == "new@example.org"


def test_the_sign_in_account_moves_to_the_kept_record_and_back(manager, pair):
    kept, merged = pair
    account = UserFactory(role=Role.RESIDENT)
    Resident.objects.filter(pk=merged.pk).update(user=account)
    merged.refresh_from_db()

    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")
    assert Resident.objects.get(user=account) == kept

    services.undo_merge(actor=manager, merge=merge, reason="Different people")
    assert Resident.objects.get(user=account) == merged


def test_two_records_with_their_own_sign_in_accounts_are_not_merged(manager, pair):
    kept, merged = pair
    Resident.objects.filter(pk=kept.pk).update(user=UserFactory(role=Role.RESIDENT))
    Resident.objects.filter(pk=merged.pk).update(user=UserFactory(role=Role.RESIDENT))
    kept.refresh_from_db()
    merged.refresh_from_db()

    with pytest.raises(services.MergeRefused, match="own sign-in account"):
        services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")
    assert not ResidentMerge.objects.exists()


def test_a_row_the_kept_record_already_has_its_own_of_stays_with_the_merged_record(manager, pair):
    kept, merged = pair
    home = PropertyFactory()
    ours = make(Occupancy, kept, resident=kept, property=home, relationship="tenant")
    theirs = make(Occupancy, merged, resident=merged, property=home, relationship="tenant")
    their_profile = make(EqualityProfile, merged, resident=merged)
    make(EqualityProfile, kept, resident=kept)

    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")

    assert Occupancy.objects.get(pk=ours.pk).resident_id == kept.pk
    assert Occupancy.objects.get(pk=theirs.pk).resident_id == merged.pk
    assert EqualityProfile.objects.get(pk=their_profile.pk).resident_id == merged.pk
    left = {(row["model"], row["pk"]): row["why"] for row in merge.left}
    assert left[("people.Occupancy", theirs.pk)] == KEPT_HAS_ONE
    assert left[("people.EqualityProfile", their_profile.pk)] == KEPT_HAS_ONE


def test_a_merge_and_its_undo_are_audited_and_the_audit_is_never_rewritten(manager, pair):
    kept, merged = pair
    access = make(SensitiveAccess, merged, resident=merged)

    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")
    services.undo_merge(actor=manager, merge=merge, reason="Different people")

    events = list(MergeEvent.objects.filter(merge=merge).order_by("pk"))
    assert [(e.act, e.actor, e.reason) for e in events] == [
        (MergeAct.MERGED, manager, "Same DOB"),
        (MergeAct.UNDONE, manager, "Different people"),
    ]
    assert SensitiveAccess.objects.get(pk=access.pk).resident_id == merged.pk
    with pytest.raises(TypeError):
        events[0].delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's audit triggers")
def test_on_postgresql_the_merge_audit_cannot_be_rewritten_and_a_merge_leaves_it_alone(manager):
    """The triggers refuse a raw UPDATE or DELETE of a merge event or a suggestion, and a later
    merge and undo leave the earlier events exactly as they were."""
    first_kept, first_merged = ResidentFactory(), ResidentFactory()
    first = services.merge_residents(
        actor=manager, kept=first_kept, merged=first_merged, reason="Same DOB"
    )
    services.undo_merge(actor=manager, merge=first, reason="Different people")
    suggestion = record_suggestion(
        model_key="resident_matching",
        model_version="m-1",
        subject_type="resident",
        subject_id=first_kept.pk,
        suggested={},
        reasons=["same name"],
    )
    before = list(MergeEvent.objects.order_by("pk").values())
    assert len(before) == 2

    event = before[0]["id"]
    for sql, pk in (
        ("UPDATE matching_mergeevent SET reason = 'rewritten' WHERE id = %s", event),
        ("DELETE FROM matching_mergeevent WHERE id = %s", event),
        ("UPDATE aigovernance_suggestion SET model_version = 'm-0' WHERE id = %s", suggestion.pk),
        ("DELETE FROM aigovernance_suggestion WHERE id = %s", suggestion.pk),
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])

    kept, merged = ResidentFactory(), ResidentFactory()
    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same")
    services.undo_merge(actor=manager, merge=merge, reason="Not")
    assert (
        list(MergeEvent.objects.filter(pk__lte=before[-1]["id"]).order_by("pk").values()) == before
    )
    assert MergeEvent.objects.count() == 4


def test_a_merge_needs_a_reason(manager, pair):
    kept, merged = pair
    with pytest.raises(services.MergeRefused, match="Enter why"):
        services.merge_residents(actor=manager, kept=kept, merged=merged, reason="  ")


def test_undo_needs_a_reason_and_happens_once(manager, pair):
    kept, merged = pair
    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")
    with pytest.raises(services.MergeRefused, match="Enter why"):
        services.undo_merge(actor=manager, merge=merge, reason="")
    services.undo_merge(actor=manager, merge=merge, reason="Different")
    with pytest.raises(services.MergeRefused, match="already been undone"):
        services.undo_merge(actor=manager, merge=merge, reason="Different")


def test_a_merged_record_cannot_be_merged_again_until_the_merge_is_undone(manager, pair):
    kept, merged = pair
    services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same DOB")
    third = ResidentFactory()
    merged.refresh_from_db()
    with pytest.raises(services.MergeRefused, match="already been merged"):
        services.merge_residents(actor=manager, kept=third, merged=merged, reason="Same")


def test_records_merged_into_the_merged_record_follow_it_to_the_kept_one(manager, pair):
    kept, merged = pair
    older = ResidentFactory(full_name="A. Okonkwo")
    services.merge_residents(actor=manager, kept=merged, merged=older, reason="Same")
    merged.refresh_from_db()

    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same")
    assert Resident.objects.get(pk=older.pk).merged_into_id == kept.pk

    services.undo_merge(actor=manager, merge=merge, reason="Different")
    assert Resident.objects.get(pk=older.pk).merged_into_id == merged.pk


def test_the_kept_record_merged_on_must_be_undone_first(manager, pair):
    kept, merged = pair
    first = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same")
    newest = ResidentFactory()
    kept.refresh_from_db()
    services.merge_residents(actor=manager, kept=newest, merged=kept, reason="Same")

    with pytest.raises(services.MergeRefused, match="undo that merge first"):
        services.undo_merge(actor=manager, merge=first, reason="Different")


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CONTACT_CENTRE, Role.RESIDENT])
def test_only_managers_governance_and_administrators_merge(pair, role):
    kept, merged = pair
    with pytest.raises(PermissionDenied):
        services.merge_residents(
            actor=UserFactory(role=role), kept=kept, merged=merged, reason="Same"
        )


@pytest.mark.parametrize("role", [Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR])
def test_governance_and_administrators_merge_and_undo(pair, role):
    kept, merged = pair
    actor = UserFactory(role=role)
    merge = services.merge_residents(actor=actor, kept=kept, merged=merged, reason="Same")
    services.undo_merge(actor=actor, merge=merge, reason="Different")


def test_a_caseworker_may_not_undo_a_merge(manager, pair):
    kept, merged = pair
    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same")
    with pytest.raises(PermissionDenied):
        services.undo_merge(
            actor=UserFactory(role=Role.CASEWORKER), merge=merge, reason="Different"
        )


def test_an_anonymised_record_is_not_merged_and_a_merge_not_undone_once_one_is(manager, pair):
    kept, merged = pair
    anonymised = apps.get_model("retention", "AnonymisedResident")
    merge = services.merge_residents(actor=manager, kept=kept, merged=merged, reason="Same")
    make(anonymised, merged, resident=merged)

    with pytest.raises(services.MergeRefused, match="anonymised"):
        services.undo_merge(actor=manager, merge=merge, reason="Different")
    gone = ResidentFactory()
    make(anonymised, gone, resident=gone)
    with pytest.raises(services.MergeRefused, match="anonymised"):
        services.merge_residents(actor=manager, kept=kept, merged=gone, reason="Same")
