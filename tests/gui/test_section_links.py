"""The sections reach each other through ``ui/sections.py``: printing goes to the exports
section, contacts open in the register."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.incident.incidents import active_incidents
from verkosto_desktop.ui.main_window import MainWindow


def _window(qtbot: QtBot, demo_path: Path) -> MainWindow:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_network_prints_its_plan_through_the_printouts_section(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = _window(qtbot, demo_path)
    network = window.section("network")
    network.print_requested.emit("plan")  # type: ignore[union-attr]
    assert window.current_section() == "printouts"
    exports = window.section("printouts")
    assert exports.choices.kind_chosen().value == "plan"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: exports.panel.preview.page_count() > 0, timeout=30_000)  # type: ignore[union-attr]
    window.close()


def test_the_incident_prints_its_meeting_pack(qtbot: QtBot, demo_path: Path) -> None:
    window = _window(qtbot, demo_path)
    (active,) = active_incidents(window.context.store)
    incident = window.section("incident")
    incident._pack_printer(active.id, "")  # type: ignore[union-attr]
    assert window.current_section() == "printouts"
    exports = window.section("printouts")
    request = exports.choices.request()  # type: ignore[union-attr]
    assert (request.kind.value, request.incident_id) == ("meeting", active.id)
    window.close()


def _preview_dialogs() -> list:  # type: ignore[type-arg]
    from PySide6.QtWidgets import QApplication

    from verkosto_desktop.ui.printouts import PrintPreviewDialog

    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PrintPreviewDialog) and w.isVisible()
    ]


def test_the_register_prints_exactly_what_it_shows(qtbot: QtBot, demo_path: Path) -> None:
    from PySide6.QtCore import Qt

    from verkosto_desktop.data.register.search import search_actor_ids

    window = _window(qtbot, demo_path)
    register = window.show_section("register")
    register.filter_bar.search.setText("kylä")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: len(register.visible_ids()) < 40)  # type: ignore[union-attr]
    shown = register.visible_ids()  # type: ignore[union-attr]
    qtbot.mouseClick(register.filter_bar.print_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    (dialog,) = _preview_dialogs()
    request = dialog.request()
    assert search_actor_ids(window.context.store, request.filter) == shown
    qtbot.waitUntil(lambda: dialog.panel.preview.page_count() > 0, timeout=30_000)
    dialog.close()
    window.close()


def test_a_register_health_list_prints_from_the_dashboard(qtbot: QtBot, demo_path: Path) -> None:
    from PySide6.QtCore import Qt

    from verkosto_desktop.data.register.search import search_actor_ids

    window = _window(qtbot, demo_path)
    dashboard = window.show_section("dashboard")
    lists = dashboard.lists  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: lists.health_model.rowCount() > 0, timeout=30_000)
    assert not lists.print_health.isEnabled()
    from verkosto_desktop.ui.dashboard.health_model import FILTER_ROLE

    model = lists.health_model
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, 1).data(FILTER_ROLE).health == "no_24_7"
    )
    counted = int("".join(ch for ch in str(model.index(row, 0).data()) if ch.isdigit()))
    lists.health.setCurrentIndex(model.index(row, 1))
    assert lists.print_health.isEnabled()
    qtbot.mouseClick(lists.print_health, Qt.MouseButton.LeftButton)
    (dialog,) = _preview_dialogs()
    flt = dialog.request().filter
    assert flt.health == "no_24_7"
    assert len(search_actor_ids(window.context.store, flt)) == counted > 0
    dialog.close()
    window.close()


def test_the_dashboard_shows_the_founding_progress_and_opens_the_network(
    qtbot: QtBot, demo_path: Path
) -> None:
    from verkosto_desktop.data.network import founding

    window = _window(qtbot, demo_path)
    dashboard = window.show_section("dashboard")
    label = dashboard.founding  # type: ignore[union-attr]
    done, total, next_step = founding.progress(window.context.store)
    qtbot.waitUntil(lambda: f"{done}/{total} " in label.text(), timeout=30_000)
    assert next_step in label.text()
    # Marking the next step done moves the progress on, without a restart.
    step = next(s for s in founding.founding_steps(window.context.store) if not s.settled)
    founding.update_step(window.context.store, step.id, {"status": "done"})
    qtbot.waitUntil(lambda: f"{done + 1}/{total} " in label.text(), timeout=30_000)
    label.linkActivated.emit("network")
    assert window.current_section() == "network"
    window.close()
