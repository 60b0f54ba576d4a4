"""Switching the language (View → Language) rebuilds the window in the new language where the
user was: same size, same place, same section; Qt's own dialogs follow, wholly translated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import Controller, make_settings
from verkosto_desktop.i18n import current_language, set_language
from verkosto_desktop.paths import locations
from verkosto_desktop.ui.qt_words import install_qt_translations


@pytest.fixture
def controller(qtbot: QtBot, demo_path: Path) -> Iterator[Controller]:
    where = locations()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    made = Controller(app, where, make_settings(where))
    assert made.open(demo_path, False)
    yield made
    if made.window is not None:
        made.window.close()
    set_language("fi")
    install_qt_translations(app)


def _language_action(controller: Controller, code: str) -> QAction:
    assert controller.window is not None
    for menu in controller.window.findChildren(QMenu):
        for action in menu.actions():
            if action.data() == code and action.isCheckable():
                return action
    raise AssertionError(f"no language action {code}")


def test_the_new_language_keeps_size_place_and_section(
    qtbot: QtBot, controller: Controller
) -> None:
    window = controller.window
    assert window is not None
    # Inside the (800×800) test screen, so that nothing has to move it.
    window.setGeometry(QRect(12, 40, 720, 560))
    window.show_section("register")
    qtbot.wait(20)
    before = window.geometry()

    _language_action(controller, "sv").trigger()

    again = controller.window
    assert again is not None and again is not window
    qtbot.waitExposed(again)
    assert current_language() == "sv"
    assert again.current_section() == "register"
    assert again.geometry().size() == before.size()
    assert again.geometry().topLeft() == before.topLeft()
    assert again.menuBar().actions()[0].text() == "&Arkiv"


class Spy:
    """Records what Qt asked to translate and got no answer for (installed first: asked last)."""

    def __init__(self, app: QApplication) -> None:
        from PySide6.QtCore import QTranslator

        missed = self.missed = set()

        class _Spy(QTranslator):
            def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def, override]
                missed.add((context, source))
                return None

        self.translator = _Spy(app)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_qt_dialogs_are_wholly_translated(qtbot: QtBot, language: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    spy = Spy(app)
    app.installTranslator(spy.translator)
    try:
        set_language(language)
        install_qt_translations(app)
        dialog = QFileDialog(None, "", "/", "PDF (*.pdf)")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.close()
        printer = QPrinter()
        preview = QPrintPreviewDialog(printer)
        qtbot.addWidget(preview)
        preview.show()
        qtbot.waitExposed(preview)
        preview.close()
        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Question, "", "", buttons.Yes | buttons.No | buttons.Cancel
        )
        qtbot.addWidget(box)
        box.show()
        box.close()
    finally:
        app.removeTranslator(spy.translator)
        set_language("fi")
        install_qt_translations(app)
    # Key names of multimedia keyboards, system error texts and Qt's question about the
    # writing direction are not words on these dialogs.
    english = {
        (c, s)
        for c, s in spy.missed
        if c not in ("QShortcut", "QIODevice") and s != "QT_LAYOUT_DIRECTION"
    }
    assert not english, sorted(english)
    assert spy.missed  # the spy did hear what went untranslated (key names at least)
