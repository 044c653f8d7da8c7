"""Tamper evidence: the seals chain every audit row after it commits, and `verify_audit` names the
first row or seal that no longer matches. Tampering here is done as the tables' owner, who can
lift the triggers (`protection.lifted`); the application's role cannot (test_app_role.py)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from opencex.audit import protection, sealing
from opencex.audit.models import AuditSeal, SealState
from opencex.audit.records import REMOVED_UNDER_RETENTION
from opencex.cases.models import CaseEvent
from opencex.people.models import SensitiveAccess
from tests.audit.records import sensitive_read, timeline

pytestmark = pytest.mark.django_db


def as_owner(statement: str, params: list) -> None:
    with protection.lifted(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def verify_fails() -> str:
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_a_sealed_trail_verifies():
    timeline(3)
    sensitive_read()
    out = StringIO()
    call_command("verify_audit", "--seal", stdout=out)
    assert "Sealed 4 audit records" in out.getvalue()
    assert "4 seals and 4 audit rows checked; 0 not sealed yet" in out.getvalue()
    assert "intact" in out.getvalue()


def test_an_edited_event_is_named_with_the_columns_that_changed():
    events = timeline(3)
    sealing.seal_new_records()
    as_owner("UPDATE cases_caseevent SET at = %s WHERE id = %s", [timezone.now(), events[1].pk])
    output = verify_fails()
    assert f"First broken link: cases_caseevent id {events[1].pk}: at changed" in output


def test_edited_personal_content_is_named_without_a_digest_of_each_text():
    read = sensitive_read()
    sealing.seal_new_records()
    as_owner("UPDATE people_sensitiveaccess SET purpose = 'Curiosity' WHERE id = %s", [read.pk])
    assert f"people_sensitiveaccess id {read.pk}: purpose changed" in verify_fails()


def test_a_deleted_row_in_the_middle_is_reported():
    events = timeline(3)
    sealing.seal_new_records()
    as_owner("DELETE FROM cases_caseevent WHERE id = %s", [events[1].pk])
    output = verify_fails()
    assert f"cases_caseevent id {events[1].pk}: sealed but missing (deleted)" in output


def test_a_removed_seal_breaks_the_chain_at_the_next_one():
    events = timeline(3)
    sealing.seal_new_records()
    seals = list(AuditSeal.objects.order_by("id"))
    as_owner("DELETE FROM audit_auditseal WHERE id = %s", [seals[1].pk])
    output = verify_fails()
    assert f"First broken link: audit_auditseal id {seals[2].pk}: the chain breaks here" in output
    assert f"cases_caseevent id {events[2].pk}" in output


def test_a_redaction_keeps_the_rows_seal_and_is_sealed_in_turn():
    events = timeline(2)
    sealing.seal_new_records()
    CaseEvent.objects.filter(pk=events[0].pk).redact()
    before = sealing.verify()
    assert before.is_intact
    assert before.not_yet_sealed == 1
    assert sealing.seal_new_records() == 1
    after = sealing.verify()
    assert after.is_intact
    assert after.not_yet_sealed == 0
    states = AuditSeal.objects.filter(row_id=events[0].pk, table="cases_caseevent")
    assert sorted(states.values_list("state", flat=True)) == [
        SealState.RECORDED,
        SealState.REDACTED,
    ]


def test_an_edit_dressed_as_a_redaction_is_caught():
    event = timeline(1)[0]
    sealing.seal_new_records()
    as_owner(
        "UPDATE cases_caseevent SET redacted_at = %s, summary = %s, body = '', data = '{}', "
        "is_visible_to_resident = %s WHERE id = %s",
        [timezone.now(), REMOVED_UNDER_RETENTION, True, event.pk],
    )
    assert f"cases_caseevent id {event.pk}: is_visible_to_resident changed" in verify_fails()


def test_undoing_a_redaction_is_caught():
    event = timeline(1)[0]
    CaseEvent.objects.filter(pk=event.pk).redact()
    sealing.seal_new_records()
    as_owner(
        "UPDATE cases_caseevent SET redacted_at = NULL, summary = 'Back' WHERE id = %s", [event.pk]
    )
    assert (
        f"cases_caseevent id {event.pk}: redacted_at, body/data/summary changed" in verify_fails()
    )


def test_a_row_that_commits_after_a_later_one_is_still_sealed():
    events = timeline(1)
    sealing.seal_new_records()
    late = CaseEvent.objects.create(
        pk=events[0].pk + 50, case=events[0].case, kind="note", at=timezone.now(), summary="Late"
    )
    earlier = CaseEvent.objects.create(
        pk=events[0].pk + 10, case=events[0].case, kind="note", at=timezone.now(), summary="Early"
    )
    assert sealing.seal_new_records() == 2
    sealed = AuditSeal.objects.filter(table="cases_caseevent").values_list("row_id", flat=True)
    assert {late.pk, earlier.pk} <= set(sealed)
    assert sealing.verify().is_intact


def test_every_column_is_sealed_including_ones_added_later():
    read = sensitive_read()
    sealing.seal_new_records()
    seal = AuditSeal.objects.get(table="people_sensitiveaccess", row_id=read.pk)
    covered = {column for key in seal.column_digests for column in key.split("+")}
    assert covered == {field.column for field in SensitiveAccess._meta.concrete_fields}


def test_sealing_twice_adds_nothing_and_continues_the_chain():
    timeline(2)
    assert sealing.seal_new_records() == 2
    assert sealing.seal_new_records() == 0
    timeline(1)
    assert sealing.seal_new_records() == 1
    assert sealing.verify().is_intact
