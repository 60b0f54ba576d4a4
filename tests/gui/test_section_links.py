"""The sections reach each other through ``ui/sections.py``: printing goes to the exports
section, contacts open in the register."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.incidents import active_incidents
from verkosto_desktop.ui.main_window import MainWindow


def _window(qtbot: QtBot, demo_path: Path) -> MainWindow:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_network_prints_its_plan_through_the_exports_section(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = _window(qtbot, demo_path)
    network = window.section("network")
    network.print_requested.emit("plan")  # type: ignore[union-attr]
    assert window.current_section() == "exports"
    exports = window.section("exports")
    assert exports.choices.kind_chosen().value == "plan"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: exports.panel.preview.page_count() > 0, timeout=30_000)  # type: ignore[union-attr]
    window.close()


def test_the_incident_prints_its_meeting_pack(qtbot: QtBot, demo_path: Path) -> None:
    window = _window(qtbot, demo_path)
    (active,) = active_incidents(window.context.store)
    incident = window.section("incident")
    incident._pack_printer(active.id, "")  # type: ignore[union-attr]
    assert window.current_section() == "exports"
    exports = window.section("exports")
    request = exports.choices.request()  # type: ignore[union-attr]
    assert (request.kind.value, request.incident_id) == ("meeting", active.id)
    window.close()
