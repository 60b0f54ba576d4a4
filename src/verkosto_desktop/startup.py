"""Start-up of the window: the application, its settings and look, and the register's first
rows painted before the rest of the program is imported (``app`` builds the window after).

Imports only Qt, the settings and the first paint's plain read: SQLAlchemy, the models and the
sections come in with ``app``, while the first rows are already on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from verkosto_desktop.i18n import set_language
from verkosto_desktop.paths import Locations, locations
from verkosto_desktop.private_files import create_private, private_folder
from verkosto_desktop.system_libraries import check_before_window
from verkosto_desktop.ui.app_icon import DESKTOP_FILE, app_icon
from verkosto_desktop.ui.qt_words import install_qt_translations
from verkosto_desktop.ui.theme import apply_theme

if TYPE_CHECKING:
    from verkosto_desktop.data.server.address import ServerAddress
    from verkosto_desktop.ui.register.first_paint_view import FirstPaintWindow


def make_settings(where: Locations) -> QSettings:
    """Settings in an INI file in the settings folder (so portable mode carries them along)."""
    private_folder(where.settings)
    path = where.settings / "verkosto.ini"
    # Qt keeps an existing file's permissions when it saves the settings (which name the last
    # files and the user's name): created private here, it stays private.
    create_private(path)
    return QSettings(str(path), QSettings.Format.IniFormat)


def prepare_application(
    language: str | None, where: Locations | None = None
) -> tuple[QApplication, QSettings] | None:
    """The application with its language, names, icon and theme (made once; None when a system
    library the window needs is missing, which is printed)."""
    where = where or locations()
    settings = make_settings(where)
    set_language(language or str(settings.value("ui/language", "") or "") or None)
    if QApplication.instance() is None:
        # Qt's own error for a missing X11 library names the wrong one and aborts the process.
        problem = check_before_window()
        if problem is not None:
            print(problem, file=sys.stderr)
            return None
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Verkosto")
    app.setOrganizationName("Verkosto")
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(app_icon())
    install_qt_translations(app)
    apply_theme(app, dark=bool(settings.value("view/dark", False, type=bool)))
    return app, settings


def file_to_open(
    database: Path | ServerAddress | None, demo: bool, settings: QSettings, where: Locations
) -> Path | None:
    """The file the window will open, when it is a file (``app.last_database`` decides the
    same: the named file, the demo, the last file if it still exists, else the default)."""
    if database is not None:
        return database if isinstance(database, Path) else None
    if demo:
        return where.demo_database
    last = str(settings.value("files/last") or "")
    if "://" in last:
        return None
    if last and Path(last).exists():
        return Path(last)
    return where.default_database


def show_first_paint(path: Path | None, settings: QSettings) -> FirstPaintWindow | None:
    """Show the register's first rows from ``path`` at once, when it can be read that way."""
    if path is None:
        return None
    from verkosto_desktop.ui.register.first_paint_view import first_paint_window

    window = first_paint_window(path, settings)
    if window is not None:
        window.show_painted()
    return window


def start_gui(
    database: Path | ServerAddress | None,
    *,
    demo: bool = False,
    language: str | None = None,
    self_test: bool = False,
) -> int:
    """Start the GUI (see ``app.run_gui``), painting the register's first rows before the rest
    of the program is loaded."""
    where = locations()
    prepared = prepare_application(language, where)
    if prepared is None:
        return 1
    settings = prepared[1]
    path = file_to_open(database, demo, settings, where)
    first = show_first_paint(path, settings)
    if first is not None and path is not None:
        from verkosto_desktop.data.storage import early_check

        # The file's check reads all of it: on a thread, while the rest is imported.
        early_check.start(path)
    from verkosto_desktop.app import run_gui

    return run_gui(
        database,
        demo=demo,
        language=language,
        self_test=self_test,
        first_paint=first,
        prepared=prepared,
    )
