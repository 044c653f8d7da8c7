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


# Repeat contact's marks and the hourly rollups (migration 0007). Kept apart from `install` and
# `recount` above, which the earlier migrations run before these tables exist.

HOURLY_CASE_COLUMNS = ("received_on", "received_at", "channel", "service_id", "team_id")
HOURLY_CONTACT_COLUMNS = ("at", "channel", "outcome", "service_id")
REPEAT_CASE_COLUMNS = ("resident_id", "service_id", "received_at", "received_on")
REPEAT_CONTACT_COLUMNS = ("resident_id", "service_id", "at", "outcome")


def install_repeats_and_hours(zone: str, repeat_window_hours: int) -> list[str]:
    """Statements that create (or replace) the hourly rollups' and repeat contact's functions
    and triggers. `repeat_window_hours` is the look-back in hours (exact, whatever the session's
    time zone: an interval in days would follow the clock changes)."""
    window = f"interval '{int(repeat_window_hours)} hours'"
    return [
        f"""
CREATE OR REPLACE FUNCTION insight_count_case_hour(c cases_case, d integer) RETURNS void AS $$
DECLARE local timestamp := c.received_at AT TIME ZONE '{zone}';
BEGIN
  INSERT INTO insight_casesreceivedhour (day, weekday, hour, channel, service_id, team_id, cases)
  VALUES (c.received_on, EXTRACT(ISODOW FROM local)::integer, EXTRACT(HOUR FROM local)::integer,
          c.channel, COALESCE(c.service_id, 0), COALESCE(c.team_id, 0), d)
  ON CONFLICT (day, weekday, hour, channel, service_id, team_id)
  DO UPDATE SET cases = insight_casesreceivedhour.cases + EXCLUDED.cases;
END $$ LANGUAGE plpgsql""",
        f"""
CREATE OR REPLACE FUNCTION insight_count_contact_hour(c contacts_contact, d integer)
RETURNS void AS $$
DECLARE local timestamp := c.at AT TIME ZONE '{zone}';
BEGIN
  IF c.outcome <> 'case_opened' THEN
    INSERT INTO insight_contactshour (day, weekday, hour, channel, service_id, contacts)
    VALUES (local::date, EXTRACT(ISODOW FROM local)::integer, EXTRACT(HOUR FROM local)::integer,
            c.channel, COALESCE(c.service_id, 0), d)
    ON CONFLICT (day, weekday, hour, channel, service_id)
    DO UPDATE SET contacts = insight_contactshour.contacts + EXCLUDED.contacts;
  END IF;
END $$ LANGUAGE plpgsql""",
        # As above, an update writes its old and new groups in the order of their keys.
        f"""
CREATE OR REPLACE FUNCTION insight_case_hours() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM insight_count_case_hour(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM insight_count_case_hour(OLD, -1);
  ELSIF ROW(OLD.received_on, (OLD.received_at AT TIME ZONE '{zone}'), OLD.channel,
            COALESCE(OLD.service_id, 0), COALESCE(OLD.team_id, 0))
        <= ROW(NEW.received_on, (NEW.received_at AT TIME ZONE '{zone}'), NEW.channel,
               COALESCE(NEW.service_id, 0), COALESCE(NEW.team_id, 0)) THEN
    PERFORM insight_count_case_hour(OLD, -1);
    PERFORM insight_count_case_hour(NEW, 1);
  ELSE
    PERFORM insight_count_case_hour(NEW, 1);
    PERFORM insight_count_case_hour(OLD, -1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        f"""
CREATE OR REPLACE FUNCTION insight_contact_hours() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM insight_count_contact_hour(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM insight_count_contact_hour(OLD, -1);
  ELSIF ROW((OLD.at AT TIME ZONE '{zone}'), OLD.channel, COALESCE(OLD.service_id, 0))
        <= ROW((NEW.at AT TIME ZONE '{zone}'), NEW.channel, COALESCE(NEW.service_id, 0)) THEN
    PERFORM insight_count_contact_hour(OLD, -1);
    PERFORM insight_count_contact_hour(NEW, 1);
  ELSE
    PERFORM insight_count_contact_hour(NEW, 1);
    PERFORM insight_count_contact_hour(OLD, -1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        # Repeat contact. A mark's day rollup follows its mark (a trigger on the marks).
        """
CREATE OR REPLACE FUNCTION insight_count_repeat(m insight_repeatmark, d integer)
RETURNS void AS $$
BEGIN
  INSERT INTO insight_repeatday (day, service_id, counted, repeats)
  VALUES (m.day, m.service_id, d, CASE WHEN m.repeat THEN d ELSE 0 END)
  ON CONFLICT (day, service_id) DO UPDATE SET
    counted = insight_repeatday.counted + EXCLUDED.counted,
    repeats = insight_repeatday.repeats + EXCLUDED.repeats;
END $$ LANGUAGE plpgsql""",
        """
CREATE OR REPLACE FUNCTION insight_repeat_days() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM insight_count_repeat(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM insight_count_repeat(OLD, -1);
  ELSIF ROW(OLD.day, OLD.service_id) <= ROW(NEW.day, NEW.service_id) THEN
    PERFORM insight_count_repeat(OLD, -1);
    PERFORM insight_count_repeat(NEW, 1);
  ELSE
    PERFORM insight_count_repeat(NEW, 1);
    PERFORM insight_count_repeat(OLD, -1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        # One writer at a time per resident and service, so that two marks written at once
        # each see the other (read committed: every statement of these functions sees what was
        # committed before it). Two pairs are locked in the order of their keys.
        """
CREATE OR REPLACE FUNCTION insight_lock_repeats(r1 bigint, s1 bigint, r2 bigint, s2 bigint)
RETURNS void AS $$
BEGIN
  IF r1 IS NOT NULL AND s1 IS NOT NULL AND (r2 IS NULL OR s2 IS NULL OR ROW(r1, s1) <= ROW(r2, s2))
  THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('insight_repeat/' || r1 || '/' || s1, 0));
  END IF;
  IF r2 IS NOT NULL AND s2 IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('insight_repeat/' || r2 || '/' || s2, 0));
  END IF;
  IF r1 IS NOT NULL AND s1 IS NOT NULL AND r2 IS NOT NULL AND s2 IS NOT NULL
     AND ROW(r1, s1) > ROW(r2, s2) THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('insight_repeat/' || r1 || '/' || s1, 0));
  END IF;
