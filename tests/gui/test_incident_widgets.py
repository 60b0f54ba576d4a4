"""The incident section's models and its elapsed-time banner."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from verkosto_desktop.data.incident import incidents
from verkosto_desktop.data.incident import log as incident_log
from verkosto_desktop.data.incident.who_can_help import who_can_help
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.paths import locations
from verkosto_desktop.ui.context import AppContext, EventHub
from verkosto_desktop.ui.incident.assessments_tab import AssessmentListModel
from verkosto_desktop.ui.incident.banner import ActiveIncidentBanner
from verkosto_desktop.ui.incident.helpers_tab import HelperModel
from verkosto_desktop.ui.incident.log_model import LogTableModel


@pytest.fixture
def context(demo_store: Store, tmp_path: Path) -> AppContext:
    hub = EventHub()
    hub.attach(demo_store)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(store=demo_store, settings=settings, hub=hub, locations=locations())


def test_models_pass_the_model_tester(qtmodeltester: Any, demo_store: Store) -> None:
    incident = incidents.active_incidents(demo_store)[0]
    entries = incident_log.log_entries(demo_store, incident.id)
    log = LogTableModel()
    log.set_rows(entries)
    qtmodeltester.check(log)
    helpers = HelperModel(lambda: {})
    helpers.set_rows(who_can_help(demo_store, incident.id))
    qtmodeltester.check(helpers)
    assessments = AssessmentListModel()
    assessments.set_rows(incident_log.assessments(demo_store, incident.id))
    qtmodeltester.check(assessments)


def test_banner_ticks_without_reading_the_database(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    banner = ActiveIncidentBanner(context)
    qtbot.addWidget(banner)
    active = incidents.active_incidents(context.store)[0]
    assert banner.incident_id() == active.id
    label = banner.elapsed_label()
    assert label.is_ticking()
    reads = 0
    real_read = context.store.read

    @contextmanager
    def counting_read():  # type: ignore[no-untyped-def]
        nonlocal reads
        reads += 1
        with real_read() as session:
            yield session

    monkeypatch.setattr(context.store, "read", counting_read)
    label.clock = lambda: active.started_at + timedelta(hours=5, minutes=20)
    label.tick()
    first = label.text()
    label.clock = lambda: active.started_at + timedelta(hours=7, minutes=2)
    label.tick()
    assert first == "5 h 20 min" and label.text() == "7 h 2 min"
    assert reads == 0
    # A change to an incident (here: closing it) makes the banner read again and hide.
    monkeypatch.setattr(context.store, "read", real_read)
    incidents.close_incident(context.store, active.id, "Opittiin")
    assert banner.incident_id() is None and not label.is_ticking()


def test_banner_reads_again_only_after_incident_changes(qtbot: QtBot, context: AppContext) -> None:
    banner = ActiveIncidentBanner(context)
    qtbot.addWidget(banner)
    before = banner.text()
    newer = incidents.start_incident(
        context.store,
        {
            "title": "Vesikatko Koivuniemessä",
            "situations": ["water_outage"],
            "started_at": utcnow(),
        },
    )
    assert banner.incident_id() == newer.id
    assert "Vesikatko Koivuniemessä" in banner.text() and banner.text() != before
    assert "2 käynnissä" in banner.text()


def test_banner_shortens_a_long_title_at_its_end(qtbot: QtBot, context: AppContext) -> None:
    title = "Myrsky ja laaja sähkökatko Kirkonkylässä, Koivuniemessä ja koko saaristossa " * 2
    incidents.start_incident(
        context.store,
        {"title": title.strip(), "situations": ["storm"], "started_at": utcnow()},
    )
    banner = ActiveIncidentBanner(context)
    qtbot.addWidget(banner)
    button = banner.findChild(QPushButton, "incidentStatusButton")
    assert button is not None
    shown = button.text()
    # What is going on stays readable from the start; the rest is on hover.
    assert shown.startswith("⚠ Häiriötilanne käynnissä: Myrsky ja") and shown.endswith("…")
    assert len(shown) < len(title)
    assert title.strip() in button.toolTip() and title.strip() in banner.text()
