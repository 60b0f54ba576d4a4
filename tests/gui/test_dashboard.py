"""The dashboard as a coordinator uses it: first screen, gaps in words, clicking cells and health
lines, live updates after edits elsewhere, the incident banner, and the dark theme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QListWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data import actors, capabilities, catalogues
from verkosto_desktop.data.search import ActorFilter, search_actor_ids, search_actors
from verkosto_desktop.ui.dashboard import DashboardSection
from verkosto_desktop.ui.dashboard.choice_table import ChoiceTable
from verkosto_desktop.ui.dashboard.coverage_model import FILTER_ROLE, LEVEL_ROLE, CoverageModel
from verkosto_desktop.ui.main_window import MainWindow
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
    assert flt == ActorFilter(situation=grid.rows[gap.row()].key, phase=grid.columns[gap.column()])
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
    cell = view.model().index(1, 1)
    view.setFocus()
    view.setCurrentIndex(cell)
    with qtbot.waitSignal(_section(window).open_register) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args[0] == cell.data(FILTER_ROLE)


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


def test_editing_a_capability_updates_the_matrix(qtbot: QtBot, window: MainWindow) -> None:
    model = _matrix(window).model()
    assert isinstance(model, CoverageModel)
    gap = _find(model, "other", "preparedness")
    assert gap.data(LEVEL_ROLE) == 0
    store = window.context.store
    actor_id = actors.actor_names(store)[0][0]
    added = capabilities.add_capability(
        store,
        actor_id,
        {"category_key": "information", "phases": ["preparedness"], "situations": ["other"]},
    )
    qtbot.waitUntil(lambda: gap.data() == "1 toimija · 1 osaaminen", timeout=5000)
    capabilities.update_capability(store, added.id, {"phases": ["response"]})
    qtbot.waitUntil(lambda: gap.data() == "⚠ ei ketään", timeout=5000)


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


def test_print_button_writes_the_one_page_sheet(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog, QPushButton

    target = tmp_path / "valmiustilanne"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF")
    )
    button = window.findChild(QPushButton, "dashboardPrint")
    assert button is not None and button.isEnabled()
    with qtbot.waitSignal(_section(window).printed, timeout=20_000) as printed:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    written = printed.args[0]
    assert written == target.with_suffix(".pdf")
    assert len(PdfReader(written).pages) == 1


def test_cells_open_the_register_section(qtbot: QtBot, window: MainWindow) -> None:
    """End to end with the register section (runs once the register has landed in the window)."""
    from PySide6.QtWidgets import QLabel

    register = window.section("register")
    if register is None:
        pytest.skip("the window has no register section yet")
    view = _matrix(window)
    model = view.model()
    assert isinstance(model, CoverageModel)
    _click(qtbot, view, _first_gap(model))
    qtbot.waitUntil(lambda: window.current_section() == "register")
    qtbot.waitUntil(lambda: register.visible_ids() == [])  # type: ignore[attr-defined]
    empty = window.findChild(QLabel, "registerEmptyText")
    assert empty is not None
    qtbot.waitUntil(empty.isVisible)
    assert empty.text()
    window.show_section("dashboard")
    _click(qtbot, view, _find(model, "power_outage", "response"))
    expected = _expected_actors(window, "power_outage", "response")
    qtbot.waitUntil(lambda: set(register.visible_ids()) == expected)  # type: ignore[attr-defined]
