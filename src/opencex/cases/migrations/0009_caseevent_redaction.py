"""A timeline event may be redacted, once, and changed in no other way.

The audit contract of issue 11: the one change allowed to an event after it is written sets
`redacted_at` from empty to a time, empties `body` and `data` and sets `summary` to the fixed
text, every other column unchanged (the retention schedule and erasure on request). The database
trigger that refused every UPDATE now lets exactly that through. (A minimal version for the
retention branch: the audit helper's triggers, which also refuse DELETE and TRUNCATE, replace it.)
"""

from django.db import migrations, models

SUMMARY = "Removed under the retention schedule"

SQLITE = [
    "DROP TRIGGER IF EXISTS cases_caseevent_append_only;",
    f"""CREATE TRIGGER cases_caseevent_append_only BEFORE UPDATE ON cases_caseevent
       WHEN NOT (
         OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
         AND NEW.body = '' AND NEW.data = '{{}}' AND NEW.summary = '{SUMMARY}'
         AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind
         AND NEW.at = OLD.at AND NEW.actor_id IS OLD.actor_id
         AND NEW.is_visible_to_resident = OLD.is_visible_to_resident
       )
       BEGIN SELECT RAISE(ABORT, 'the case timeline is append-only'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS cases_caseevent_append_only;",
    """CREATE TRIGGER cases_caseevent_append_only BEFORE UPDATE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'the case timeline is append-only'); END;""",
]
POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION cases_caseevent_refuse_update() RETURNS trigger AS $$
       BEGIN
         IF OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
            AND NEW.body = '' AND NEW.data = '{{}}'::jsonb AND NEW.summary = '{SUMMARY}'
            AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind
            AND NEW.at = OLD.at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
            AND NEW.is_visible_to_resident = OLD.is_visible_to_resident THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'the case timeline is append-only';
       END;
       $$ LANGUAGE plpgsql;""",
]
POSTGRESQL_REVERSE = [
    """CREATE OR REPLACE FUNCTION cases_caseevent_refuse_update() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the case timeline is append-only'; END;
       $$ LANGUAGE plpgsql;""",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_attachment_opened_event")]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="redacted_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When its words were removed under the retention schedule.",
                null=True,
            ),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
