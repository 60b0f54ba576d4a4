"""The one background-job helper: outcomes and progress arrive on the UI thread, jobs run one
after another, a cancel stops the work, errors become sentences, and shutting down leaves no
thread running."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.ui.jobs import JobRunner, run_with_dialog


def _on_ui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def test_results_and_progress_arrive_on_the_ui_thread(qtbot: QtBot) -> None:
    runner = JobRunner()
    workers: list[str] = []
    seen: list[tuple[str, bool]] = []

    def work(progress: Progress) -> int:
        workers.append(threading.current_thread().name)
        for done in range(1, 4):
            progress.update(done, 3, "counting")
        return 42

    job = runner.submit(work)
    assert job is not None
    job.progressed.connect(
        lambda done, total, _m: seen.append((f"{done}/{total}", _on_ui_thread()))
    )
    job.succeeded.connect(lambda result: seen.append((f"result {result}", _on_ui_thread())))
    with qtbot.waitSignal(job.done, timeout=10_000):
        pass
    assert workers and workers[0] != threading.main_thread().name
    assert [text for text, _ui in seen] == ["1/3", "2/3", "3/3", "result 42"]
    assert all(ui for _text, ui in seen)
    assert not job.is_running() and not runner.busy()
    runner.shutdown()


def test_jobs_run_one_after_another(qtbot: QtBot) -> None:
    runner = JobRunner()
    order: list[str] = []
    running = threading.Lock()

    def step(name: str):  # type: ignore[no-untyped-def]
        def work(_progress: Progress) -> str:
            assert running.acquire(blocking=False), "two jobs ran at once"
            order.append(name)
            time.sleep(0.02)
            running.release()
            return name

        return work

    jobs = [runner.submit(step(name)) for name in ("a", "b", "c")]
    last = jobs[-1]
    assert last is not None
    with qtbot.waitSignal(last.succeeded, timeout=10_000):
        pass
    assert order == ["a", "b", "c"]
    runner.shutdown()


def test_cancel_failure_and_shutdown(qtbot: QtBot) -> None:
    runner = JobRunner()
    started = threading.Event()

    def endless(progress: Progress) -> None:
        started.set()
        while True:
            progress.update(1, 2)
            time.sleep(0.005)

    job = runner.submit(endless)
    assert job is not None
    assert started.wait(10)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()

    def invalid(_progress: Progress) -> None:
        raise ValidationError("name", "Nimi puuttuu.")

    def missing(_progress: Progress) -> None:
        raise FileNotFoundError(2, "No such file or directory", "/media/usb/x.pdf")

    messages: list[str] = []
    for work in (invalid, missing):
        failing = runner.submit(work)
        assert failing is not None
        failing.failed.connect(messages.append)
        with qtbot.waitSignal(failing.done, timeout=10_000):
            pass
    assert messages == ["Nimi puuttuu.", "No such file or directory (/media/usb/x.pdf)"]

    # Shutting down stops the running job, waits for its thread and refuses new work.
    started.clear()
    running = runner.submit(endless)
    assert running is not None and started.wait(10)
    runner.shutdown()
    assert running.wait(0)  # the work has returned: no thread is left inside it
    assert runner.submit(endless) is None


def test_the_dialog_stops_the_job(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = JobRunner(parent)
    started = threading.Event()

    def endless(progress: Progress) -> None:
        started.set()
        while True:
            progress.check()
            time.sleep(0.005)

    outcomes: list[object] = []
    job = run_with_dialog(runner, parent, "Odota", endless, outcomes.append, outcomes.append)
    assert job is not None and started.wait(10)
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)  # it appears once the job takes a moment
    stop = dialog.findChild(QPushButton)
    assert stop is not None and stop.text() == "Keskeytä"
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert outcomes == []  # stopped: neither a result nor an error
    runner.shutdown()


def test_closing_the_window_stops_every_runner(qtbot: QtBot, demo_path: Path) -> None:
    from verkosto_desktop.app import build_window

    window = build_window(demo_path)
    qtbot.addWidget(window)
    # Sections are built when first shown: show each, so that each has its runner.
    for key in ("dashboard", "register", "incident", "network", "printouts"):
        window.show_section(key)
    runners = window.findChildren(JobRunner)
    # The dashboard, the exports panel, the network section and the incident report.
    assert len(runners) >= 4
    dashboard = window.section("dashboard")
    qtbot.waitUntil(lambda: not dashboard.busy, timeout=10_000)  # type: ignore[union-attr]
    window.close()
    for runner in runners:
        assert not runner.busy()
        assert runner.submit(lambda _progress: None) is None  # shut down: no new work
