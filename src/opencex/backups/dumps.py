"""Backups of the whole database and the drill that proves one restores: pg_dump / pg_restore
(custom format) on PostgreSQL, SQLite's online backup API on SQLite.

A restore goes into an empty database, as the tables' owner (PostgreSQL: objects are owned by
whoever restores, and grants are not restored: run `opencex grant_app_role` afterwards)."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from django.db import connections, transaction


class BackupError(Exception):
    """A backup, restore or drill could not be done, with a sentence saying why."""


def _pg_env(settings: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")]:
        if settings.get(key):
            env[variable] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (the PostgreSQL client tools).")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def backup(path: Path, *, using: str = "default", snapshot: str | None = None) -> None:
    """Write a consistent copy of the whole database to `path` while the service runs."""
    connection = connections[using]
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        command = ["pg_dump", "--format=custom", f"--file={path}", f"--dbname={settings['NAME']}"]
        if snapshot:
            command.append(f"--snapshot={snapshot}")
        _run(command, _pg_env(settings))
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            with sqlite3.connect(path) as copy:
                connection.connection.backup(copy)
            copy.close()
        except sqlite3.Error as error:
            raise BackupError(f"Could not write a backup to {path}: {error}.") from error
    else:
        raise BackupError(f"No backup for a {connection.vendor} database.")


def _is_empty_postgresql(settings: dict[str, Any], name: str) -> bool:
    with psycopg.connect(**_pg_connect_args(settings, name)) as target:
        found = target.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchone()
    return not found or found[0] == 0


def restore(path: Path, *, using: str = "default") -> None:
    """Restore `path` into the configured database, which must be empty."""
    connection = connections[using]
    settings = connection.settings_dict
    if not Path(path).exists():
        raise BackupError(f"There is no backup at {path}.")
    if connection.vendor == "postgresql":
        restore_postgresql(path, settings, settings["NAME"])
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        if connection.introspection.table_names():
            raise BackupError("The database is not empty: restore into a new, empty database.")
        try:
            with sqlite3.connect(path) as source:
                source.backup(connection.connection)
            source.close()
        except sqlite3.Error as error:
            raise BackupError(
                f"{path} is not a SQLite backup OpenCEX can restore: {error}."
            ) from error
    else:
        raise BackupError(f"No restore for a {connection.vendor} database.")


def restore_postgresql(path: Path, settings: dict[str, Any], name: str) -> None:
    if not _is_empty_postgresql(settings, name):
        raise BackupError(
            f"The database {name} is not empty: restore into a new, empty database "
            "(createdb, then point DATABASE_URL at it)."
        )
    command = [
        "pg_restore",
        "--no-owner",  # owned by whoever restores: the migration role
        "--no-acl",  # grants come from `opencex grant_app_role`
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={name}",
        str(path),
    ]
    _run(command, _pg_env(settings))


def _pg_connect_args(settings: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "dbname": name,
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
        "autocommit": True,
    }


def _counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


@dataclass
class Drill:
    """Rows per table in the database at the moment of the backup, and in its restored copy."""

    original: dict[str, int] = field(default_factory=dict)
    restored: dict[str, int] = field(default_factory=dict)
    backup_bytes: int = 0

    @property
    def tables(self) -> list[str]:
        return sorted(set(self.original) | set(self.restored))

    @property
    def differences(self) -> list[str]:
        return [t for t in self.tables if self.original.get(t) != self.restored.get(t)]


@contextmanager
def _scratch_file(suffix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="opencex-drill-") as folder:
        yield Path(folder) / f"backup{suffix}"


def drill(*, using: str = "default") -> Drill:
    """Back up, restore into a fresh database, count every table's rows in both; the fresh
    database is removed afterwards."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        return _drill_postgresql(using)
    if connection.vendor == "sqlite":
        return _drill_sqlite(using)
    raise BackupError(f"No drill for a {connection.vendor} database.")


def _drill_postgresql(using: str) -> Drill:
    connection = connections[using]
    settings = connection.settings_dict
    result = Drill()
    fresh = f"{settings['NAME']}_drill_{secrets.token_hex(4)}"[:63]
    with _scratch_file(".dump") as path:
        # Count and dump the same snapshot, so that a live service's writes cannot differ.
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            result.original = _counts(cursor, connection.introspection.table_names(cursor))
            backup(path, using=using, snapshot=snapshot)
        result.backup_bytes = path.stat().st_size
        server = _pg_connect_args(settings, settings["NAME"])
        with psycopg.connect(**server) as admin:
            admin.execute(f'CREATE DATABASE "{fresh}"')
        try:
            restore_postgresql(path, settings, fresh)
            with psycopg.connect(**_pg_connect_args(settings, fresh)) as copy:
                tables = [
                    row[0]
                    for row in copy.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    )
                ]
                result.restored = _counts(copy.cursor(), tables)
        finally:
            with psycopg.connect(**server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
    return result


def _drill_sqlite(using: str) -> Drill:
    connection = connections[using]
    result = Drill()
    with _scratch_file(".sqlite3") as path:
        # SQLite's backup cannot run inside this connection's own transaction, so the counts
        # are taken just before it: run the drill on a quiet database (the PostgreSQL drill
        # counts the very snapshot it dumps).
        with connection.cursor() as cursor:
            tables = [
                t
                for t in connection.introspection.table_names(cursor)
                if not t.startswith("sqlite_")
            ]
            result.original = _counts(cursor, tables)
        backup(path, using=using)
        result.backup_bytes = path.stat().st_size
        fresh = path.with_name("restored.sqlite3")
        with sqlite3.connect(path) as source, sqlite3.connect(fresh) as copy:
            source.backup(copy)
            tables = [
                row[0]
                for row in copy.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            result.restored = _counts(copy.cursor(), tables)
        source.close()
        copy.close()
    return result
