"""A backup restores: the drill backs up, restores into a fresh database (a throwaway PostgreSQL
database, or a temporary SQLite file) and compares every table's rows; and a restored copy's audit
chain still verifies."""

from __future__ import annotations

from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from opencex.audit import sealing
from opencex.backups.dumps import BackupError, Drill, restore
from tests.audit.records import sensitive_read, timeline

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_drill_restores_every_row_of_every_table():
    timeline(4)
    sensitive_read()
    sealing.seal_new_records()
    out = StringIO()
    call_command("backup_drill", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.split()[:3] == ["cases_caseevent", "4", "4"] for line in lines)
    assert any(line.split()[:3] == ["audit_auditseal", "5", "5"] for line in lines)
    assert "every count matches" in lines[-1]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s", ["%_drill_%"])
            assert cursor.fetchone()[0] == 0  # the throwaway database was dropped


def test_a_difference_in_any_table_is_one():
    drill = Drill(original={"a": 1, "b": 2}, restored={"a": 1, "b": 3, "c": 0})
    assert drill.differences == ["b", "c"]


def test_a_restore_into_a_database_that_is_not_empty_is_refused(tmp_path):
    timeline(1)
    path = tmp_path / "backup"
    call_command("backup", str(path), stdout=StringIO())
    with pytest.raises(BackupError, match="not empty"):
        restore(path)
    with pytest.raises(CommandError, match="no backup"):
        call_command("restore", str(tmp_path / "missing"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the backup file with sqlite3")
def test_a_sqlite_backup_holds_every_audit_row_and_seal(tmp_path, settings):
    import sqlite3

    events = timeline(3)
    sealing.seal_new_records()
    path = tmp_path / "backup.sqlite3"
    call_command("backup", str(path), stdout=StringIO())
    with sqlite3.connect(path) as copy:
        assert copy.execute("SELECT count(*) FROM cases_caseevent").fetchone()[0] == 3
        assert copy.execute("SELECT count(*) FROM audit_auditseal").fetchone()[0] == 3
        body = copy.execute("SELECT body FROM cases_caseevent WHERE id = ?", [events[0].pk])
        assert body.fetchone()[0] == events[0].body
    copy.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_restore is PostgreSQL's")
def test_a_postgresql_backup_restores_into_a_fresh_database_with_its_triggers(tmp_path):
    timeline(2)
    path = tmp_path / "backup.dump"
    call_command("backup", str(path), stdout=StringIO())
    settings = connection.settings_dict
    fresh = f"{settings['NAME']}_restore_test"
    server = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    with psycopg.connect(dbname=settings["NAME"], autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        from opencex.backups.dumps import restore_postgresql

        restore_postgresql(path, settings, fresh)
        with psycopg.connect(dbname=fresh, autocommit=True, **server) as copy:
            assert copy.execute("SELECT count(*) FROM cases_caseevent").fetchone()[0] == 2
            with pytest.raises(psycopg.Error, match="audit trail"):
                copy.execute("DELETE FROM cases_caseevent")
    finally:
        with psycopg.connect(dbname=settings["NAME"], autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


@pytest.mark.skipif(connection.vendor != "sqlite", reason="restores into a new SQLite file")
def test_an_operator_backs_up_restores_into_a_new_database_and_the_audit_verifies(tmp_path):
    """The operator's journey, as commands in their own processes: `backup`, `restore` into a
    new empty database, `verify_audit` there; and a file that is not a backup is refused in
    words, not a traceback."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    timeline(3)
    sensitive_read()
    sealing.seal_new_records()
    path = tmp_path / "backup.sqlite3"
    call_command("backup", str(path), stdout=StringIO())

    source = Path(__file__).resolve().parents[2] / "src"
    environment = {
        **os.environ,
        "PYTHONPATH": str(source),
        "DJANGO_SETTINGS_MODULE": "opencex.settings",
        "OPENCEX_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'restored.sqlite3'}",
    }

    def opencex(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "opencex", *arguments],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    restored = opencex("restore", str(path))
    assert restored.returncode == 0, restored.stderr
    verified = opencex("verify_audit")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "4 seals and 4 audit rows checked; 0 not sealed yet" in verified.stdout
    assert "The audit trail is intact." in verified.stdout

    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("This is not a database. " * 100)
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    refused = opencex("restore", str(not_a_backup))
    assert refused.returncode != 0
    assert "is not a SQLite backup OpenCEX can restore" in refused.stderr
    assert "Traceback" not in refused.stderr
