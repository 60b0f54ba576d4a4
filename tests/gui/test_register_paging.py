"""A register longer than the table reads: the table holds the first ids, reads more as the user
scrolls to the end, says how many match in all, and finds an actor further down when asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from register_support import open_window, shown_names, type_into

from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import ActorFilter, actor_rows, search_actor_ids
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.ui.register.actor_table_model import FIRST_IDS

ACTORS = 1200


@pytest.fixture(scope="module")
def generated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paging") / "generated.verkosto"
    with Store.open(path) as store:
        write_large_demo(store, actors=ACTORS)
    return path


@pytest.fixture
def generated(generated_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "generated.verkosto"
    target.write_bytes(generated_template.read_bytes())
    return target


def _names_of(store: Store, flt: ActorFilter) -> list[str]:
    return [row.name for row in actor_rows(store, search_actor_ids(store, flt))]


def test_the_table_reads_more_as_it_scrolls_and_counts_all(
    qtbot: QtBot,
    generated: Path,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    window, section = open_window(qtbot, generated)
    model = section.model
    assert model.rowCount() == FIRST_IDS < ACTORS
    assert section.filter_bar.count.text() == f"{ACTORS} / {ACTORS} toimijaa"
    table = section.table
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    # End and Page Down, as a user reads down the list: the table reads more at the end.
    for _step in range(60):
        QTest.keyClick(table, Qt.Key.Key_End)
        QTest.keyClick(table, Qt.Key.Key_PageDown)
        if model.rowCount() == ACTORS:
            break
    assert model.rowCount() == ACTORS
    store = window.context.store
    assert shown_names(section) == _names_of(store, ActorFilter())
    qtmodeltester.check(model)


def test_a_search_counts_every_match_and_shows_the_first(qtbot: QtBot, generated: Path) -> None:
    window, section = open_window(qtbot, generated)
    type_into(qtbot, section.filter_bar.search, "ma")
    store = window.context.store
    everyone = _names_of(store, ActorFilter(text="ma"))
    assert len(everyone) > FIRST_IDS
    assert section.filter_bar.count.text() == f"{len(everyone)} / {ACTORS} toimijaa"
    assert shown_names(section) == everyone[:FIRST_IDS]
    assert section.visible_ids() == search_actor_ids(store, ActorFilter(text="ma"))


def test_an_actor_further_down_is_found_and_selected(qtbot: QtBot, generated: Path) -> None:
    window, section = open_window(qtbot, generated)
    store = window.context.store
    last = search_actor_ids(store, ActorFilter())[-1]
    section.select_actor(last)
    assert section.table.currentIndex().row() == section.model.row_of(last)
    assert section.model.id_at(section.table.currentIndex().row()) == last
    # A new actor named to sort near the end is selected where it lands.
    section.new_actor()
    created = actors.create_actor(store, {"name": "Öölannin kyläyhdistys"})
    section.select_actor(created.id)
    row = section.table.currentIndex().row()
    assert section.model.id_at(row) == created.id
    assert section.filter_bar.count.text() == f"{ACTORS + 1} / {ACTORS + 1} toimijaa"
