"""Defaults that match what a coordinator means: the log's author is the person (asked once,
kept), never the computer's login name; the call round's counts agree everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.i18n import set_language
from verkosto_desktop.ui.incident.section import IncidentSection
from verkosto_desktop.ui.network.call_round_dialog import NewCallRoundDialog


def _incident(qtbot: QtBot, path: Path) -> IncidentSection:
    window = build_window(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    section = window.show_section("incident")
    assert isinstance(section, IncidentSection)
    return section


def test_the_log_author_is_asked_once_and_kept(qtbot: QtBot, demo_path: Path) -> None:
    section = _incident(qtbot, demo_path)
    # Never the login name ("root" on the printed meeting pack).
    assert section.author() == "" and section.header.author.text() == ""
    prompt = section.author_prompt
    assert prompt.isVisible()
    assert not section.header.author.isVisible()  # one name field at a time
    qtbot.keyClicks(prompt.name, "Aino Koordinaattori")
    qtbot.keyClick(prompt.name, Qt.Key.Key_Return)
    assert not prompt.isVisible()
    assert section.author() == "Aino Koordinaattori"
    assert section.header.author.isVisible()  # to change it later
    entry = section.log_tab.entry
    qtbot.keyClicks(entry, "Generator at the school")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    incident_id = section.current_incident_id()
    assert incident_id is not None
    store = section.context.store
    newest = incident_log.log_entries(store, incident_id)[0]
    assert newest.text == "Generator at the school" and newest.author == "Aino Koordinaattori"
    section.window().close()

    again = _incident(qtbot, demo_path)
    assert again.author() == "Aino Koordinaattori"
    assert not again.author_prompt.isVisible()


def _form_labels(widget: QWidget) -> list[list[str]]:
    forms = []
    for form in widget.findChildren(QFormLayout):
        labels = []
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.text():
                labels.append(label.text().replace("&", ""))
        forms.append(labels)
    return forms


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_labels_in_one_form_say_which_field_is_which(
    qtbot: QtBot, demo_path: Path, language: str
) -> None:
    set_language(language)
    window = build_window(demo_path)
    qtbot.addWidget(window)
    exports = window.show_section("printouts")
    assert exports is not None
    dialog = NewCallRoundDialog(window.context.store, window)
    qtbot.addWidget(dialog)
    checked = 0
    for widget in (exports, dialog):
        for labels in _form_labels(widget):
            assert len(labels) == len(set(labels)), labels
            checked += len(labels)
    assert checked > 10
