"""The dashboard's refresher: a burst of edits is one refresh, a failed read says so and the next
change reads everything again, and no worker outlives the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.dashboard.readiness import ReadinessTracker
from verkosto_desktop.data.register import actors
from verkosto_desktop.ui.dashboard import DashboardSection


def _open(qtbot: QtBot, path: Path) -> tuple[object, DashboardSection]:
    window = build_window(path)
    qtbot.addWidget(window)
    section = window.section("dashboard")
    assert isinstance(section, DashboardSection)
    qtbot.waitUntil(lambda: section.picture is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not section.busy)
    return window, section


def test_a_burst_of_edits_is_one_refresh(qtbot: QtBot, tmp_path: Path) -> None:
    window, section = _open(qtbot, tmp_path / "uusi.verkosto")
    pictures: list[object] = []
    section.refreshed.connect(lambda: pictures.append(section.picture))
    store = section.context.store
    for n in range(5):
        actors.create_actor(store, {"name": f"Yhdistys {n}"})
    qtbot.waitUntil(lambda: bool(pictures) and not section.busy, timeout=5000)
    assert len(pictures) == 1
    health = section.picture.health  # type: ignore[union-attr]
    item = health.item("no_capability")
    assert item is not None and item.actors == 5
    window.close()  # type: ignore[attr-defined]


def test_after_the_first_picture_edits_are_followed_actor_by_actor(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared: list[bool] = []
    real = ReadinessTracker.prepare

    def preparing(self: ReadinessTracker) -> None:
        real(self)
        prepared.append(self.prepared)

    monkeypatch.setattr(ReadinessTracker, "prepare", preparing)
    window, section = _open(qtbot, tmp_path / "uusi.verkosto")
    assert prepared == [True]  # once, after the first picture, on the worker
    refreshed: list[object] = []
    real_refresh = ReadinessTracker.refresh

    def refreshing(self, changes=None, now=None):  # type: ignore[no-untyped-def]
        refreshed.append(changes)
        return real_refresh(self, changes, now)

    monkeypatch.setattr(ReadinessTracker, "refresh", refreshing)
    with qtbot.waitSignal(section.refreshed, timeout=5000):
        actors.create_actor(section.context.store, {"name": "Uusi yhdistys"})
    qtbot.waitUntil(lambda: not section.busy)
    assert len(refreshed) == 1 and refreshed[0]  # only the changes were read again
    assert prepared == [True]  # already prepared: nothing to read again
    item = section.picture.health.item("no_capability")  # type: ignore[union-attr]
    assert item is not None and item.actors == 1
    window.close()  # type: ignore[attr-defined]


def test_a_failed_read_is_reported_and_the_next_change_reads_all(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, section = _open(qtbot, tmp_path / "uusi.verkosto")
    real = ReadinessTracker.refresh
    calls: list[object] = []

    def failing_once(self, changes=None, now=None):  # type: ignore[no-untyped-def]
        calls.append(changes)
        if len(calls) == 1:
            raise RuntimeError("levy irrotettu")
        return real(self, changes, now)

    monkeypatch.setattr(ReadinessTracker, "refresh", failing_once)
    store = section.context.store
    actors.create_actor(store, {"name": "Ensimmäinen"})
    status = section.findChild(QLabel, "dashboardStatus")
    assert status is not None
    qtbot.waitUntil(lambda: "levy irrotettu" in status.text(), timeout=5000)
    assert status.text().startswith("Tilannekuvaa ei voitu lukea")
    with qtbot.waitSignal(section.refreshed, timeout=5000):
        actors.create_actor(store, {"name": "Toinen"})
    assert calls[-1] is None  # everything was read again
    item = section.picture.health.item("no_capability")  # type: ignore[union-attr]
    assert item is not None and item.actors == 2
    window.close()  # type: ignore[attr-defined]


def test_the_category_grid_behind_its_tab_is_current_when_shown(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from verkosto_desktop.data.register import capabilities

    window, section = _open(qtbot, tmp_path / "uusi.verkosto")
    coverage = section.coverage
    model = coverage.category_model

    def count(category: str, situation: str) -> str:
        grid = model.grid  # the grid the view shows
        assert grid is not None
        row = [e.key for e in grid.rows].index(category)
        return str(
            model.index(row, grid.columns.index(situation)).data(Qt.ItemDataRole.DisplayRole)
        )

    assert coverage.currentIndex() == 0  # the category grid is behind its tab
    before = count("catering", "storm")
    actor = actors.create_actor(section.context.store, {"name": "Keittäjät"})
    with qtbot.waitSignal(section.refreshed, timeout=5000):
        capabilities.add_capability(
            section.context.store,
            actor.id,
            {"category_key": "catering", "phases": ["response"], "situations": ["storm"]},
        )
    assert count("catering", "storm") == before  # not worked out while nobody looks at it
    tabs = coverage.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    assert coverage.currentIndex() == 1
    assert count("catering", "storm") != before and "1" in count("catering", "storm")
    window.close()  # type: ignore[attr-defined]