END $$ LANGUAGE plpgsql""",
        f"""
CREATE OR REPLACE FUNCTION insight_rejudge_repeats(r bigint, s bigint, after timestamptz)
RETURNS void AS $$
BEGIN
  UPDATE insight_repeatmark AS m SET repeat = judged.repeat
  FROM (
    SELECT later.id, EXISTS (
      SELECT 1 FROM insight_repeatmark AS e
      WHERE e.resident_id = r AND e.service_id = s
        AND e.at < later.at AND e.at >= later.at - {window}) AS repeat
    FROM insight_repeatmark AS later
    WHERE later.resident_id = r AND later.service_id = s
      AND later.at > after AND later.at <= after + {window}
  ) AS judged
  WHERE m.id = judged.id AND m.repeat IS DISTINCT FROM judged.repeat;
END $$ LANGUAGE plpgsql""",
        f"""
CREATE OR REPLACE FUNCTION insight_mark_repeat(
  p_source varchar, p_source_id bigint, p_resident bigint, p_service bigint,
  p_at timestamptz, p_day date) RETURNS void AS $$
BEGIN
  IF p_resident IS NULL OR p_service IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO insight_repeatmark (source, source_id, resident_id, service_id, at, day, repeat)
  VALUES (p_source, p_source_id, p_resident, p_service, p_at, p_day, EXISTS (
    SELECT 1 FROM insight_repeatmark AS e
    WHERE e.resident_id = p_resident AND e.service_id = p_service
      AND e.at < p_at AND e.at >= p_at - {window}));
  PERFORM insight_rejudge_repeats(p_resident, p_service, p_at);
END $$ LANGUAGE plpgsql""",
        """
CREATE OR REPLACE FUNCTION insight_unmark_repeat(p_source varchar, p_source_id bigint)
RETURNS void AS $$
DECLARE gone insight_repeatmark;
BEGIN
  DELETE FROM insight_repeatmark WHERE source = p_source AND source_id = p_source_id
  RETURNING * INTO gone;
  IF FOUND THEN
    PERFORM insight_rejudge_repeats(gone.resident_id, gone.service_id, gone.at);
  END IF;
END $$ LANGUAGE plpgsql""",
        """
