"""Shared fixtures. Qt runs offscreen; no test may open a network socket; every test gets its own
folders (``VERKOSTO_HOME``) so settings and data never leak between tests or into the user's."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VERKOSTO_LANG", "fi")

import shutil
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from pathlib import Path

import pytest

import pg_support
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain import clock
from verkosto_desktop.i18n import set_language

_real_socket = socket.socket


class NetworkForbidden(RuntimeError):
    pass


class _GuardedSocket(_real_socket):
    def __init__(
        self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None
    ) -> None:
        if family == -1 and fileno is None:
            family = socket.AF_INET  # what socket.socket() with no family makes
        if family not in (-1, socket.AF_UNIX):
            raise NetworkForbidden(f"Verkosto must not open network sockets (family {family})")
        super().__init__(family, type, proto, fileno)
        if self.family != socket.AF_UNIX:
            # A descriptor of a network socket wrapped (socket.fromfd, fileno=…): refuse it,
            # without closing the descriptor its owner still holds.
            found = self.family
            self.detach()
            raise NetworkForbidden(f"Verkosto must not use network sockets (family {found})")


_TEST_SERVER = pg_support.configured_url()
_real_getaddrinfo = socket.getaddrinfo


def _test_server_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """libpq opens its sockets in C, below Python's socket module: its connections are guarded
    where psycopg makes them. Only the configured test server may be reached."""
    try:
        import psycopg
    except ImportError:
        return
    real_connect = psycopg.Connection.connect.__func__  # type: ignore[attr-defined]
    allowed = (
        None
        if _TEST_SERVER is None
        else (str(_TEST_SERVER.host or ""), str(_TEST_SERVER.port or 5432))
    )

    def guarded(cls: type, conninfo: str = "", **kwargs: object) -> object:
        params = psycopg.conninfo.conninfo_to_dict(conninfo, **kwargs)  # type: ignore[arg-type]
        wanted = (str(params.get("host") or ""), str(params.get("port") or 5432))
        if allowed is None or wanted != allowed:
            raise NetworkForbidden(f"Verkosto must not connect to {wanted[0]}:{wanted[1]}")
        return real_connect(cls, conninfo, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "connect", classmethod(guarded))


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any socket other than AF_UNIX fails, for the whole suite (the program is offline); the
    one exception is the PostgreSQL server of the tests, when one is configured."""
    monkeypatch.setattr(socket, "socket", _GuardedSocket)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NetworkForbidden("Verkosto must not open network connections")

    def resolve(host: object, *args: object, **kwargs: object) -> object:
        if _TEST_SERVER is not None and host == _TEST_SERVER.host:
            return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]
        raise NetworkForbidden("Verkosto must not open network connections")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    _test_server_only(monkeypatch)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Data, backups and settings of this test live in a folder of its own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("VERKOSTO_HOME", str(home))
    set_language("fi")
    return home


@pytest.fixture(autouse=True)
def no_cursor_rest_left_behind() -> Iterator[None]:
    """A test that starts the whole GUI (run_gui) installs the application-wide idle cursor
    rest and the UI-thread collector; they must not go on changing the cursor's blinking or
    Python's garbage collection under the tests that follow."""
    yield
    import sys

    if "verkosto_desktop.ui.idle" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    from verkosto_desktop.ui.collector import UiThreadCollector
    from verkosto_desktop.ui.idle import CursorRest

    app = QApplication.instance()
    if app is None:
        return
    for rest in app.findChildren(CursorRest):
        rest.retire()
    for collector in app.findChildren(UiThreadCollector):
        collector.retire()


LATE_EVENING_UTC = datetime(2026, 12, 6, 22, 30, tzinfo=UTC)  # 00.30 on the 7th in Helsinki


@pytest.fixture
def late_evening(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The program's clock stands at :data:`LATE_EVENING_UTC`, when Helsinki's date is already
    tomorrow's (where a UTC date and the user's date differ); the zone is the default one."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            moment = LATE_EVENING_UTC
            return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)

    monkeypatch.delenv("VERKOSTO_TZ", raising=False)
    monkeypatch.setattr(clock, "datetime", Frozen)
    return LATE_EVENING_UTC


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty, freshly created store."""
    opened = Store.open(tmp_path / "test.verkosto")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo written once per session; tests get copies."""
    from verkosto_desktop.data.demo import write_small_demo

    path = tmp_path_factory.mktemp("demo") / "demo.verkosto"
    with Store.open(path) as opened:
        write_small_demo(opened)
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database file."""
    target = tmp_path / "demo.verkosto"
    shutil.copy(demo_template, target)
    return target


@pytest.fixture
def demo_store(demo_path: Path) -> Iterator[Store]:
    """An open store on a private copy of the demo network."""
    opened = Store.open(demo_path)
    yield opened
    opened.close()


# -- the regional register on PostgreSQL --------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_support.PgServer]:
    """The PostgreSQL server of the tests (skips the test when none is configured)."""
    server = pg_support.server_or_skip()
    yield server
    for name in list(reversed(server.made)):  # copies before their templates (and roles)
        server.drop_database(name)


@pytest.fixture(scope="session")
def pg_template(pg_server: pg_support.PgServer) -> str:
    """A database holding an empty register at the head revision, copied for each test."""
    from verkosto_desktop.data.server.address import ServerAddress
    from verkosto_desktop.data.server.admin import init_register

    name = pg_server.create_database()
    init_register(ServerAddress(pg_server.url_for(name)))
    return name


@pytest.fixture
def pg_address(pg_server: pg_support.PgServer, pg_template: str) -> Iterator[object]:
    """The address of a fresh, empty register of this test's own (as its owner)."""
    from verkosto_desktop.data.server.address import ServerAddress

    name = pg_server.create_database(template=pg_template)
    yield ServerAddress(pg_server.url_for(name))
    pg_server.drop_database(name)


@pytest.fixture
def pg_store(pg_address: object) -> Iterator[Store]:
    """An open store on a fresh, empty register of this test's own."""
    from verkosto_desktop.data.server.store import ServerStore

    opened = ServerStore.connect(pg_address)  # type: ignore[arg-type]
    yield opened
    opened.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on a laptop's file, then on the regional register: the data layer's
    tests run on both (the PostgreSQL run is skipped when no server is configured)."""
    if request.param == "sqlite":
        opened = Store.open(tmp_path / "test.verkosto")
    else:
        opened = request.getfixturevalue("pg_store")
    yield opened
    if request.param == "sqlite":
        opened.close()


@pytest.fixture(scope="session")
def pg_demo_template(pg_server: pg_support.PgServer, pg_template: str) -> str:
    """A register on the server holding the small demo network, copied for each test."""
    from verkosto_desktop.data.demo import write_small_demo
    from verkosto_desktop.data.server.address import ServerAddress
    from verkosto_desktop.data.server.store import ServerStore

    name = pg_server.create_database(template=pg_template)
    with ServerStore.connect(ServerAddress(pg_server.url_for(name))) as opened:
        write_small_demo(opened)
    return name


@pytest.fixture
def pg_demo_address(pg_server: pg_support.PgServer, pg_demo_template: str) -> Iterator[object]:
    """The address of a register of this test's own holding the small demo network."""
    from verkosto_desktop.data.server.address import ServerAddress

    name = pg_server.create_database(template=pg_demo_template)
    yield ServerAddress(pg_server.url_for(name))
    pg_server.drop_database(name)
