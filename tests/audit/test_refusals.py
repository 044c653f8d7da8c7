"""The database refuses to rewrite the audit: no UPDATE but the retention redaction, no DELETE,
no TRUNCATE; and deleting a case or a resident is refused rather than taking their audit with it.
These run as the test's database user (the tables' owner, which has not lifted the triggers);
`test_app_role.py` runs the same acts as the application's role on PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from opencex.audit import sealing
from opencex.audit.records import REMOVED_UNDER_RETENTION
from opencex.cases.models import CaseEvent
from opencex.people.models import SensitiveAccess
from tests.audit.records import sensitive_read, timeline

pytestmark = pytest.mark.django_db


def refused(statement: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, params)
    except DatabaseError:
        return True
    return False


def test_an_event_cannot_be_edited_in_the_database():
    event = timeline(1)[0]
    assert refused("UPDATE cases_caseevent SET body = %s WHERE id = %s", ["Rewritten", event.pk])
    event.refresh_from_db()
    assert event.body.startswith("Called Mrs Example")


def test_an_event_cannot_be_deleted_in_the_database():
    event = timeline(1)[0]
    assert refused("DELETE FROM cases_caseevent WHERE id = %s", [event.pk])
    assert CaseEvent.objects.filter(pk=event.pk).exists()


def test_the_orm_refuses_to_delete_an_audit_record():
    event = timeline(1)[0]
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    with pytest.raises(TypeError, match="never changed or deleted"):
        SensitiveAccess.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_the_audit_tables_cannot_be_truncated():
    timeline(1)
    sensitive_read()
    assert refused("TRUNCATE cases_caseevent CASCADE", [])
    assert refused("TRUNCATE people_sensitiveaccess", [])
    assert CaseEvent.objects.exists()
    assert SensitiveAccess.objects.exists()


def test_the_retention_redaction_blanks_the_content_and_keeps_the_rest():
    first, second, third = timeline(3)
    assert CaseEvent.objects.filter(pk__in=[first.pk, second.pk]).redact() == 2
    first.refresh_from_db()
    assert (first.summary, first.body, first.data) == (REMOVED_UNDER_RETENTION, "", {})
    assert first.redacted_at is not None
    assert (first.kind, first.case_id, first.at) == (third.kind, third.case_id, first.at)
    third.refresh_from_db()
    assert third.redacted_at is None
    assert third.summary == "Note 2"
    # Redacting again changes nothing: the first redaction's time stands.
    assert CaseEvent.objects.filter(pk=first.pk).redact() == 0


def test_a_read_of_special_category_data_is_redacted_to_the_fixed_purpose():
    read = sensitive_read("Safeguarding referral for J. Example")
    assert SensitiveAccess.objects.filter(pk=read.pk).redact() == 1
    read.refresh_from_db()
    assert read.purpose == REMOVED_UNDER_RETENTION
    assert read.redacted_at is not None


def test_a_redaction_that_changes_anything_else_is_refused():
    event = timeline(1)[0]
    redaction = "UPDATE cases_caseevent SET redacted_at = %s, summary = %s, body = '', data = '{}'"
    now = timezone.now()
    assert refused(
        redaction + ", kind = 'created' WHERE id = %s", [now, REMOVED_UNDER_RETENTION, event.pk]
    )
    assert refused(redaction + " WHERE id = %s", [now, "Nothing to see here", event.pk])
    assert refused(
        "UPDATE cases_caseevent SET redacted_at = %s, summary = %s WHERE id = %s",
        [now, REMOVED_UNDER_RETENTION, event.pk],
    )  # the body and data would stay
    assert not refused(redaction + " WHERE id = %s", [now, REMOVED_UNDER_RETENTION, event.pk])


def test_a_redacted_record_cannot_be_restored_or_redacted_again():
    event = timeline(1)[0]
    CaseEvent.objects.filter(pk=event.pk).redact()
    assert refused("UPDATE cases_caseevent SET redacted_at = NULL WHERE id = %s", [event.pk])
    assert refused(
        "UPDATE cases_caseevent SET redacted_at = %s WHERE id = %s", [timezone.now(), event.pk]
    )


def test_a_read_cannot_be_rewritten_or_deleted_in_the_database():
    read = sensitive_read()
    assert refused("UPDATE people_sensitiveaccess SET purpose = 'x' WHERE id = %s", [read.pk])
    assert refused("DELETE FROM people_sensitiveaccess WHERE id = %s", [read.pk])


def test_the_seals_cannot_be_rewritten_or_deleted():
    timeline(2)
    sealing.seal_new_records()
    assert refused("UPDATE audit_auditseal SET digest = 'x'", [])
    assert refused("DELETE FROM audit_auditseal", [])


def test_deleting_a_case_is_refused_and_keeps_its_timeline():
    event = timeline(2)[0]
    with pytest.raises(ProtectedError, match=r"CaseEvent\.case"):
        event.case.delete()
    assert CaseEvent.objects.filter(case=event.case).count() == 2


def test_deleting_a_resident_is_refused_while_reads_of_their_data_are_recorded():
    read = sensitive_read()
    with pytest.raises(ProtectedError, match=r"SensitiveAccess\.resident"):
        read.resident.delete()
    assert SensitiveAccess.objects.filter(pk=read.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_flushing_the_database_lifts_the_triggers_only_while_it_empties_the_tables():
    timeline(2)
    sensitive_read()
    call_command("flush", interactive=False, verbosity=0)
    assert not CaseEvent.objects.exists()
    assert not SensitiveAccess.objects.exists()
    event = timeline(1)[0]
    assert refused("DELETE FROM cases_caseevent WHERE id = %s", [event.pk])
