"""The PostgreSQL server of the tests: ``VERKOSTO_TEST_PG`` names it (``.ci/run`` starts one and
sets it). Without it the PostgreSQL tests are skipped, saying so; with it set but the server out
of reach they fail, so that CI can never pass without running them.

Every test gets a database of its own (copied from a template made once per run), and the roles
it creates carry that database's name, so that they are dropped with it."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

VARIABLE = "VERKOSTO_TEST_PG"
_counter = itertools.count()


def configured_url() -> URL | None:
    """The test server's URL from the environment, None when none is configured."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return None
    return make_url(value).set(drivername="postgresql+psycopg")


@dataclass
class PgServer:
    """The test server, reached as its test role (which may create databases and roles)."""

    url: URL
    made: list[str] = field(default_factory=list)

    def admin(self):  # type: ignore[no-untyped-def]
        return create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=None)

    def url_for(self, database: str, user: str | None = None, password: str | None = None) -> URL:
        url = self.url.set(database=database)
        if user is not None:
            url = url.set(username=user, password=password)
        return url

    def new_name(self) -> str:
        return f"vk_{os.getpid()}_{next(_counter)}"

    def create_database(self, template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``); returns its name."""
        name = self.new_name()
        engine = self.admin()
        try:
            with engine.connect() as connection:
                copy = f' TEMPLATE "{template}"' if template else ""
                connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        finally:
            engine.dispose()
        self.made.append(name)
        return name

    def drop_database(self, name: str) -> None:
        """Drop the database and every role named after it."""
        engine = self.admin()
        try:
            with engine.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                roles = connection.execute(
                    text("SELECT rolname FROM pg_roles WHERE rolname LIKE :prefix"),
                    {"prefix": name + "\\_%"},
                ).scalars()
                for role in list(roles):
                    connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        finally:
            engine.dispose()
        if name in self.made:
            self.made.remove(name)


def server_or_skip() -> PgServer:
    """The configured test server, checked reachable; skips when none is configured."""
    url = configured_url()
    if url is None:
        pytest.skip(f"no PostgreSQL server for the tests: set {VARIABLE}=postgresql+psycopg://…")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure: CI must not pass without the server
        pytest.fail(f"{VARIABLE} is set but its server cannot be used: {error}", pytrace=False)
    finally:
        engine.dispose()
    return PgServer(url)


def second_store(store):  # type: ignore[no-untyped-def]
    """Another store on the same database as ``store`` (another program beside it): the same
    file, or the same register on the server."""
    from verkosto_desktop.data.server.store import ServerStore
    from verkosto_desktop.data.storage.store import Store

    if isinstance(store, ServerStore):
        return ServerStore.connect(store.address)
    return Store.open(store.path)


def every_stored_text(store) -> bytes:  # type: ignore[no-untyped-def]
    """Every row of every table of the register on the server, as text (what a file's bytes
    are on a laptop)."""
    from sqlalchemy import inspect

    with store.read() as session:
        connection = session.connection()
        tables = inspect(connection).get_table_names()
        parts = [
            str(row[0])
            for table in tables
            for row in connection.execute(text(f'SELECT t::text FROM "{table}" t'))
        ]
    return "\n".join(parts).encode()
