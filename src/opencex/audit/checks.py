"""`opencex check --deploy --database default`: the service must not connect as a role that could
lift the audit triggers (the tables' owner, or a superuser). docs/deploy.md, "The database roles".

A database check, so it runs only when asked for a database (Django runs no query otherwise), and
a deploy check, so `migrate` (run by the owner, on purpose) does not warn."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import connections

from opencex.audit.protection import audit_models


@checks.register(checks.Tags.database, deploy=True)
def check_the_application_cannot_rewrite_the_audit(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    warnings: list[checks.CheckMessage] = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue  # SQLite has no roles: its triggers catch the application's own mistakes
        tables = [model._meta.db_table for model in audit_models()]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),"
                " array(SELECT tablename::text FROM pg_tables"
                "       WHERE tableowner = current_user AND tablename = ANY(%s) ORDER BY 1)",
                [tables],
            )
            role, is_superuser, owned = cursor.fetchone()
        if is_superuser or owned:
            why = "is a superuser" if is_superuser else f"owns {', '.join(owned)}"
            warnings.append(
                checks.Warning(
                    f"The database role {role!r} ({alias}) {why}, so the service could lift the "
                    "triggers that keep the audit trail from being rewritten.",
                    hint="Connect the service as an application role that owns no table: "
                    "`opencex grant_app_role <role>` run by the owner (docs/deploy.md).",
                    id="audit.W001",
                )
            )
    return warnings
