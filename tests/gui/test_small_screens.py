"""Every section fits a small laptop (1024×600) in Finnish, Swedish and English: the window
never needs to be wider or taller than the screen, nothing is cut, the key numbers are in view;
and on 1366×768 the dashboard shows every situation row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_walk import every_dialog

from verkosto_desktop.app import build_window
from verkosto_desktop.i18n import set_language
from verkosto_desktop.ui import screen_fit
from verkosto_desktop.ui.column_floor import FLOORS_PROPERTY
from verkosto_desktop.ui.elided import ElidedButton, ElidedLabel
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.screen_fit import FRAME_ALLOWANCE, DialogsOnScreen, fitted
from verkosto_desktop.ui.theme import apply_theme

SMALL = QSize(1024, 600)
# A 600-pixel screen keeps about 540 for the window's inside once the panel and the title bar
# have taken theirs.
SMALL_INSIDE = QSize(1024, 540)
LAPTOP = QSize(1366, 700)  # 1366×768 less the panel and the title bar
SECTIONS = ("dashboard", "register", "incident", "network", "printouts")
LANGUAGES = ("fi", "sv", "en")


def _open(qtbot: QtBot, path: Path, language: str, size: QSize) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)  # the program's font and style, as on a laptop
    set_language(language)
    window = build_window(path)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    dashboard = window.show_section("dashboard")
    qtbot.waitUntil(lambda: getattr(dashboard, "picture", None) is not None, timeout=10_000)
    return window


def _settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


def _pages(section: QWidget) -> Iterator[str]:
    """Show every tab of the section's own tab widgets in turn (yielding where it is)."""
    tabs = [t for t in section.findChildren(QTabWidget) if t.isVisible()]
    if not tabs:
        yield ""
        return
    for tab_widget in tabs:
        for index in range(tab_widget.count()):
            tab_widget.setCurrentIndex(index)
            yield f"{tab_widget.objectName()}[{index}] {tab_widget.tabText(index)}"


def _shown(window: QWidget, kind: type[QWidget]) -> list[QWidget]:
    return [w for w in window.findChildren(kind) if w.isVisible() and w.window() is window]


def _cut_text(window: MainWindow) -> list[str]:
    """Buttons, check boxes and one-line labels that are narrower than their text."""
    problems: list[str] = []
    for button in _shown(window, QAbstractButton):
        assert isinstance(button, QAbstractButton)
        if isinstance(button, ElidedButton):
            # Shortened on purpose: the whole text must be on hover.
            if button.text() != button.full_text():
                assert button.full_text() in button.toolTip()
            continue
        text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if text and isinstance(button, QToolButton):
            # A tool button's menu arrow is drawn over its text, not beside it.
            if button.menu() is not None and (
                button.popupMode() != QToolButton.ToolButtonPopupMode.MenuButtonPopup
            ):
                problems.append(f"tool button {text!r} draws its menu arrow over the text")
            elif button.width() < button.sizeHint().width():
                problems.append(f"tool button {text!r} is {button.width()} px")
            continue
        if not text or not isinstance(button, QPushButton | QCheckBox):
            continue
        if isinstance(button, QCheckBox):
            needed = button.sizeHint().width()  # the box, the gap and the text
        else:  # the text and the style's margins (a short label's button is wider anyway)
            text_width = button.fontMetrics().horizontalAdvance(text)
            needed = min(button.sizeHint().width(), text_width + 16)
        if button.width() < needed:
            problems.append(f"button {text!r} is {button.width()} px, needs {needed}")
    for label in _shown(window, QLabel):
        assert isinstance(label, QLabel)
        if isinstance(label, ElidedLabel):
            if label.is_elided():
                assert label.text() in label.toolTip()
            continue
        if label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText or not label.text():
            continue
        if "<" in label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
            continue
        if label.width() + 2 < label.sizeHint().width() and _inside_scroll_area(label) is None:
            problems.append(
                f"label {label.text()!r} is {label.width()} px, needs {label.sizeHint().width()}"
            )
    return problems


def _inside_scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _sideways_scrolling(window: MainWindow) -> list[str]:
    """Forms that only fit by scrolling sideways (tables may: their columns scroll)."""
    found = []
    for area in _shown(window, QAbstractScrollArea):
        assert isinstance(area, QAbstractScrollArea)
        if isinstance(area, QAbstractItemView) or area.objectName() == "qt_scrollarea_viewport":
            continue
        if area.horizontalScrollBar().isVisible():
            found.append(f"{type(area).__name__} {area.objectName()!r} scrolls sideways")
    return found


