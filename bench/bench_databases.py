"""The benches' throwaway PostgreSQL databases: made, reused or dropped by URL. Each bench
script runs from this folder (`.venv/bin/python bench/<script>.py`), so it imports this module
as `bench_databases`."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def _server_and_name(url: str) -> tuple[str, str]:
    """The same server's maintenance database, and the name of the database `url` names."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def ensure_database(url: str) -> None:
    """Create the database named in `url` if the server does not have it yet (a second run
    reuses what the first loaded)."""
    import psycopg

    server, name = _server_and_name(url)
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}")


def drop_database(url: str) -> None:
    import psycopg

    server, name = _server_and_name(url)
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fresh_database(url: str) -> None:
    """An empty database named in `url`, dropping whatever had that name."""
    import psycopg

    drop_database(url)
    server, name = _server_and_name(url)
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
