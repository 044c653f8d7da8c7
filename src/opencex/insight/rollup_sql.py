# ruff: noqa: S608 (built from our own table names and the configured time zone)
"""The SQL that keeps the daily rollups (`insight.models`) equal to the rows they count, on
PostgreSQL: a trigger function per counted table, and the full recount. Migration 0002 installs
the triggers from here; a change to them needs a new migration that installs them again (0005
did, to write an update's two groups in a fixed order)."""

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
CREATE OR REPLACE FUNCTION insight_case_finished_on(c cases_case) RETURNS date AS $$
  SELECT CASE WHEN c.status <> 'withdrawn'
              THEN COALESCE(c.responded_on, (c.closed_at AT TIME ZONE '{zone}')::date) END
$$ LANGUAGE sql STABLE""",
        """
CREATE OR REPLACE FUNCTION insight_count_case_received(c cases_case, d integer) RETURNS void AS $$
BEGIN
  INSERT INTO insight_casesreceivedday (day, kind, stage, channel, service_id, team_id, cases)
  VALUES (c.received_on, c.kind, COALESCE(c.stage, 0), c.channel, COALESCE(c.service_id, 0),
          COALESCE(c.team_id, 0), d)
  ON CONFLICT (day, kind, stage, channel, service_id, team_id)
  DO UPDATE SET cases = insight_casesreceivedday.cases + EXCLUDED.cases;
END $$ LANGUAGE plpgsql""",
        """
CREATE OR REPLACE FUNCTION insight_count_case_finished(c cases_case, d integer) RETURNS void AS $$
DECLARE finished date := insight_case_finished_on(c);
BEGIN
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
END $$ LANGUAGE plpgsql""",
        """
CREATE OR REPLACE FUNCTION insight_count_case(c cases_case, d integer) RETURNS void AS $$
BEGIN
  PERFORM insight_count_case_received(c, d);
  PERFORM insight_count_case_finished(c, d);
END $$ LANGUAGE plpgsql""",
        f"""
CREATE OR REPLACE FUNCTION insight_count_contact(c contacts_contact, d integer) RETURNS void AS $$
BEGIN
  INSERT INTO insight_contactsday (day, channel, outcome, service_id, contacts)
  VALUES ((c.at AT TIME ZONE '{zone}')::date, c.channel, c.outcome, COALESCE(c.service_id, 0), d)
  ON CONFLICT (day, channel, outcome, service_id)
  DO UPDATE SET contacts = insight_contactsday.contacts + EXCLUDED.contacts;
END $$ LANGUAGE plpgsql""",
        # An update takes the old group off and puts the new one on. Two updates moving cases
        # opposite ways (X to Y and Y to X) at once would each lock one group and wait for the
        # other's: a deadlock. So the two rows of a rollup are always written in the order of
        # their group (the received rollup first, then the finished one): no lock waits on a
        # lock taken in the other order.
        """
CREATE OR REPLACE FUNCTION insight_case_rollups() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM insight_count_case(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM insight_count_case(OLD, -1);
  ELSE
    IF ROW(OLD.received_on, OLD.kind, COALESCE(OLD.stage, 0), OLD.channel,
           COALESCE(OLD.service_id, 0), COALESCE(OLD.team_id, 0))
       <= ROW(NEW.received_on, NEW.kind, COALESCE(NEW.stage, 0), NEW.channel,
              COALESCE(NEW.service_id, 0), COALESCE(NEW.team_id, 0)) THEN
      PERFORM insight_count_case_received(OLD, -1);
      PERFORM insight_count_case_received(NEW, 1);
    ELSE
      PERFORM insight_count_case_received(NEW, 1);
      PERFORM insight_count_case_received(OLD, -1);
    END IF;
    -- A case not finished has no finished row to lock, so its place in the order is no matter.
    IF ROW(insight_case_finished_on(OLD), OLD.kind, COALESCE(OLD.stage, 0))
       <= ROW(insight_case_finished_on(NEW), NEW.kind, COALESCE(NEW.stage, 0)) THEN
      PERFORM insight_count_case_finished(OLD, -1);
      PERFORM insight_count_case_finished(NEW, 1);
    ELSE
      PERFORM insight_count_case_finished(NEW, 1);
      PERFORM insight_count_case_finished(OLD, -1);
    END IF;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        f"""
CREATE OR REPLACE FUNCTION insight_contact_rollups() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM insight_count_contact(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM insight_count_contact(OLD, -1);
  ELSIF ROW((OLD.at AT TIME ZONE '{zone}')::date, OLD.channel, OLD.outcome,
            COALESCE(OLD.service_id, 0))
        <= ROW((NEW.at AT TIME ZONE '{zone}')::date, NEW.channel, NEW.outcome,
               COALESCE(NEW.service_id, 0)) THEN
    PERFORM insight_count_contact(OLD, -1);
    PERFORM insight_count_contact(NEW, 1);
  ELSE
    PERFORM insight_count_contact(NEW, 1);
    PERFORM insight_count_contact(OLD, -1);
  END IF;
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
        "DROP FUNCTION IF EXISTS insight_count_case_received(cases_case, integer)",
        "DROP FUNCTION IF EXISTS insight_count_case_finished(cases_case, integer)",
        "DROP FUNCTION IF EXISTS insight_case_finished_on(cases_case)",
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