def _squeezed_columns(table: QTableView) -> list[str]:
    """Columns that take the rest of the row squeezed under their readable width."""
    header = table.horizontalHeader()
    floors = {int(c): least for c, least in dict(table.property(FLOORS_PROPERTY) or {}).items()}
    found = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            floors.setdefault(column, 60)
        least = floors.get(column, 0)
        if header.sectionSize(column) < least:
            title = table.model().headerData(column, Qt.Orientation.Horizontal)
            found.append(
                f"{table.objectName()}'s {title!r} is {header.sectionSize(column)} px (< {least})"
            )
    return found


def _column_in_view(table: QTableView, column: int) -> bool:
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(column)
    return left >= 0 and left + header.sectionSize(column) <= table.viewport().width()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_section_and_tab_fits_1024_by_600(
    qtbot: QtBot, demo_path: Path, language: str
) -> None:
    window = _open(qtbot, demo_path, language, SMALL)
    problems: list[str] = []
    visited = 0
    for key in SECTIONS:
        section = window.show_section(key)
        assert section is not None
        if key == "register":  # with an actor in the editor, so that its tabs are visited too
            section.select_actor(section.visible_ids()[0])
        if key == "printouts":  # a document in the preview, checked while it builds too
            section.show_document("contacts")
            _settle(qtbot)
            least = window.minimumSizeHint()
            if least.width() > SMALL_INSIDE.width() or window.size() != SMALL:
                problems.append(f"{language} exports while building: {least.toTuple()}")
            qtbot.waitUntil(lambda p=section.panel: p.built is not None, timeout=30_000)
        _settle(qtbot)
        for where in _pages(section):
            _settle(qtbot)
            visited += 1
            place = f"{language} {key} {where}"
            least = window.minimumSizeHint()
            if least.width() > SMALL_INSIDE.width() or least.height() > SMALL_INSIDE.height():
                problems.append(f"{place}: the window needs at least {least.toTuple()}")
            if window.size() != SMALL:
                problems.append(f"{place}: the window grew to {window.size().toTuple()}")
            problems += [f"{place}: {p}" for p in _cut_text(window) + _sideways_scrolling(window)]
            for table in _shown(window, QTableView):
                assert isinstance(table, QTableView)
                problems += [f"{place}: {p}" for p in _squeezed_columns(table)]
                if table.objectName() == "helpersTable":
                    from verkosto_desktop.ui.incident.helpers_tab import COL_ACTOR, COL_PHONE

                    for column in (COL_ACTOR, COL_PHONE):
                        if not _column_in_view(table, column):
                            problems.append(f"{place}: who can help's column {column} is cut")
    # The dashboard's two views, the editor's four tabs, the incident's and network's six each.
    assert visited >= 2 + 4 + 6 + 6 + 1
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_register_shows_name_phone_and_24_7_at_1024(
    qtbot: QtBot, demo_path: Path, language: str
) -> None:
    from verkosto_desktop.ui.register.actor_table_model import COL_24_7, COL_NAME, COL_PHONE

    window = _open(qtbot, demo_path, language, SMALL)
    register = window.show_section("register")
    table = register.findChild(QTableView, "actorTable")
    assert table is not None
    _settle(qtbot)
    for column in (COL_NAME, COL_PHONE, COL_24_7):
        assert _column_in_view(table, column), column
    # An actor chosen: the editor beside the table does not push the numbers out of view.
    register.select_actor(register.visible_ids()[3])
    _settle(qtbot)
    for column in (COL_NAME, COL_PHONE, COL_24_7):
        assert _column_in_view(table, column), column
    assert "0" in table.model().index(0, COL_PHONE).data()
    # Every tab of the editor in sight, none behind scroll arrows; the short titles still
    # name the counts.
    tabs = register.findChild(QTabWidget, "actorTabs")
    assert tabs is not None
    bar = tabs.tabBar()
    for index in range(tabs.count()):
        assert bar.tabRect(index).right() <= bar.width(), tabs.tabText(index)
    assert [w for w in bar.findChildren(QToolButton) if w.isVisible()] == []
    assert "(" in tabs.tabText(1) and "(" in tabs.tabText(3)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboard_shows_every_situation_row_at_1366_by_768(
    qtbot: QtBot, demo_path: Path, language: str
) -> None:
    window = _open(qtbot, demo_path, language, LAPTOP)
    matrix = window.findChild(QTableView, "coverageMatrix")
    assert matrix is not None
    _settle(qtbot)
    rows = matrix.model().rowCount()
    assert rows >= 10
    height = matrix.viewport().height()
    for row in range(rows):
        top = matrix.rowViewportPosition(row)
        assert top >= 0 and top + matrix.rowHeight(row) <= height, (language, row)


