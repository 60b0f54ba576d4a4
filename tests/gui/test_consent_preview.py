"""The window's preview follows the same consent rule as ``verkosto export`` and the print pack:
a situation card shown on screen names nobody who did not agree to be named for authorities."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.register.offers import capability_offers
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.printouts import DocumentKind
from verkosto_desktop.ui.printouts import PrintoutsSection


def test_situation_card_preview_leaves_out_who_did_not_agree(qtbot: QtBot, demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        everyone = capability_offers(store, ["power_outage"])
        shared = capability_offers(store, ["power_outage"], audience=Audience.SHARED)
    named = {o.contact_name for o in shared}
    hidden = {o.contact_name for o in everyone if o.contact_name} - named
    assert hidden, "the demo has people who did not agree to sharing"

    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.show()
    section = window.show_section("printouts")
    assert isinstance(section, PrintoutsSection)
    combo = section.choices.document
    combo.setCurrentIndex(combo.findData(DocumentKind.SITUATION.value))
    situation = section.choices.situation
    situation.setCurrentIndex(situation.findData("power_outage"))
    button = section.findChild(QPushButton, "exportPreviewButton")
    assert button is not None
    with qtbot.waitSignal(section.panel.previewed, timeout=30_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    reader = PdfReader(io.BytesIO(section.panel.built or b""))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "yhteyshenkilöitä jätetty pois" in text
    assert all(name not in text for name in hidden), hidden
    assert any(name in text for name in named if name)
