"""Browsing the register: search, filters, sorting, empty results, and the section's interface."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QToolButton
from pytestqt.qtbot import QtBot
from register_support import (
    KNOWN,
    LONG_AGO,
    RECENT,
    Spec,
    click,
    double_click_cell,
    open_window,
    shown_names,
    type_into,
)

from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.ui.register.filter_bar import Chip
from verkosto_desktop.ui.register.row_text import (
    COL_AREA,
    COL_NAME,
    COL_PHONE,
    COL_VERIFIED,
)


def finnish(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)


def expected(predicate) -> list[str]:  # type: ignore[no-untyped-def]
    return finnish([spec.name for spec in KNOWN if predicate(spec)])


def covers(spec: Spec, *, phase: str = "", situation: str = "", category: str = "") -> bool:
    return any(
        (not category or c == category)
        and (not phase or phase in phases)
        and (not situation or situation in situations)
        for c, phases, situations in spec.capabilities
    )


def test_everything_is_listed_in_finnish_order_with_the_count(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    _window, section = open_window(qtbot, known[0])
    assert shown_names(section) == finnish([s.name for s in KNOWN])
    assert shown_names(section)[-2:] == ["Ähtärin seurakunta", "Öljymäen VPK"]
    assert section.filter_bar.count.text() == f"{len(KNOWN)} / {len(KNOWN)} toimijaa"


@pytest.mark.parametrize(
    ("typed", "predicate"),
    [
        ("martat", lambda s: "Martat" in s.name),
        ("keskusta", lambda s: s.area == "Keskusta"),
        ("765 4321", lambda s: s.contact is not None and s.contact[1].endswith("765 4321")),
        ("0401234567", lambda s: s.contact is not None and s.contact[1] == "040 123 4567"),
        ("zorro", lambda s: s.contact is not None and s.contact[0].startswith("Zorro")),
        ("nobody", lambda s: False),
    ],
)
def test_typing_in_the_search_box_narrows_the_table(
    qtbot: QtBot, known: tuple[Path, dict[str, str]], typed: str, predicate: object
) -> None:
    _window, section = open_window(qtbot, known[0])
    type_into(qtbot, section.filter_bar.search, typed)
    assert shown_names(section) == expected(predicate)
    shown = len(shown_names(section))
    assert section.filter_bar.count.text() == f"{shown} / {len(KNOWN)} toimijaa"


def _choose(combo: QComboBox, key: str) -> None:
    # What choosing an entry in the drop-down does: the current entry changes to it.
    index = combo.findData(key)
    assert index > 0, key
    combo.setCurrentIndex(index)


@pytest.mark.parametrize(
    ("control", "key", "predicate"),
    [
        ("kind", "parish", lambda s: s.kind == "parish"),
        ("kind", "association", lambda s: s.kind == "association"),
        ("phase", "recovery", lambda s: covers(s, phase="recovery")),
        ("phase", "preparedness", lambda s: covers(s, phase="preparedness")),
        ("situation", "storm", lambda s: covers(s, situation="storm")),
        ("situation", "power_outage", lambda s: covers(s, situation="power_outage")),
        ("category", "catering", lambda s: covers(s, category="catering")),
        ("membership", "candidate", lambda s: s.membership == "candidate"),
    ],
)
def test_each_filter_narrows_to_exactly_the_expected_rows(
    qtbot: QtBot, known: tuple[Path, dict[str, str]], control: str, key: str, predicate: object
) -> None:
    _window, section = open_window(qtbot, known[0])
    _choose(getattr(section.filter_bar, control), key)
    assert shown_names(section) == expected(predicate)


def test_not_verified_filter_and_combined_filters(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    _window, section = open_window(qtbot, known[0])
    click(qtbot, section.filter_bar.stale)
    assert shown_names(section) == expected(lambda s: s.verified in (None, LONG_AGO))
    click(qtbot, section.filter_bar.stale)
    # Phase, situation and category apply to one and the same capability.
    _choose(section.filter_bar.category, "catering")
    _choose(section.filter_bar.phase, "recovery")
    assert shown_names(section) == expected(
        lambda s: covers(s, category="catering", phase="recovery")
    )
    _choose(section.filter_bar.situation, "power_outage")
    assert shown_names(section) == []
    assert section._table_pages.currentIndex() == 1
    assert section.empty_text.text() == "Yksikään toimija ei vastaa hakua ja suodattimia."
    click(qtbot, section.empty_clear)
    assert shown_names(section) == finnish([s.name for s in KNOWN])
    assert section.filter_bar.category.currentData() is None


def test_clear_all_button_removes_search_and_filters(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    _window, section = open_window(qtbot, known[0])
    type_into(qtbot, section.filter_bar.search, "keskusta")
    _choose(section.filter_bar.kind, "parish")
    assert len(shown_names(section)) == 1
    click(qtbot, section.filter_bar.clear_button)
    assert section.filter_bar.search.text() == ""
    assert len(shown_names(section)) == len(KNOWN)


def test_clicking_headers_sorts_in_finnish_order(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    _window, section = open_window(qtbot, known[0])
    header = section.table.horizontalHeader()

    def click_header(column: int) -> None:
        position = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)

    click_header(COL_NAME)  # sorted by name already: a click turns the order round
    assert shown_names(section) == list(reversed(finnish([s.name for s in KNOWN])))
    click_header(COL_AREA)
    areas = [section.table.model().index(r, COL_AREA).data() for r in range(len(KNOWN))]
    assert areas == sorted(areas, key=sort_key)
    assert areas[-1] == "Åminne"  # å sorts after z in Finnish, unlike in code-point order
    assert section.current_filter().sort == "area"


def test_apply_filter_shows_chips_and_reports_the_filter(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    path, ids = known
    _window, section = open_window(qtbot, path)
    seen: list[ActorFilter] = []
    section.filter_changed.connect(seen.append)
    flt = ActorFilter(health="no_24_7", kind="association")
    section.apply_filter(flt)
    assert section.filter_bar.kind.currentData() == "association"
    chips = [chip.label.text() for chip in section.filter_bar.findChildren(Chip)]
    assert chips == ["Ei 24/7-yhteyshenkilöä"]
    store = section.context.store
    assert section.visible_ids() == search_actor_ids(store, flt)
    assert seen and seen[-1].health == "no_24_7"
    assert section.current_filter().health == "no_24_7"

    chosen = (ids["Aapiskoulu"], ids["Öljymäen VPK"])
    section.apply_filter(ActorFilter(ids=chosen))
    assert set(section.visible_ids()) == set(chosen)
    (chip,) = [c for c in section.filter_bar.findChildren(Chip) if c.isVisible()]
    assert chip.label.text() == "Valitut toimijat (2)"
    remove = chip.findChild(QToolButton, "filterChipRemove")
    assert remove is not None
    click(qtbot, remove)
    assert len(section.visible_ids()) == len(KNOWN)
    assert seen[-1].ids is None


def test_double_clicking_a_phone_copies_it(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    _window, section = open_window(qtbot, known[0])
    type_into(qtbot, section.filter_bar.search, "zorro")
    double_click_cell(qtbot, section, 0, COL_PHONE)
    assert QApplication.clipboard().text() == "050 246 8100"


def test_ctrl_f_goes_to_the_search_box(qtbot: QtBot, known: tuple[Path, dict[str, str]]) -> None:
    window, section = open_window(qtbot, known[0])
    section.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert section.filter_bar.search.hasFocus()


def test_the_table_model_is_a_proper_qt_model(
    qtbot: QtBot,
    qtmodeltester,
    known: tuple[Path, dict[str, str]],  # type: ignore[no-untyped-def]
) -> None:
    _window, section = open_window(qtbot, known[0])
    model = section.model
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (len(KNOWN), 9)
    assert model.headerData(COL_VERIFIED, Qt.Orientation.Horizontal) == "Tarkistettu viimeksi"
    # The fixture's dates are relative to today: a month ago is current, 800 days ago is not.
    ids = known[1]
    for name, shown, stale in (
        ("Esimerkkilän Martat", format_date(RECENT), False),
        ("Öljymäen VPK", format_date(LONG_AGO), True),
        ("Ähtärin seurakunta", "ei koskaan", True),
    ):
        row = model.row_of(ids[name])
        assert row is not None
        cell = model.index(row, COL_VERIFIED)
        # A stale date carries a mark besides its colour (greyscale screens, colour blindness).
        assert cell.data() == ("⚠ " + shown if stale else shown), name
        assert (cell.data(Qt.ItemDataRole.ForegroundRole) is not None) is stale, name
        tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip == ("Ei tarkistettu 12 kuukauteen" if stale else None), name
