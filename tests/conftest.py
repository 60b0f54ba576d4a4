"""Shared fixtures. Qt runs offscreen; no test may open a network socket; every test gets its own
folders (``VERKOSTO_HOME``) so settings and data never leak between tests or into the user's."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VERKOSTO_LANG", "fi")

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from verkosto_desktop.data.storage.store import Store
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


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any socket other than AF_UNIX fails, for the whole suite (the program is offline)."""
    monkeypatch.setattr(socket, "socket", _GuardedSocket)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NetworkForbidden("Verkosto must not open network connections")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


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