def test_a_window_opens_inside_the_screen() -> None:
    # Saved on a big screen, opened on a 1366×768 laptop whose panel takes 32 pixels.
    laptop = QRect(0, 0, 1366, 736)
    placed = fitted(QRect(300, 200, 1680, 1000), laptop)
    assert laptop.contains(placed.marginsAdded(FRAME_ALLOWANCE))
    assert placed.size() == laptop.marginsRemoved(FRAME_ALLOWANCE).size()
    # Saved on a second screen that is gone: back on this one, same size when it fits.
    placed = fitted(QRect(2500, 100, 1000, 560), laptop)
    assert laptop.contains(placed) and placed.size() == QSize(1000, 560)
    # The window's bottom edge (its status bar) is never below the free area.
    placed = fitted(QRect(100, 400, 1200, 600), laptop)
    assert placed.bottom() <= laptop.bottom()


def test_the_window_is_placed_on_the_screen_before_it_shows(qtbot: QtBot, demo_path: Path) -> None:
    from PySide6.QtCore import QByteArray

    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.move(5000, 5000)
    window.context.settings.setValue("window/geometry", window.saveGeometry())
    window.close()
    again = build_window(demo_path)
    qtbot.addWidget(again)
    assert isinstance(again.context.settings.value("window/geometry"), QByteArray)
    again.place_on_screen()
    screen = again.screen().availableGeometry()
    assert screen.contains(again.geometry().center())
    assert again.geometry().bottom() <= screen.bottom()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_status_bar_incident_is_shortened_at_its_end_only(
    qtbot: QtBot, demo_path: Path, language: str
) -> None:
    window = _open(qtbot, demo_path, language, SMALL)
    button = window.findChild(ElidedButton, "incidentStatusButton")
    assert button is not None and button.isVisible()
    _settle(qtbot)
    whole, shown = button.full_text(), button.text()
    assert whole.startswith("⚠ ")
    # Shortened at its end only: it starts as the whole text does, and says it was cut.
    assert shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1]))
    assert whole in button.toolTip()
    # Drawn whole within the button (not cut at both ends by a narrower button).
    text_width = button.fontMetrics().horizontalAdvance(shown)
    assert button.width() >= text_width
    assert window.statusBar().geometry().bottom() < window.height()
    # The file: its name, shown from both ends (not "/t…to" of a long path), its folder on hover.
    file_label = window.findChild(ElidedLabel, "statusFile")
    assert file_label is not None and file_label.text() == demo_path.name
    shown_file = file_label.shown_text()
    assert len(shown_file.replace("…", "")) >= 10
    assert shown_file[:4] == demo_path.name[:4] and shown_file[-4:] == demo_path.name[-4:]
    assert str(demo_path) in file_label.toolTip()


def test_a_divider_saved_on_a_big_screen_keeps_the_numbers_in_view_on_a_small_one(
    qtbot: QtBot, demo_path: Path
) -> None:
    from verkosto_desktop.ui.register.actor_table_model import COL_24_7, COL_NAME, COL_PHONE

    big = _open(qtbot, demo_path, "fi", QSize(1680, 960))
    register = big.show_section("register")
    register.select_actor(register.visible_ids()[0])
    _settle(qtbot)
    register.splitter.setSizes([500, 1100])  # the user gave the editor most of a big screen
    big.close()
    small = _open(qtbot, demo_path, "fi", SMALL)
    register = small.show_section("register")
    _settle(qtbot)
    table = small.findChild(QTableView, "actorTable")
    assert table is not None
    for column in (COL_NAME, COL_PHONE, COL_24_7):
        assert _column_in_view(table, column), column


@pytest.mark.parametrize("language", ("fi", "sv"))
def test_every_dialog_opens_inside_a_600_pixel_screen(
    qtbot: QtBot, demo_path: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dialogs ask for the room of a big screen (the print preview 1000×760); on a small laptop
    each is no bigger than the screen's free area and has room there for all it holds (the
    dialog's own show places it over the window, inside the screen)."""
    small = QRect(0, 0, SMALL.width(), SMALL.height())

    class SmallScreen:
        def availableGeometry(self) -> QRect:
            return small

    monkeypatch.setattr(screen_fit, "screen_for", lambda _widget: SmallScreen())
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = DialogsOnScreen(app)
    window = _open(qtbot, demo_path, language, SMALL)
    problems: list[str] = []

    def check(where: str, dialog: QDialog) -> None:
        frame = dialog.geometry().marginsAdded(FRAME_ALLOWANCE)
        if frame.width() > small.width() or frame.height() > small.height():
            problems.append(f"{where} is {frame.size().toTuple()} with its frame")
        least = dialog.minimumSizeHint().grownBy(FRAME_ALLOWANCE)
        if least.width() > small.width() or least.height() > small.height():
            problems.append(f"{where} needs at least {least.toTuple()}")

    try:
        kinds = every_dialog(qtbot, window, check)
    finally:
        guard.retire()
    assert {"PrintPreviewDialog", "DocumentDialog", "ActivityDialog", "ImportWizard"} <= kinds
    assert not problems, "\n".join(problems)
