"""Start-up: the register's first rows are painted before the data layer is loaded, exactly as
the register then shows them, and the window that replaces them works in every section."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import Controller
from verkosto_desktop.paths import locations
from verkosto_desktop.startup import make_settings, show_first_paint
from verkosto_desktop.ui.register.first_paint_view import FirstPaintWindow
from verkosto_desktop.ui.register.section import RegisterSection

SHOWN = 12


def test_first_rows_then_the_window_and_its_sections(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    where = locations()
    settings = make_settings(where)
    first = show_first_paint(demo_path, settings)
    assert isinstance(first, FirstPaintWindow)
    qtbot.addWidget(first)
    assert first.isVisible() and not first.isEnabled()  # a look, it takes no input yet
    first.grab().save(str(tmp_path / "first-paint.png"))
    preview = [
        [first.model.index(row, column).data() for column in range(first.model.columnCount())]
        for row in range(SHOWN)
    ]
    controller = Controller(QApplication.instance(), where, settings)  # type: ignore[arg-type]
    controller.first_paint = first
    assert controller.open(demo_path, False)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    assert not first.isVisible() and controller.first_paint is None
    section = window.show_section("register")
    assert isinstance(section, RegisterSection)
    model = section.model
    shown = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(SHOWN)
    ]
    assert preview == shown  # the same actors, in the same order, written the same way
    # The sections the first paint only named work once opened, by a click in the switcher.
    navigation = window.findChild(QListWidget, "navigation")
    assert navigation is not None
    for row in range(navigation.count()):
        item = navigation.item(row)
        rect = navigation.visualItemRect(item)
        qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        key = window.current_section()
        assert key is not None and window.section(key) is not None
        assert window.section(key).isVisible()  # type: ignore[union-attr]
    window.close()


def test_a_file_to_migrate_gets_no_first_paint(demo_path: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(demo_path)
    connection.execute("UPDATE alembic_version SET version_num = '0008'")
    connection.commit()
    connection.close()
    assert show_first_paint(demo_path, make_settings(locations())) is None


def test_the_first_paint_comes_before_sqlalchemy_is_imported(demo_path: Path) -> None:
    # In a fresh process, as `verkosto FILE` starts: the rows are painted with no SQLAlchemy.
    script = (
        "import sys\n"
        "from verkosto_desktop.startup import make_settings, prepare_application, "
        "show_first_paint\n"
        "from verkosto_desktop.paths import locations\n"
        "app, settings = prepare_application(None)\n"
        "from pathlib import Path\n"
        f"first = show_first_paint(Path({str(demo_path)!r}), settings)\n"
        "print(first.model.rowCount(), 'sqlalchemy' in sys.modules, "
        "'verkosto_desktop.data.models' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    rows, sqlalchemy, models = result.stdout.split()
    assert int(rows) > SHOWN and (sqlalchemy, models) == ("False", "False")
