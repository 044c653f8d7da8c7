"""The database itself refuses to rewrite the audit: triggers on every audit table refuse UPDATE
(except the retention redaction), DELETE and TRUNCATE, for every role that has not turned them off.

The application's role does not own the tables, so it cannot turn them off (`ALTER TABLE ...
DISABLE TRIGGER` needs the owner); the owner can, deliberately, for the few jobs that must remove
audit rows: flushing a test database, resetting the synthetic demo history (`lifted`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps import apps as global_apps
from django.db import connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# Every audit table, by model label. A new audit table is added here (and subclasses
# `records.AuditRecord`); the triggers, the grants and the seals all read this list.
AUDIT_MODELS = (
    "cases.CaseEvent",
    "people.SensitiveAccess",
    "audit.AuditSeal",
    "payments.PaymentEvent",
    "forms.FormChange",  # the form builder's changes (issue 13)
    "insight.Target",  # targets for the headline measures (issue 14)
    "yousaidwedid.ChangeEvent",  # you said, we did: staff's changes recorded and published
    "consultations.ConsultationEvent",  # consultations planned, checked, launched, published
    "panels.PanelEvent",  # the panels: joined, left, contact details read, moderated (issue 15)
    "aigovernance.Suggestion",  # what a model suggested, with its version (issue 16)
    "aigovernance.Decision",  # what an officer decided on it
    "matching.MergeEvent",  # residents merged and merges undone (issue 16)
)

# PostgreSQL: one function for every audit table. The trigger's argument is the redaction as JSON
# (column -> value it must be set to); a table without one refuses every UPDATE. Columns are
# compared as a whole row (to_jsonb), so a column added later is protected without a new trigger.
POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION opencex_refuse_audit_rewrite() RETURNS trigger AS $$
DECLARE
    redaction jsonb := CASE WHEN TG_NARGS > 0 THEN TG_ARGV[0]::jsonb END;
    redacted_columns text[];
    old_row jsonb;
    new_row jsonb;
BEGIN
    IF TG_OP = 'UPDATE' AND redaction IS NOT NULL THEN
        redacted_columns := ARRAY(SELECT jsonb_object_keys(redaction)) || ARRAY['redacted_at'];
        old_row := to_jsonb(OLD);
        new_row := to_jsonb(NEW);
        IF old_row -> 'redacted_at' = 'null'::jsonb
           AND new_row -> 'redacted_at' <> 'null'::jsonb
           AND (old_row - redacted_columns) = (new_row - redacted_columns)
           AND NOT EXISTS (
               SELECT 1 FROM jsonb_each(redaction) AS r(key, value)
               WHERE new_row -> r.key IS DISTINCT FROM r.value)
        THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION '% is an audit trail: % refused (only the retention redaction is allowed)',
        TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

TRIGGER_PREFIX = "opencex_audit_"


def audit_models(apps=global_apps) -> list[type[models.Model]]:
    # A migration's historical apps hold only the tables made so far: an audit table added by a
    # later app's migration gets its triggers from that migration and from every later migrate.
    present = {model._meta.label for model in apps.get_models()}
    return [apps.get_model(label) for label in AUDIT_MODELS if label in present]


def _redaction(model: type[models.Model]) -> dict:
    # Historical models (in migrations) lack class attributes: read the live model's.
    return getattr(global_apps.get_model(model._meta.label), "REDACTION", {})


def _postgresql(model: type[models.Model]) -> list[str]:
    table = model._meta.db_table
    redaction = _redaction(model)
    argument = "'" + json.dumps(redaction).replace("'", "''") + "'" if redaction else ""
    return [
        f'DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}rows ON "{table}";',
        f'DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}truncate ON "{table}";',
        f'CREATE TRIGGER {TRIGGER_PREFIX}rows BEFORE UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION opencex_refuse_audit_rewrite({argument});",
        f'CREATE TRIGGER {TRIGGER_PREFIX}truncate BEFORE TRUNCATE ON "{table}" '
        f"FOR EACH STATEMENT EXECUTE FUNCTION opencex_refuse_audit_rewrite();",
    ]


def _sqlite_literal(value: object) -> str:
    text = json.dumps(value, separators=(",", ":")) if isinstance(value, dict) else str(value)
    return "'" + text.replace("'", "''") + "'"


def _sqlite(model: type[models.Model]) -> list[str]:
    """SQLite has no TRUNCATE and no roles: the triggers guard against the application's own
    mistakes. The columns are listed as they are now (refreshed after every migrate)."""
    table = model._meta.db_table
    redaction = _redaction(model)
    message = f"{table} is an audit trail: it is never rewritten, only redacted"
    statements = [
        f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{table}_update;",
        f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{table}_delete;",
        f'CREATE TRIGGER {TRIGGER_PREFIX}{table}_delete BEFORE DELETE ON "{table}" '
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
    ]
    if redaction:
        kept = [
            f.column
            for f in model._meta.concrete_fields
            if f.column not in redaction and f.column != "redacted_at"
        ]
        allowed = " AND ".join(
            ["OLD.redacted_at IS NULL", "NEW.redacted_at IS NOT NULL"]
            + [f'NEW."{column}" IS OLD."{column}"' for column in kept]
            + [f'NEW."{column}" IS {_sqlite_literal(v)}' for column, v in redaction.items()]
        )
        when = f"WHEN NOT ({allowed}) "
    else:
        when = ""
    statements.append(
        f'CREATE TRIGGER {TRIGGER_PREFIX}{table}_update BEFORE UPDATE ON "{table}" {when}'
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
    )
    return statements


def _remove_sqlite(model: type[models.Model]) -> list[str]:
    table = model._meta.db_table
    return [
        f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{table}_update;",
        f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{table}_delete;",
    ]


def install(connection: BaseDatabaseWrapper, models_: Iterable[type[models.Model]]) -> None:
    """(Re)create the triggers on these tables; safe to run again (after every migrate)."""
    statements: list[str] = []
    if connection.vendor == "postgresql":
        statements.append(POSTGRESQL_FUNCTION)
        for model in models_:
            statements += _postgresql(model)
    elif connection.vendor == "sqlite":
        for model in models_:
            statements += _sqlite(model)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _removal(connection: BaseDatabaseWrapper, model: type[models.Model]) -> list[str]:
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        return [
            f'DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}rows ON "{table}";',
            f'DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}truncate ON "{table}";',
        ]
    return _remove_sqlite(model) if connection.vendor == "sqlite" else []


def remove(connection: BaseDatabaseWrapper, models_: Iterable[type[models.Model]]) -> None:
    """Drop the triggers (reversing the migration)."""
    with connection.cursor() as cursor:
        for model in models_:
            for statement in _removal(connection, model):
                cursor.execute(statement)


def install_after_migrate(using: str = "default", **kwargs) -> None:
    """post_migrate: keep the SQLite triggers' column lists current (PostgreSQL's compare whole
    rows, but re-running is harmless)."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    install(connection, [m for m in audit_models() if m._meta.db_table in tables])


@contextmanager
def lifted(using: str = "default") -> Iterator[None]:
    """Turn the audit triggers off inside one transaction, for the table owner's deliberate
    maintenance (flushing a test database, resetting the demo). On PostgreSQL only the owner or a
    superuser may: the application's role gets "must be owner of table". Other sessions wait
    for the transaction (ALTER TABLE locks the table), so nobody else slips a rewrite through."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    present = [m for m in audit_models() if m._meta.db_table in tables]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            _alter_triggers(connection, present, "DISABLE")
        elif connection.vendor == "sqlite":
            remove(connection, present)
        yield
        if connection.vendor == "postgresql":
            _alter_triggers(connection, present, "ENABLE")
        else:
            install(connection, present)


def _alter_triggers(connection: BaseDatabaseWrapper, present: list, action: str) -> None:
    with connection.cursor() as cursor:
        # ALTER TABLE refuses while deferred foreign-key checks are pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE;")
        for model in present:
            cursor.execute(f'ALTER TABLE "{model._meta.db_table}" {action} TRIGGER USER;')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED;")
