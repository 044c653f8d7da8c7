"""The application's database role: what it may do, granted by the tables' owner.

The migration role owns every table; the application connects as another role, which therefore
cannot `ALTER TABLE ... DISABLE TRIGGER`, drop or truncate anything. It may read and write the
ordinary tables, and only read and add to the audit tables (plus the columns the retention
redaction sets, which the triggers check again)."""

from __future__ import annotations

from django.db import connection
from psycopg import sql

from opencex.audit.protection import audit_models


class RoleError(Exception):
    """The role cannot be granted, with a sentence saying why."""


def _refuse_unsafe_role(cursor, role: str, schema: str) -> None:
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
    found = cursor.fetchone()
    if found is None:
        raise RoleError(f"There is no database role '{role}': create it first (CREATE ROLE).")
    if found[0]:
        raise RoleError(f"'{role}' is a superuser, which may turn the audit triggers off.")
    cursor.execute("SELECT current_user")
    if cursor.fetchone()[0] == role:
        raise RoleError(
            f"'{role}' is the role running this command, the tables' owner: the application "
            "needs a role of its own that does not own them."
        )
    cursor.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = %s AND tableowner = %s", [schema, role]
    )
    if cursor.fetchone()[0]:
        raise RoleError(f"'{role}' owns tables in '{schema}', so it could turn the triggers off.")


def grant_app_role(role: str) -> list[str]:
    """Grant `role` exactly what the application needs; returns the statements run. Run it as
    the owner after every migrate (it is idempotent): new tables get the ordinary grants by
    default privileges, but a new audit table needs its refusals."""
    if connection.vendor != "postgresql":
        raise RoleError("Database roles exist only on PostgreSQL; SQLite has no roles.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
        _refuse_unsafe_role(cursor, role, schema)
        who, where = sql.Identifier(role), sql.Identifier(schema)
        statements = [
            sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(where, who),
            sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(where, who),
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(where, who),
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(
                where, who
            ),
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(where, who),
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA {} "
                "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
            ).format(where, who),
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT USAGE, SELECT ON SEQUENCES TO {}"
            ).format(where, who),
            # Which migrations ran is the owner's business.
            sql.SQL("REVOKE INSERT, UPDATE, DELETE ON {} FROM {}").format(
                sql.Identifier("django_migrations"), who
            ),
        ]
        for model in audit_models():
            table = sql.Identifier(model._meta.db_table)
            statements.append(
                sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(table, who)
            )
            redaction = getattr(model, "REDACTION", {})
            if redaction:
                columns = sql.SQL(", ").join(
                    sql.Identifier(c) for c in ["redacted_at", *sorted(redaction)]
                )
                statements.append(
                    sql.SQL("GRANT UPDATE ({}) ON {} TO {}").format(columns, table, who)
                )
        for statement in statements:
            cursor.execute(statement)
        return [statement.as_string(cursor.connection) for statement in statements]