CREATE OR REPLACE FUNCTION insight_case_repeats() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM insight_lock_repeats(NEW.resident_id, NEW.service_id, NULL, NULL);
    PERFORM insight_mark_repeat('c', NEW.id, NEW.resident_id, NEW.service_id,
                                NEW.received_at, NEW.received_on);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM insight_lock_repeats(OLD.resident_id, OLD.service_id, NULL, NULL);
    PERFORM insight_unmark_repeat('c', OLD.id);
  ELSE
    PERFORM insight_lock_repeats(OLD.resident_id, OLD.service_id,
                                 NEW.resident_id, NEW.service_id);
    PERFORM insight_unmark_repeat('c', OLD.id);
    PERFORM insight_mark_repeat('c', NEW.id, NEW.resident_id, NEW.service_id,
                                NEW.received_at, NEW.received_on);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        # A contact that opened a case is counted as its case: it is no mark of its own.
        f"""
CREATE OR REPLACE FUNCTION insight_contact_repeats() RETURNS trigger AS $$
DECLARE
  old_resident bigint;
  new_resident bigint;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.outcome <> 'case_opened' THEN
    old_resident := OLD.resident_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.outcome <> 'case_opened' THEN
    new_resident := NEW.resident_id;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM insight_lock_repeats(new_resident, NEW.service_id, NULL, NULL);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM insight_lock_repeats(old_resident, OLD.service_id, NULL, NULL);
  ELSE
    PERFORM insight_lock_repeats(old_resident, OLD.service_id, new_resident, NEW.service_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM insight_unmark_repeat('k', OLD.id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM insight_mark_repeat('k', NEW.id, new_resident, NEW.service_id, NEW.at,
                                (NEW.at AT TIME ZONE '{zone}')::date);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        *_triggers("cases_case", "insight_case_hours", HOURLY_CASE_COLUMNS),
        *_triggers("contacts_contact", "insight_contact_hours", HOURLY_CONTACT_COLUMNS),
        *_triggers("cases_case", "insight_case_repeats", REPEAT_CASE_COLUMNS),
        *_triggers("contacts_contact", "insight_contact_repeats", REPEAT_CONTACT_COLUMNS),
        *_triggers("insight_repeatmark", "insight_repeat_days", ("day", "service_id", "repeat")),
    ]


def uninstall_repeats_and_hours() -> list[str]:
    triggers = [
        ("cases_case", "insight_case_hours"),
        ("contacts_contact", "insight_contact_hours"),
        ("cases_case", "insight_case_repeats"),
        ("contacts_contact", "insight_contact_repeats"),
        ("insight_repeatmark", "insight_repeat_days"),
    ]
    return [
        *(
            f"DROP TRIGGER IF EXISTS {f}_{w} ON {t}"
            for t, f in triggers
            for w in ("write", "update")
        ),
        *(f"DROP FUNCTION IF EXISTS {f}()" for _, f in triggers),
        "DROP FUNCTION IF EXISTS insight_count_case_hour(cases_case, integer)",
        "DROP FUNCTION IF EXISTS insight_count_contact_hour(contacts_contact, integer)",
        "DROP FUNCTION IF EXISTS insight_count_repeat(insight_repeatmark, integer)",
        "DROP FUNCTION IF EXISTS insight_lock_repeats(bigint, bigint, bigint, bigint)",
        "DROP FUNCTION IF EXISTS insight_rejudge_repeats(bigint, bigint, timestamptz)",
        "DROP FUNCTION IF EXISTS insight_mark_repeat(varchar, bigint, bigint, bigint, "
        "timestamptz, date)",
        "DROP FUNCTION IF EXISTS insight_unmark_repeat(varchar, bigint)",
    ]


def recount_repeats_and_hours(zone: str, repeat_window_hours: int) -> list[str]:
    """Statements that empty the hourly rollups and repeat contact's marks and count them again
    from every row: the marks with one window over each resident's and service's rows (the
    frame ends a microsecond before the row, so rows at the same moment are no repeat of each
    other, as in the look-back)."""
    window = f"interval '{int(repeat_window_hours)} hours'"
    return [
        "TRUNCATE insight_casesreceivedhour, insight_contactshour, insight_repeatmark, "
        "insight_repeatday",
        f"""
INSERT INTO insight_casesreceivedhour (day, weekday, hour, channel, service_id, team_id, cases)
SELECT received_on, EXTRACT(ISODOW FROM local)::integer, EXTRACT(HOUR FROM local)::integer,
       channel, COALESCE(service_id, 0), COALESCE(team_id, 0), COUNT(*)
FROM (SELECT *, received_at AT TIME ZONE '{zone}' AS local FROM cases_case) AS c
GROUP BY 1, 2, 3, 4, 5, 6""",
        f"""
INSERT INTO insight_contactshour (day, weekday, hour, channel, service_id, contacts)
SELECT local::date, EXTRACT(ISODOW FROM local)::integer, EXTRACT(HOUR FROM local)::integer,
       channel, COALESCE(service_id, 0), COUNT(*)
FROM (SELECT *, at AT TIME ZONE '{zone}' AS local FROM contacts_contact
      WHERE outcome <> 'case_opened') AS c
GROUP BY 1, 2, 3, 4, 5""",
        # The marks' trigger would count each into its day: off for the load, then one count.
        "ALTER TABLE insight_repeatmark DISABLE TRIGGER USER",
        f"""
INSERT INTO insight_repeatmark (source, source_id, resident_id, service_id, at, day, repeat)
SELECT source, source_id, resident_id, service_id, at, day,
       COUNT(*) OVER (PARTITION BY resident_id, service_id ORDER BY at
                      RANGE BETWEEN {window} PRECEDING AND interval '1 microsecond' PRECEDING) > 0
FROM (
  SELECT 'c' AS source, id AS source_id, resident_id, service_id, received_at AS at,
         received_on AS day
  FROM cases_case WHERE resident_id IS NOT NULL AND service_id IS NOT NULL
  UNION ALL
  SELECT 'k', id, resident_id, service_id, at, (at AT TIME ZONE '{zone}')::date
  FROM contacts_contact
  WHERE resident_id IS NOT NULL AND service_id IS NOT NULL AND outcome <> 'case_opened'
) AS marks""",
        "ALTER TABLE insight_repeatmark ENABLE TRIGGER USER",
        """
INSERT INTO insight_repeatday (day, service_id, counted, repeats)
SELECT day, service_id, COUNT(*), COUNT(*) FILTER (WHERE repeat)
FROM insight_repeatmark GROUP BY 1, 2""",
        "ANALYZE insight_casesreceivedhour",
        "ANALYZE insight_contactshour",
        "ANALYZE insight_repeatmark",
        "ANALYZE insight_repeatday",
    ]
