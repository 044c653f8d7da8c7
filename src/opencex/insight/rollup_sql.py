# ruff: noqa: S608 (built from our own table names and the configured time zone)
"""The SQL that keeps the daily rollups (`insight.models`) equal to the rows they count, on
PostgreSQL: a trigger function per counted table, and the full recount. Migration 0002 installs
the triggers from here; a change to them needs a new migration that installs them again."""

from __future__ import annotations

# Which columns of a case or a contact a rollup depends on: an update of anything else leaves
# the rollups alone (the trigger's WHEN clause), so the usual status-only edits stay cheap.
CASE_COLUMNS = (
    "received_on", "kind", "stage", "channel", "service_id", "team_id",
    "status", "responded_on", "closed_at", "due_on",
)  # fmt: skip
CONTACT_COLUMNS = ("at", "channel", "outcome", "service_id")


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)


def install(zone: str) -> list[str]:
    """Statements that create (or replace) the functions and triggers; `zone` is the council's
    time zone, whose dates the figures count in."""
    return [
        f"""
CREATE OR REPLACE FUNCTION insight_count_case(c cases_case, d integer) RETURNS void AS $$
DECLARE finished date;
BEGIN
  INSERT INTO insight_casesreceivedday (day, kind, stage, channel, service_id, team_id, cases)
  VALUES (c.received_on, c.kind, COALESCE(c.stage, 0), c.channel, COALESCE(c.service_id, 0),
          COALESCE(c.team_id, 0), d)
  ON CONFLICT (day, kind, stage, channel, service_id, team_id)
  DO UPDATE SET cases = insight_casesreceivedday.cases + EXCLUDED.cases;
  IF c.status <> 'withdrawn' THEN
    finished := COALESCE(c.responded_on, (c.closed_at AT TIME ZONE '{zone}')::date);
    IF finished IS NOT NULL THEN
      INSERT INTO insight_casesfinishedday (day, kind, stage, cases, without_due_date, in_time)
      VALUES (finished, c.kind, COALESCE(c.stage, 0), d,
              CASE WHEN c.due_on IS NULL THEN d ELSE 0 END,
              CASE WHEN finished <= c.due_on THEN d ELSE 0 END)
      ON CONFLICT (day, kind, stage) DO UPDATE SET
        cases = insight_casesfinishedday.cases + EXCLUDED.cases,
        without_due_date = insight_casesfinishedday.without_due_date + EXCLUDED.without_due_date,
        in_time = insight_casesfinishedday.in_time + EXCLUDED.in_time;
    END IF;
  END IF;
END $$ LANGUAGE plpgsql""",
        f"""
CREATE OR REPLACE FUNCTION insight_count_contact(c contacts_contact, d integer) RETURNS void AS $$
BEGIN
  INSERT INTO insight_contactsday (day, channel, outcome, service_id, contacts)
  VALUES ((c.at AT TIME ZONE '{zone}')::date, c.channel, c.outcome, COALESCE(c.service_id, 0), d)
  ON CONFLICT (day, channel, outcome, service_id)
  DO UPDATE SET contacts = insight_contactsday.contacts + EXCLUDED.contacts;
END $$ LANGUAGE plpgsql""",
        """
CREATE OR REPLACE FUNCTION insight_case_rollups() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM insight_count_case(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM insight_count_case(NEW, 1); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        """
CREATE OR REPLACE FUNCTION insight_contact_rollups() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM insight_count_contact(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM insight_count_contact(NEW, 1); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        *_triggers("cases_case", "insight_case_rollups", CASE_COLUMNS),
        *_triggers("contacts_contact", "insight_contact_rollups", CONTACT_COLUMNS),
    ]


def _triggers(table: str, function: str, columns: tuple[str, ...]) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {function}_write ON {table}",
        f"DROP TRIGGER IF EXISTS {function}_update ON {table}",
        f"CREATE TRIGGER {function}_write AFTER INSERT OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_update AFTER UPDATE ON {table} FOR EACH ROW "
        f"WHEN ({_changed(columns)}) EXECUTE FUNCTION {function}()",
    ]


def uninstall() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS insight_case_rollups_write ON cases_case",
        "DROP TRIGGER IF EXISTS insight_case_rollups_update ON cases_case",
        "DROP TRIGGER IF EXISTS insight_contact_rollups_write ON contacts_contact",
        "DROP TRIGGER IF EXISTS insight_contact_rollups_update ON contacts_contact",
        "DROP FUNCTION IF EXISTS insight_case_rollups()",
        "DROP FUNCTION IF EXISTS insight_contact_rollups()",
        "DROP FUNCTION IF EXISTS insight_count_case(cases_case, integer)",
        "DROP FUNCTION IF EXISTS insight_count_contact(contacts_contact, integer)",
    ]


def recount(zone: str) -> list[str]:
    """Statements that empty the rollups and count them again from every row."""
    return [
        "TRUNCATE insight_casesreceivedday, insight_casesfinishedday, insight_contactsday",
        """
INSERT INTO insight_casesreceivedday (day, kind, stage, channel, service_id, team_id, cases)
SELECT received_on, kind, COALESCE(stage, 0), channel, COALESCE(service_id, 0),
       COALESCE(team_id, 0), COUNT(*)
FROM cases_case GROUP BY 1, 2, 3, 4, 5, 6""",
        f"""
INSERT INTO insight_casesfinishedday (day, kind, stage, cases, without_due_date, in_time)
SELECT finished, kind, stage, COUNT(*), COUNT(*) FILTER (WHERE due_on IS NULL),
       COUNT(*) FILTER (WHERE finished <= due_on)
FROM (SELECT COALESCE(responded_on, (closed_at AT TIME ZONE '{zone}')::date) AS finished,
             kind, COALESCE(stage, 0) AS stage, due_on
      FROM cases_case WHERE status <> 'withdrawn') AS finished_cases
WHERE finished IS NOT NULL GROUP BY 1, 2, 3""",
        f"""
INSERT INTO insight_contactsday (day, channel, outcome, service_id, contacts)
SELECT (at AT TIME ZONE '{zone}')::date, channel, outcome, COALESCE(service_id, 0), COUNT(*)
FROM contacts_contact GROUP BY 1, 2, 3, 4""",
        "ANALYZE insight_casesreceivedday",
        "ANALYZE insight_casesfinishedday",
        "ANALYZE insight_contactsday",
    ]
