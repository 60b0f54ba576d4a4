"""The dashboard as a coordinator uses it: first screen, gaps in words, clicking cells and health
lines, live updates after edits elsewhere, the incident banner, and the dark theme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data import catalogues
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids, search_actors
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.ui.dashboard import DashboardSection
from verkosto_desktop.ui.dashboard.choice_table import ChoiceTable
from verkosto_desktop.ui.dashboard.coverage_model import LEVEL_ROLE, CoverageModel
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.printouts import PrintPreviewDialog
from verkosto_desktop.ui.printouts.document_dialog import DocumentDialog
from verkosto_desktop.ui.register.actor_page import TAB_CAPABILITIES
from verkosto_desktop.ui.register.section import RegisterSection
from verkosto_desktop.ui.theme import apply_theme


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    built = build_window(demo_path)
    qtbot.addWidget(built)
    built.resize(1280, 800)
    built.show()
    section = built.section("dashboard")
    assert isinstance(section, DashboardSection)
    qtbot.waitUntil(lambda: section.picture is not None, timeout=10_000)
    yield built
    built.close()


def _section(window: MainWindow) -> DashboardSection:
    section = window.section("dashboard")
    assert isinstance(section, DashboardSection)
    return section


def _matrix(window: MainWindow, name: str = "coverageMatrix") -> ChoiceTable:
    view = window.findChild(ChoiceTable, name)
    assert view is not None
    return view


def _find(model: CoverageModel, row_key: str, column_key: str) -> QModelIndex:
    grid = model.grid
    assert grid is not None
    row = [entry.key for entry in grid.rows].index(row_key)
    return model.index(row, list(grid.columns).index(column_key))


def _click(qtbot: QtBot, view: ChoiceTable, index: QModelIndex) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def _first_gap(model: CoverageModel) -> QModelIndex:
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if index.data(LEVEL_ROLE) == 0:
                return index
    raise AssertionError("no gap")


def test_the_dashboard_is_the_first_screen(window: MainWindow) -> None:
    navigation = window.findChild(QListWidget, "navigation")
    assert navigation is not None and navigation.item(0).text() == "Tilannekuva"
    assert window.current_section() == "dashboard"
    model = _matrix(window).model()
    assert model.rowCount() == len(catalogues.situation_types(window.context.store))
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Varautuminen",
        "Toiminta häiriötilanteessa",
        "Jälkihuolto",
    ]


def test_a_gap_is_marked_in_words_and_with_a_symbol(window: MainWindow) -> None:
    model = _matrix(window).model()
    assert isinstance(model, CoverageModel)
    gap = _first_gap(model)
    assert gap.data() == "⚠ ei ketään"
    assert "Aukko" in gap.data(Qt.ItemDataRole.ToolTipRole)
    assert "Aukko" in gap.data(Qt.ItemDataRole.AccessibleTextRole)
    full = _find(model, "power_outage", "response")
    assert "toimija" in full.data() and "⚠" not in full.data()


def test_clicking_a_gap_cell_filters_the_register_to_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = _matrix(window)
    model = view.model()
    assert isinstance(model, CoverageModel)
    gap = _first_gap(model)
    grid = model.grid
    assert grid is not None
    with qtbot.waitSignal(_section(window).open_register) as opened:
        _click(qtbot, view, gap)
    flt = opened.args[0]
    assert flt == ActorFilter(
        situation=grid.rows[gap.row()].key, phase=grid.columns[gap.column()], sort="24_7"
    )
    assert search_actors(window.context.store, flt) == []


def _expected_actors(window: MainWindow, situation: str, phase: str) -> set[str]:
    """Worked out from every actor's details, independently of the search's SQL."""
    store = window.context.store
    found = set()
    for actor_id, _name in actors.actor_names(store):
        detail = actors.get_actor(store, actor_id)
        if any(
            situation in cap.situations and phase in cap.phases
            for cap in detail.capabilities
            if cap.deleted_at is None
        ):
            found.add(actor_id)
    return found


def test_clicking_a_full_cell_lists_exactly_those_actors(qtbot: QtBot, window: MainWindow) -> None:
    view = _matrix(window)
    model = view.model()
    assert isinstance(model, CoverageModel)
    cell = _find(model, "power_outage", "response")
    with qtbot.waitSignal(_section(window).open_register) as opened:
        _click(qtbot, view, cell)
    listed = set(search_actor_ids(window.context.store, opened.args[0]))
    expected = _expected_actors(window, "power_outage", "response")
    assert listed == expected
    assert cell.data().startswith(f"{len(expected)} toimijaa")


def test_keyboard_chooses_a_cell_too(qtbot: QtBot, window: MainWindow) -> None:
    view = _matrix(window)
    model = view.model()
    assert isinstance(model, CoverageModel)
    view.setFocus()
    view.setCurrentIndex(_find(model, "storm", "preparedness"))
    # Arrows move to the neighbouring cells as a user reads them: right is the next phase.
    qtbot.keyClick(view, Qt.Key.Key_Right)
    with qtbot.waitSignal(_section(window).open_register) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args[0] == ActorFilter(situation="storm", phase="response", sort="24_7")
    assert window.current_section() == "register"


def test_category_view_for_a_chosen_phase(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(window)
    section.coverage.setCurrentIndex(1)
    section.coverage.set_phase("recovery")
    view = _matrix(window, "categoryMatrix")
    model = view.model()
    assert isinstance(model, CoverageModel)
    water = _find(model, "water_supply", "power_outage")
    assert water.data() == "⚠ 0" and "Aukko" in water.data(Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(section.open_register) as opened:
        _click(qtbot, view, water)
    flt = opened.args[0]
    assert (flt.category, flt.situation, flt.phase) == ("water_supply", "power_outage", "recovery")
    assert search_actors(window.context.store, flt) == []


def _tick_situation(qtbot: QtBot, situations: QListWidget, key: str) -> None:
    """Choose a situation type in the capability form's list and tick it with Space."""
    row = next(
        r
        for r in range(situations.count())
        if situations.item(r).data(Qt.ItemDataRole.UserRole) == key
    )
    item = situations.item(row)
    situations.scrollToItem(item)
    rect = situations.visualItemRect(item)
    qtbot.mouseClick(situations.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert situations.currentItem() is item
    qtbot.keyClick(situations, Qt.Key.Key_Space)


def test_editing_a_capability_updates_the_matrix(qtbot: QtBot, window: MainWindow) -> None:
    """A capability typed in the register's form shows on the dashboard without a restart."""
    model = _matrix(window).model()
    assert isinstance(model, CoverageModel)

    def cell_text() -> str:
        return str(_find(model, "other", "preparedness").data())

    assert cell_text() == "⚠ ei ketään"
    assert _find(model, "other", "response").data() == "1 toimija · 1 osaaminen"
    register = window.show_section("register")
    assert isinstance(register, RegisterSection)
    qtbot.mouseClick(
        register.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=register.table.visualRect(register.model.index(0, 0)).center(),
    )
    actor_id = register.editor.actor_id
    assert actor_id is not None
    page = register.editor.page
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(TAB_CAPABILITIES).center())
    qtbot.mouseClick(page.capabilities.add_button, Qt.MouseButton.LeftButton)
    form = page.capability_form
    form.category.setFocus()
    while form.category.currentData() != "information":
        qtbot.keyClick(form.category, Qt.Key.Key_Down)
    preparedness = form.phase_boxes["preparedness"]
    tick = QPoint(8, preparedness.height() // 2)
    qtbot.mouseClick(preparedness, Qt.MouseButton.LeftButton, pos=tick)
    _tick_situation(qtbot, form.situations, "other")
    qtbot.waitUntil(lambda: cell_text() == "1 toimija · 1 osaaminen", timeout=5000)
    (added,) = [
        c
        for c in actors.get_actor(window.context.store, actor_id).capabilities
        if c.category_key == "information" and "other" in c.situations
    ]
    assert added.phases == ("preparedness",)

    # Moving it to the response phase leaves the gap it filled.
    qtbot.mouseClick(preparedness, Qt.MouseButton.LeftButton, pos=tick)
    response = form.phase_boxes["response"]
    qtbot.mouseClick(response, Qt.MouseButton.LeftButton, pos=QPoint(8, response.height() // 2))
    qtbot.waitUntil(lambda: cell_text() == "⚠ ei ketään", timeout=5000)
    assert _find(model, "other", "response").data() == "2 toimijaa · 2 osaamista"


def test_a_user_added_situation_type_appears_with_its_finnish_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    model = _matrix(window).model()
    rows = model.rowCount()
    catalogues.add_entry(window.context.store, "situation", "Hätämajoitus äärioloissa")
    qtbot.waitUntil(lambda: model.rowCount() == rows + 1, timeout=5000)
    header = model.headerData(rows, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert header == "Hätämajoitus äärioloissa"
    assert all(model.index(rows, c).data() == "⚠ ei ketään" for c in range(3))


def test_health_lines_open_the_register_filtered(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(window)
    view = window.findChild(ChoiceTable, "healthList")
    assert view is not None
    model = view.model()
    picture = section.picture
    assert picture is not None
    keys = [item.key for item in picture.health.items]
    row = keys.index("no_24_7")
    item = picture.health.items[row]
    assert model.index(row, 0).data() == f"⚠ {item.actors}"
    assert "ympäri vuorokauden" in model.index(row, 1).data()
    with qtbot.waitSignal(section.open_register) as opened:
        _click(qtbot, view, model.index(row, 1))
    assert opened.args[0] == item.filter
    assert len(search_actor_ids(window.context.store, opened.args[0])) == item.actors


def test_the_incident_banner(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(window)
    (banner,) = section.banners()
    assert banner.isVisible()
    texts = " ".join(label.text() for label in banner.findChildren(type(section._status)))
    assert "Häiriötilanne käynnissä" in texts and "Sähkökatko" in texts
    assert "avoimia tehtäviä: 4" in texts and "kestänyt" in texts
    # Without an incident section the banner shows the data only.
    section.set_incident_link(False)
    with qtbot.assertNotEmitted(section.open_incident):
        qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
    section.set_incident_link(True)
    with qtbot.waitSignal(section.open_incident) as opened:
        qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
    assert opened.args[0] == banner.incident_id
    # The window's incident section opens on that incident.
    assert window.current_section() == "incident"


def test_dark_theme_recolours_the_matrix(qtbot: QtBot, window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    model = _matrix(window).model()
    gap = _first_gap(model)
    light = gap.data(Qt.ItemDataRole.BackgroundRole)
    try:
        apply_theme(app, dark=True)
        qtbot.waitUntil(lambda: gap.data(Qt.ItemDataRole.BackgroundRole) != light)
        dark = gap.data(Qt.ItemDataRole.BackgroundRole)
        assert dark.lightness() < light.lightness()
        assert gap.data() == "⚠ ei ketään"  # the words stay whatever the colours
    finally:
        apply_theme(app, dark=False)


def test_models_pass_the_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    section = _section(window)
    for model in (
        section.coverage.phase_model,
        section.coverage.category_model,
        section.lists.health_model,
        section.lists.activity_model,
        section.lists.action_model,
    ):
        qtmodeltester.check(model)


def _document_dialog(qtbot: QtBot, parent: QWidget) -> DocumentDialog:
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in parent.findChildren(DocumentDialog)), timeout=5_000
    )
    return next(d for d in parent.findChildren(DocumentDialog) if d.isVisible())


def test_print_button_previews_the_one_page_sheet_then_saves_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog, QPushButton

    target = tmp_path / "valmiustilanne"
    offered: list[str] = []

    def save_as(_parent: object, _title: str, start: str, *_a: object) -> tuple[str, str]:
        offered.append(start)
        return str(target), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    button = window.findChild(QPushButton, "dashboardPrint")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # The preview first, with Save as PDF and Print; nothing is asked before Save.
    dialog = _document_dialog(qtbot, _section(window))
    with qtbot.waitSignal(dialog.previewed, timeout=20_000) as previewed:
        pass
    assert previewed.args[0] == 1 and offered == []
    assert dialog.print_button.isEnabled()
    with qtbot.waitSignal(_section(window).printed, timeout=20_000) as printed:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    written = printed.args[0]
    assert written == target.with_suffix(".pdf")
    assert len(PdfReader(written).pages) == 1
    # A dated name was offered; next time the folder saved in is offered.
    assert Path(offered[0]).name == f"{local_today().isoformat()}_valmiustilanne.pdf"
    dialog.close()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    again = _document_dialog(qtbot, _section(window))
    assert again.suggested_path().parent == tmp_path


def test_cells_open_the_register_section(qtbot: QtBot, window: MainWindow) -> None:
    """End to end: a gap cell opens the register empty and says so, with a way back to
    everything; a full cell lists exactly the actors counted."""
    register = window.section("register")
    assert isinstance(register, RegisterSection)
    view = _matrix(window)
    model = view.model()
    assert isinstance(model, CoverageModel)
    _click(qtbot, view, _find(model, "other", "preparedness"))
    qtbot.waitUntil(lambda: window.current_section() == "register")
    assert register.current_filter() == ActorFilter(
        situation="other", phase="preparedness", sort="24_7"
    )
    assert register.visible_ids() == []
    empty = window.findChild(QLabel, "registerEmptyText")
    assert empty is not None
    qtbot.waitUntil(empty.isVisible)
    assert empty.text() == "Yksikään toimija ei vastaa hakua ja suodattimia."
    clear = window.findChild(QPushButton, "registerEmptyClear")
    assert clear is not None and clear.isVisible()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert register.current_filter().is_empty()
    everyone = {actor_id for actor_id, _name in actors.actor_names(window.context.store)}
    assert set(register.visible_ids()) == everyone
    assert not empty.isVisible() and register.table.isVisible()

    window.show_section("dashboard")
    _click(qtbot, view, _find(model, "power_outage", "response"))
    expected = _expected_actors(window, "power_outage", "response")
    qtbot.waitUntil(lambda: window.current_section() == "register")
    assert set(register.visible_ids()) == expected


def test_a_cell_marks_the_capabilities_it_counted_in_the_editor(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The register opened from a cell lists the actors, and the editor marks (◆, bold, in
    words) and lists first exactly the capabilities that put the actor in the cell."""
    register = window.section("register")
    assert isinstance(register, RegisterSection)
    view = _matrix(window)
    model = view.model()
    assert isinstance(model, CoverageModel)
    _click(qtbot, view, _find(model, "power_outage", "response"))
    qtbot.waitUntil(lambda: window.current_section() == "register")
    store = window.context.store
    martat = next(
        i for i, name in actors.actor_names(store) if name == "Esimerkkilän Marttayhdistys"
    )
    row = register.model.row_of(martat)
    assert row is not None
    table = register.table
    table.scrollTo(register.model.index(row, 0))
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(register.model.index(row, 0)).center(),
    )
    assert register.editor.actor_id == martat
    page = register.editor.page
    assert page.tabs.tabText(TAB_CAPABILITIES) == "Osaaminen (3) ◆ 1"
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(TAB_CAPABILITIES).center())

    detail = actors.get_actor(store, martat)
    (catering,) = [
        c for c in detail.capabilities if "power_outage" in c.situations and "response" in c.phases
    ]
    assert catering.category_key == "catering"
    assert page.matching_capabilities() == [catering.id]
    items = [page.capabilities.records.item(r) for r in range(page.capabilities.records.count())]
    assert len(items) == 3
    first, *others = items
    assert first.data(Qt.ItemDataRole.UserRole) == catering.id
    assert first.text().startswith("◆ Ruoka")
    assert first.font().bold() and first.toolTip() == "Vastaa suodatinta"
    assert first.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Vastaa suodatinta: Ruoka")
    for item in others:
        assert "◆" not in item.text() and not item.font().bold() and not item.toolTip()
    note = page.match_note
    assert note.isVisible()
    assert note.text() == "◆ 1/3 osaamisesta vastaa rekisterin suodatinta."
    # The matching capability is the one open in the form.
    assert page.capability_form.category.currentData() == "catering"

    # Without the filter nothing is marked, and the actor's own order comes back.
    qtbot.mouseClick(register.filter_bar.clear_button, Qt.MouseButton.LeftButton)
    records = page.capabilities.records
    texts = [records.item(r).text() for r in range(records.count())]
    assert texts and not any("◆" in text for text in texts)
    assert [records.item(r).data(Qt.ItemDataRole.UserRole) for r in range(records.count())] == [
        c.id for c in detail.capabilities
    ]
    assert not note.isVisible() and page.tabs.tabText(TAB_CAPABILITIES) == "Osaaminen (3)"


def _preview_dialogs() -> list[PrintPreviewDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PrintPreviewDialog) and w.isVisible()
    ]


def test_print_as_shown_prints_what_the_section_shows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Print as shown (Ctrl+P): the readiness sheet on the dashboard, the list as shown
    in the register, and nothing (disabled, saying why) in a section that prints otherwise."""
    from pypdf import PdfReader

    action = window.findChild(QAction, "printAsShown")
    assert action is not None
    target = tmp_path / "tilanne.pdf"
    asked: list[object] = []

    def save_as(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(args)
        return str(target), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.current_section() == "dashboard" and action.isEnabled()
    assert action.toolTip() == "Tallenna tilannekuva yhden sivun valmiustilanteena (PDF)"
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    sheet = _document_dialog(qtbot, _section(window))
    qtbot.waitUntil(lambda: sheet.data is not None, timeout=20_000)
    with qtbot.waitSignal(_section(window).printed, timeout=20_000) as printed:
        qtbot.mouseClick(sheet.save_button, Qt.MouseButton.LeftButton)
    assert printed.args[0] == target and len(asked) == 1
    pages = PdfReader(target).pages
    assert len(pages) == 1 and "Valmiustilanne" in pages[0].extract_text()
    assert _preview_dialogs() == []  # the readiness sheet, not a list of actors
    sheet.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    register = window.show_section("register")
    assert isinstance(register, RegisterSection)
    assert action.isEnabled()
    search = register.filter_bar.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, "koulu")
    qtbot.keyClick(search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_preview_dialogs()) == 1)
    (dialog,) = _preview_dialogs()
    assert dialog.request().filter == register.current_filter()
    assert dialog.request().filter.text == "koulu" and len(asked) == 1
    dialog.close()

    window.show_section("network")
    assert not action.isEnabled()
    assert "tilannekuva tai rekisteri" in action.toolTip()
    assert action.statusTip() == action.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert _preview_dialogs() == [] and len(asked) == 1


def test_the_founding_link_is_readable_in_the_dark_theme(qtbot: QtBot, window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    founding = _section(window).founding
    assert founding.isVisible()

    def link_pixels(colour: str) -> int:
        """How many of the label's pixels are drawn in (nearly) the palette's link colour."""
        from PySide6.QtGui import QColor

        wanted = QColor(colour)
        image = founding.grab().toImage()
        return sum(
            1
            for x in range(0, image.width())
            for y in range(0, image.height())
            if abs(image.pixelColor(x, y).red() - wanted.red()) < 12
            and abs(image.pixelColor(x, y).green() - wanted.green()) < 12
            and abs(image.pixelColor(x, y).blue() - wanted.blue()) < 12
        )

    try:
        apply_theme(app, dark=True)
        qtbot.waitUntil(lambda: link_pixels("#79b8ff") > 20)
        assert link_pixels("#1f5f8b") == 0  # the light theme's dark blue is gone
    finally:
        apply_theme(app, dark=False)
