"""The "last verified" column says a stale date in words and with a symbol, not by colour alone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from register_support import KNOWN, LONG_AGO, open_window

from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.ui.register.row_text import COL_NAME, COL_VERIFIED


def test_stale_dates_carry_a_mark_and_words(
    qtbot: QtBot, known: tuple[Path, dict[str, str]]
) -> None:
    _window, section = open_window(qtbot, known[0])
    model = section.table.model()
    seen: dict[str, tuple[str, str]] = {}
    for row in range(model.rowCount()):
        name = str(model.index(row, COL_NAME).data())
        cell = model.index(row, COL_VERIFIED)
        seen[name] = (str(cell.data()), str(cell.data(Qt.ItemDataRole.AccessibleTextRole)))
    assert set(seen) == {spec.name for spec in KNOWN}
    for spec in KNOWN:
        shown, spoken = seen[spec.name]
        date_text = format_date(spec.verified) if spec.verified else "ei koskaan"
        if spec.verified in (None, LONG_AGO):
            assert shown == "⚠ " + date_text
            assert spoken == f"{date_text}, Ei tarkistettu 12 kuukauteen"
        else:
            assert shown == spoken == date_text
