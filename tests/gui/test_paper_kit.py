"""The paper kit as a user drives it: the register's premises filter and its card on paper (the
same premises on screen and paper), premises per area on the dashboard, File → Print pack… and
the dashboard saying how old the paper is, following real edits."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.dashboard.premises import premises_by_area
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.premises import premises_rows
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.printouts import DocumentKind
from verkosto_desktop.ui.dashboard.premises_model import COLUMN_POWER, none_text
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.printouts import PrintPreviewDialog
from verkosto_desktop.ui.register.premises_filter import PremisesFilterButton


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> MainWindow:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    return window


def test_premises_filter_on_screen_and_the_card_on_paper_agree(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.context.store
    register = window.show_section("register")
    model = register.model  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=30_000)
    everyone = model.rowCount()
    button = register.findChild(PremisesFilterButton, "filterPremises")  # type: ignore[union-attr]
    assert button is not None and button.isVisible()
    button.actions_by_key["backup_power"].trigger()  # ticked in the button's menu
    button.actions_by_key["heating"].trigger()
    flt = ActorFilter(premises=("backup_power", "heating"))
    expected = search_actor_ids(store, flt)
    qtbot.waitUntil(lambda: model.rowCount() == len(expected), timeout=30_000)
    assert 0 < len(expected) < everyone
    count = register.findChild(QLabel, "registerCount")  # type: ignore[union-attr]
    assert count is not None and count.text().startswith(f"{len(expected)} / ")
    assert button.text() == "Tilat (2)"

    qtbot.mouseClick(register.filter_bar.print_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    (dialog,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PrintPreviewDialog) and w.isVisible()
    ]
    qtbot.addWidget(dialog)
    assert dialog.request().kind is DocumentKind.PREMISES
    qtbot.waitUntil(lambda: dialog.panel.built is not None, timeout=30_000)
    reader = PdfReader(io.BytesIO(dialog.panel.built or b""))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    every = {row.name for row in premises_rows(store)}
    chosen = premises_rows(store, flt)
    assert {name for name in every if name in text} == {row.name for row in chosen}
    # The actors on paper are the actors on screen.
    shown = {model.actor_row(r).id for r in range(model.rowCount())}
    assert {row.actor_id for row in chosen} == shown
    dialog.close()

    register.filter_bar.clear_all()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: model.rowCount() == everyone, timeout=30_000)
    assert button.text() == "Tilat" and not button.features()


def test_dashboard_counts_premises_per_area_and_opens_the_register(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.context.store
    dashboard = window.show_section("dashboard")
    qtbot.waitUntil(lambda: dashboard.picture is not None, timeout=30_000)  # type: ignore[union-attr]
    tabs = dashboard.coverage  # type: ignore[union-attr]
    table = tabs.premises
    tabs.setCurrentWidget(table.parentWidget())
    assert tabs.tabText(tabs.currentIndex()) == "⚠ Tilat alueittain"
    model = table.model()
    areas = premises_by_area(store)
    assert model.rowCount() == len(areas)
    texts = [model.index(r, COLUMN_POWER).data() for r in range(model.rowCount())]
    for area, text in zip(areas, texts, strict=True):
        assert text == (none_text() if area.backup_power == 0 else str(area.backup_power))
    assert none_text() == "⚠ ei yhtään" and none_text() in texts
    row = next(r for r, area in enumerate(areas) if area.backup_power > 0 and area.area)
    index = model.index(row, COLUMN_POWER)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    register = window.section("register")
    assert window.current_section() == "register"
    flt = ActorFilter(area=areas[row].area, premises=("backup_power",))
    qtbot.waitUntil(
        lambda: register.model.rowCount() == len(search_actor_ids(store, flt)),  # type: ignore[union-attr]
        timeout=30_000,
    )
    assert register.current_filter().premises == ("backup_power",)  # type: ignore[union-attr]
    assert len({r.actor_id for r in premises_rows(store, flt)}) == register.model.rowCount()  # type: ignore[union-attr]


def test_print_pack_from_the_file_menu_and_the_age_of_the_paper(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.context.store
    dashboard = window.show_section("dashboard")
    qtbot.waitUntil(lambda: dashboard.picture is not None, timeout=30_000)  # type: ignore[union-attr]
    label = dashboard.findChild(QLabel, "dashboardPack")  # type: ignore[union-attr]
    assert label is not None and "ei ole tehty tulostuspakettia" in label.text()

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(usb)))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    action = next(a for a in window.file_menu.actions() if a.objectName() == "printPack")
    printouts = window.section("printouts")
    with qtbot.waitSignal(printouts.pack_written, timeout=120_000) as written:  # type: ignore[union-attr]
        action.trigger()
    assert window.current_section() == "printouts"
    assert [written.args[0]] == list(usb.iterdir())
    window.show_section("dashboard")
    qtbot.waitUntil(lambda: "tehty tänään, ei muutoksia" in label.text(), timeout=30_000)

    actor = search_actor_ids(store, ActorFilter(text="seurakunta"))[0]
    actors.update_actor(store, actor, {"basic_activity": "Diakonia ja ruoka-apu"})
    qtbot.waitUntil(lambda: "1 muutos sen jälkeen" in label.text(), timeout=30_000)
    actors.update_actor(store, actor, {"basic_activity": "Diakonia"})
    qtbot.waitUntil(lambda: "2 muutosta sen jälkeen" in label.text(), timeout=30_000)
