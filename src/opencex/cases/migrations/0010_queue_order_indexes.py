"""Indexes that hand every staff queue its cases already in queue order, at half a million cases.

PostgreSQL only (SQLite, the development database, is small, so there it does nothing):

- The covering index of open cases (0004) gains `due_at`: the clock status of a case counted in
  hours reads it, so without it every count on the staff home and every clock filter read the
  table itself (18,000 pages for the contact centre's vulnerable-residents count).
- A team's open cases, and an officer's, in queue order (priority, then due date) with the
  columns the filters test: page 1 and page 20 of a team queue or "my work" are read from the
  index in order, stopping after the page, instead of sorting every open case of the team.
- A team's cases of one status in queue order: a page of a team's closed cases (the bulk of the
  table) no longer sorts every one of them.

Built CONCURRENTLY (outside a transaction, hence atomic = False) so that the live case table
keeps taking writes while they build.
"""

from django.db import migrations

OPEN = "('received', 'acknowledged', 'in_progress', 'awaiting_resident')"
SHOWN = "status, team_id, assigned_to_id, kind, resident_id, service_id, channel, due_at"
INDEXES = {
    "cases_case_open_queue_clock": f"(priority DESC, due_on, id) INCLUDE ({SHOWN})"
    f" WHERE status IN {OPEN}",
    "cases_case_open_team_queue": f"(team_id, priority DESC, due_on, id) INCLUDE ({SHOWN})"
    f" WHERE status IN {OPEN}",
    "cases_case_open_officer_queue": f"(assigned_to_id, priority DESC, due_on, id)"
    f" INCLUDE ({SHOWN}) WHERE status IN {OPEN}",
    "cases_case_team_status_queue": "(team_id, status, priority DESC, due_on, id)",
}
REPLACED = {
    "cases_case_open_queue": (
        "(priority DESC, due_on, id)"
        " INCLUDE (status, team_id, assigned_to_id, kind, resident_id, service_id, channel)"
        f" WHERE status IN {OPEN}"
    ),
}


def _build(schema_editor, indexes: dict[str, str], dropped: dict[str, str]) -> None:
    for name, definition in indexes.items():
        # A build that failed half way leaves an invalid index behind: start again.
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name};")
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY {name} ON cases_case {definition};")
    for name in dropped:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name};")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _build(schema_editor, INDEXES, REPLACED)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _build(schema_editor, REPLACED, INDEXES)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("cases", "0009_audit_redaction_and_protect")]

    operations = [migrations.RunPython(create, drop)]
