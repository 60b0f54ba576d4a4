"""Builds the application: settings, language, theme, the store, and the wired main window."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from verkosto_desktop.data.server.address import ServerAddress, database_location
from verkosto_desktop.data.storage.backups import backup_before_migration
from verkosto_desktop.data.storage.file_lock import FileLock
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _
from verkosto_desktop.paths import Locations, locations
from verkosto_desktop.private_files import private_folder
from verkosto_desktop.startup import make_settings, prepare_application
from verkosto_desktop.ui.collector import UiThreadCollector
from verkosto_desktop.ui.context import AppContext, EventHub
from verkosto_desktop.ui.idle import CursorRest
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.qt_words import install_qt_translations
from verkosto_desktop.ui.screen_fit import DialogsOnScreen
from verkosto_desktop.ui.sections import install_sections
from verkosto_desktop.ui.startup_check import StartupCheck
from verkosto_desktop.ui.storage.opening import (
    OpenChoice,
    resolve_open_problem,
    warn_about_location,
)
from verkosto_desktop.ui.theme import apply_theme

if TYPE_CHECKING:
    from verkosto_desktop.ui.register.first_paint_view import FirstPaintWindow


Location = Path | ServerAddress


def ask_password(address: ServerAddress) -> str | None:
    """Ask for the regional server's password in a dialog (None when the user cancels)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, accepted = QInputDialog.getText(
        None,
        _("Regional server"),
        _("Password of {user} at {address}:").format(
            user=address.user or "?", address=address.shown()
        ),
        QLineEdit.EchoMode.Password,
    )
    return text if accepted and text else None


def open_store(database: Location, *, demo: bool = False, readonly: bool = False) -> Store:
    """Open (or create) ``database`` for a window; with ``demo``, fill an empty file with the demo
    network. Takes the file's window lock (``FileInUse`` when another window has it) and backs the
    file up before a schema update; ``readonly`` opens it to look, without the lock. The
    regional register (a ``ServerAddress``) is opened on its server, asking for the password
    when none is kept."""
    if isinstance(database, ServerAddress):
        from verkosto_desktop.data.server.store import ServerStore

        return ServerStore.connect(database, readonly=readonly, prompt=ask_password)
    if readonly:
        # An older file is read through an updated copy, as the command line reads it: every
        # screen then reads this version's schema.
        from verkosto_desktop.data.storage.reading import open_for_reading

        return open_for_reading(database)
    if database.parent == locations().data:
        private_folder(database.parent)
    else:
        database.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(database)
    lock.acquire()
    try:
        store = Store.open(database, before_migration=backup_before_migration)
    except BaseException:
        lock.release()
        raise
    store.file_lock = lock
    if demo:
        from verkosto_desktop.data.demo import write_small_demo
        from verkosto_desktop.data.register.search import count_live_actors

        if count_live_actors(store) == 0:
            write_small_demo(store)
    return store


def remembered(database: Location) -> str:
    """How the database is kept in the recent files: the path, or the address (never with a
    password)."""
    return database.shown() if isinstance(database, ServerAddress) else str(database.resolve())


def build_window(
    database: Location,
    *,
    demo: bool = False,
    settings: QSettings | None = None,
    where: Locations | None = None,
    readonly: bool = False,
) -> MainWindow:
    """The fully wired main window for ``database`` (a QApplication must exist); not shown."""
    keep_printing_local()
    where = where or locations()
    settings = settings or make_settings(where)
    if not isinstance(database, ServerAddress):
        database = Path(database)
    store = open_store(database, demo=demo, readonly=readonly)
    hub = EventHub()
    hub.attach(store)
    context = AppContext(store=store, settings=settings, hub=hub, locations=where)
    window = MainWindow(context)
    install_sections(window, context)
    settings.setValue("files/last", remembered(database))
    recent = [remembered(database)] + [
        f for f in window.recent_files() if f != remembered(database)
    ]
    settings.setValue("files/recent", recent[:8])
    return window


def keep_printing_local() -> None:
    """Qt's print support asks CUPS for printers; with no local CUPS socket libcups falls back to
    TCP (localhost:631). Pointing it at the socket keeps the program free of network sockets."""
    if sys.platform.startswith("linux"):
        os.environ.setdefault("CUPS_SERVER", "/run/cups/cups.sock")


