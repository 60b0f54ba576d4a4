"""Every section keeps the seams ``ui/sections.py`` says it keeps, with the protocol's exact
signatures: renaming ``select_contact`` (or changing its parameters) fails here instead of
silently breaking a link between sections."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.ui.sections import SEAMS, PrintsAsShown, ShowsDocument, seam


def _members(protocol: type) -> list[str]:
    return [
        name
        for name, value in vars(protocol).items()
        if callable(value) and not name.startswith("_")
    ]


def _signature(function: object) -> list[tuple[str, object, str]]:
    parameters = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    return [(p.name, p.default, str(p.annotation)) for p in parameters]


def test_each_section_keeps_its_seams_with_their_signatures(qtbot: QtBot, demo_path: Path) -> None:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    navigation = window.findChild(QListWidget, "navigation")
    assert navigation is not None
    role = Qt.ItemDataRole.UserRole
    keys = [navigation.item(row).data(role) for row in range(navigation.count())]
    assert sorted(keys) == sorted(SEAMS), "every section names its seams in SEAMS"
    checked = 0
    for key, seams in SEAMS.items():
        section = window.section(key)
        for protocol in seams:
            assert isinstance(section, protocol), (key, protocol.__name__)
            for name in _members(protocol):
                kept = getattr(type(section), name)
                assert _signature(kept) == _signature(getattr(protocol, name)), (key, name)
                checked += 1
    assert checked >= 9
    window.close()


def test_a_section_without_a_seam_is_an_error_not_a_quiet_no_op(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    assert seam(window, "printouts", ShowsDocument) is window.section("printouts")
    assert seam(window, "no such section", ShowsDocument) is None
    with pytest.raises(TypeError, match="network"):
        seam(window, "network", PrintsAsShown)
    window.close()
