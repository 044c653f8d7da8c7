"""As the application's role on PostgreSQL (LOGIN, not the owner, not a superuser, granted by
`opencex grant_app_role`): ordinary work and the redaction succeed; rewriting, deleting or
truncating the audit, and turning its triggers off, are refused."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from opencex.audit import sealing
from opencex.audit.records import REMOVED_UNDER_RETENTION
from opencex.cases.models import Case, CaseEvent
from tests.audit.records import sensitive_read, timeline

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="database roles exist only on PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def app_role() -> Iterator[str]:
    role = f"opencex_app_test_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    try:
        call_command("grant_app_role", role, verbosity=0)
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")


@pytest.fixture
def as_app(app_role) -> Iterator[psycopg.Connection]:
    """A connection of its own, signed in as the application's role."""
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        dbname=settings["NAME"],
        user=app_role,
        autocommit=True,
    ) as app:
        yield app


def refused(app: psycopg.Connection, statement: str, params: tuple = ()) -> str | None:
    """The database's refusal, or None if the statement went through."""
    try:
        app.execute(statement, params)
    except psycopg.Error as error:
        return str(error)
    return None


def test_the_application_role_cannot_rewrite_delete_or_truncate_the_timeline(as_app):
    event = timeline(2)[0]
    for statement in [
        "UPDATE cases_caseevent SET body = 'Rewritten' WHERE id = %s",
        "UPDATE cases_caseevent SET summary = 'Rewritten' WHERE id = %s",  # a column it may set
        "UPDATE cases_caseevent SET case_id = case_id WHERE id = %s",
        "DELETE FROM cases_caseevent WHERE id = %s",
    ]:
        assert refused(as_app, statement, (event.pk,)), statement
    # Its grant lets it set the summary for a redaction; the trigger refuses anything else.
    assert "audit trail" in refused(
        as_app, "UPDATE cases_caseevent SET summary = 'Rewritten' WHERE id = %s", (event.pk,)
    )
    assert "permission denied" in refused(as_app, "TRUNCATE cases_caseevent CASCADE")
    event.refresh_from_db()
    assert event.summary == "Note 0"
    assert CaseEvent.objects.count() == 2


def test_the_application_role_cannot_rewrite_the_access_log_or_the_seals(as_app):
    read = sensitive_read()
    sealing.seal_new_records()
    assert refused(
        as_app, "UPDATE people_sensitiveaccess SET purpose = 'x' WHERE id = %s", (read.pk,)
    )
    assert refused(as_app, "DELETE FROM people_sensitiveaccess WHERE id = %s", (read.pk,))
    assert refused(as_app, "TRUNCATE people_sensitiveaccess")
    assert refused(as_app, "UPDATE audit_auditseal SET digest = 'x'")
    assert refused(as_app, "DELETE FROM audit_auditseal")


def test_the_application_role_cannot_turn_the_triggers_off(as_app):
    timeline(1)
    for statement in [
        "ALTER TABLE cases_caseevent DISABLE TRIGGER USER",
        "ALTER TABLE cases_caseevent DISABLE TRIGGER ALL",
        "DROP TRIGGER opencex_audit_rows ON cases_caseevent",
        "SET session_replication_role = replica",
        "DROP TABLE cases_caseevent CASCADE",
        "CREATE TABLE cases_caseevent_copy (id bigint)",
    ]:
        assert refused(as_app, statement), statement


def test_the_application_role_adds_to_the_audit_and_does_its_ordinary_work(as_app):
    event = timeline(1)[0]
    as_app.execute(
        "INSERT INTO cases_caseevent (case_id, kind, at, summary, body, is_visible_to_resident, "
        "data) VALUES (%s, 'note', now(), 'Called back', '', false, '{}')",
        (event.case_id,),
    )
    as_app.execute(
        "UPDATE cases_case SET subject = 'Bin still not emptied' WHERE id = %s", (event.case_id,)
    )
    as_app.execute("DELETE FROM django_session")
    assert CaseEvent.objects.filter(case=event.case).count() == 2
    assert Case.objects.get().subject == "Bin still not emptied"


def test_the_application_role_may_redact_and_seal(as_app):
    event = timeline(1)[0]
    read = sensitive_read()
    as_app.execute(
        "UPDATE cases_caseevent SET redacted_at = now(), summary = %s, body = '', data = '{}' "
        "WHERE id = %s",
        (REMOVED_UNDER_RETENTION, event.pk),
    )
    as_app.execute(
        "UPDATE people_sensitiveaccess SET redacted_at = now(), purpose = %s WHERE id = %s",
        (REMOVED_UNDER_RETENTION, read.pk),
    )
    event.refresh_from_db()
    read.refresh_from_db()
    assert event.redacted_at is not None
    assert event.body == ""
    assert read.purpose == REMOVED_UNDER_RETENTION


def test_the_django_application_redacts_and_seals_as_the_application_role(app_role):
    event = timeline(2)[0]
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app_role}")
    try:
        assert CaseEvent.objects.filter(pk=event.pk).redact() == 1
        assert sealing.seal_new_records() == 2
        assert sealing.verify().is_intact
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def test_granting_refuses_a_superuser_or_a_role_that_does_not_exist(app_role):
    with pytest.raises(CommandError, match="superuser"):
        call_command("grant_app_role", "postgres")
    with pytest.raises(CommandError, match="no database role"):
        call_command("grant_app_role", "nobody_at_all")


def test_the_deploy_check_warns_when_the_service_could_lift_the_triggers(app_role):
    """`check --deploy --database default`: the test's own role (a superuser that owns the
    tables) is warned about; the application role is not."""
    from opencex.audit.checks import check_the_application_cannot_rewrite_the_audit as check

    [warning] = check(databases=["default"])
    assert warning.id == "audit.W001"
    assert "superuser" in warning.msg

    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app_role}")
    try:
        assert check(databases=["default"]) == []
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
