"""Every date field reads what people type through the one parser: the network's date fields
take ``28.11.`` as the register does, and read back what they show in every language."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import set_language
from verkosto_desktop.ui.network.widgets import DateField


def test_the_network_date_field_takes_a_day_without_a_year(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "28.11.")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date() == date(local_today().year, 11, 28)
    field.clear()
    qtbot.keyClicks(field, "31.11.2026")
    with pytest.raises(ValidationError, match=r"31\.11\.2026"):
        field.date()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_date_shown_reads_back(qtbot: QtBot, language: str) -> None:
    set_language(language)
    field = DateField()
    qtbot.addWidget(field)
    field.set_date(date(2026, 3, 1))
    assert field.date() == date(2026, 3, 1)