class Controller:
    """Keeps the one main window, and rebuilds it when the user opens another file."""

    def __init__(self, app: QApplication, where: Locations, settings: QSettings) -> None:
        self.app = app
        self.where = where
        self.settings = settings
        self.window: MainWindow | None = None
        # The register's first rows shown while the first window is built (``startup``).
        self.first_paint: FirstPaintWindow | None = None
        # Why the last open failed (the dialog's text), for the terminal.
        self.open_error: VerkostoError | None = None

    def open(self, database: Location, demo: bool, readonly: bool = False) -> bool:
        # The same file again (after a restore): the old window lets go of the file's lock for
        # the new one, and stays open until the new one is shown (or takes the lock back).
        handed_over = (
            None if isinstance(database, ServerAddress) else self._hand_over_lock(Path(database))
        )
        install_qt_translations(self.app)  # the language may have just been switched
        try:
            window = build_window(
                database, demo=demo, settings=self.settings, where=self.where, readonly=readonly
            )
        except VerkostoError as error:
            self.open_error = error
            self._retire_first_paint()
            if handed_over is not None:
                with contextlib.suppress(VerkostoError):
                    lock = FileLock(handed_over.path)
                    lock.acquire()
                    handed_over.file_lock = lock
            if isinstance(database, ServerAddress):
                show_server_problem(self.window, database, error)
                return False
            choice = resolve_open_problem(self.window, Path(database), error)
            if choice is OpenChoice.RETRY:
                return self.open(database, demo)
            if choice is OpenChoice.READ_ONLY:
                return self.open(database, False, readonly=True)
            return False
        self._close_current()
        self.window = window
        window.open_requested.connect(self.open)
        window.theme_toggled.connect(lambda dark: apply_theme(self.app, dark))
        window.place_on_screen()
        window.show()
        self._retire_first_paint()
        if not isinstance(database, ServerAddress):
            warn_about_location(window, Path(database))
        return True

    def _retire_first_paint(self) -> None:
        if self.first_paint is not None:
            first, self.first_paint = self.first_paint, None
            first.close()
            first.deleteLater()

    def _hand_over_lock(self, database: Path) -> Store | None:
        if self.window is None or self.window.context.store.is_server:
            return None
        if self.window.context.store.path.resolve() != database.resolve():
            return None
        store = self.window.context.store
        if store.file_lock is None:
            return None
        store.file_lock.release()
        store.file_lock = None
        return store

    def _close_current(self) -> None:
        if self.window is not None:
            old, self.window = self.window, None
            old.close()
            old.deleteLater()


def last_database(settings: QSettings, where: Locations) -> Location:
    """The database opened last (a file that still exists, or the regional register), else the
    default file. A server remembered is opened only when the user opened it last: the program
    makes no connection the user did not ask for."""
    last = str(settings.value("files/last") or "")
    if last:
        location = database_location(last)
        if isinstance(location, ServerAddress) or location.exists():
            return location
    return where.default_database


def show_server_problem(parent: object, address: ServerAddress, error: VerkostoError) -> None:
    """Say why the regional register could not be opened."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(
        parent,  # type: ignore[arg-type]
        _("Regional server"),
        _("The regional register could not be opened.\n\n{reason}").format(reason=error),
    )


def run_gui(
    database: Location | None,
    *,
    demo: bool = False,
    language: str | None = None,
    self_test: bool = False,
    first_paint: FirstPaintWindow | None = None,
    prepared: tuple[QApplication, QSettings] | None = None,
) -> int:
    """Start the GUI on ``database`` (the last or default file when None). With ``self_test``,
    close again once the register is shown and return 0 (see ``ui.startup_check``).
    ``first_paint``: the register's first rows already on screen, closed when the window shows
    (or when the file cannot be opened); ``prepared``: the application ``startup`` made."""
    where = locations()
    prepared = prepared or prepare_application(language, where)
    if prepared is None:
        return 1
    app, settings = prepared
    CursorRest(app)
    DialogsOnScreen.install(app)
    collector = UiThreadCollector(app)
    if database is None:
        database = where.demo_database if demo else last_database(settings, where)
    controller = Controller(app, where, settings)
    controller.first_paint = first_paint
    if not controller.open(database, demo):
        # The dialog explained it; the terminal (or a script) that started us hears it too.
        if controller.open_error is not None:
            print(_("verkosto: {message}").format(message=controller.open_error), file=sys.stderr)
        collector.retire()
        return 1
    # Once the window has painted and settled, not before: the full collection takes a moment.
    QTimer.singleShot(3_000, collector.freeze)
    if self_test:
        assert controller.window is not None
        return StartupCheck(app, controller.window).run()
    return app.exec()
