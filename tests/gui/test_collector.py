"""Python's cycle collector runs on the UI thread only, never in a background job's worker
(where freeing a widget's wrapper would delete the widget on the wrong thread)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.ui.collector import UiThreadCollector
from verkosto_desktop.ui.jobs import JobRunner


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The name of the thread each collection ran on, while the test runs."""
    seen: list[str] = []

    def record(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(threading.current_thread().name)

    gc.collect()
    gc.callbacks.append(record)
    yield seen
    gc.callbacks.remove(record)


def _make_garbage(_progress: Progress) -> int:
    for _ in range(50_000):
        Cycle()
    return 0


def _run_job(qtbot: QtBot) -> None:
    runner = JobRunner()
    job = runner.submit(_make_garbage)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=20_000):
        pass
    runner.shutdown()


def test_without_it_a_worker_thread_collects(qtbot: QtBot, collections: list[str]) -> None:
    # Why the collector exists: Python collects in whichever thread fills a generation.
    assert gc.isenabled()
    _run_job(qtbot)
    assert any(name != "MainThread" for name in collections)


def test_collection_happens_on_the_ui_thread_after_input(
    qtbot: QtBot, collections: list[str]
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    collector = UiThreadCollector(app, collect_after_ms=50)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    try:
        assert not gc.isenabled()
        _run_job(qtbot)
        assert collections == []  # the worker made 50,000 cycles and collected none
        qtbot.keyClick(field, Qt.Key.Key_A)
        qtbot.waitUntil(lambda: collector.collections > 0, timeout=5_000)
        assert collections and set(collections) == {"MainThread"}
        assert gc.get_count()[0] < 50_000
    finally:
        collector.retire()
    assert gc.isenabled()


def test_frozen_start_up_is_not_scanned_and_retiring_gives_everything_back(
    qtbot: QtBot,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    collector = UiThreadCollector(app)
    try:
        collector.freeze()
        assert gc.get_freeze_count() > 0
    finally:
        collector.retire()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    collector.freeze()  # a late timer after retiring changes nothing
    assert gc.get_freeze_count() == 0
