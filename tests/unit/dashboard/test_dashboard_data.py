"""The network and incidents at a glance: active incidents, coming activities, open plan items."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from verkosto_desktop.data.dashboard.glance import OPEN_STATUSES
from verkosto_desktop.data.dashboard.readiness import read_readiness
from verkosto_desktop.data.models import (
    ActionItem,
    Activity,
    Incident,
    IncidentLogEntry,
    IncidentSituation,
)
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def _incident(store: Store, title: str, closed: bool = False) -> str:
    with store.write() as session:
        incident = Incident(
            title=title,
            phase="closed" if closed else "response",
            started_at=NOW - timedelta(hours=5),
            closed_at=NOW if closed else None,
        )
        session.add(incident)
        session.flush()
        session.add_all(
            IncidentSituation(incident_id=incident.id, situation_key=key)
            for key in ("power_outage", "storm")
        )
        for minutes, text in [(10, "Ensimmäinen"), (60, "Toinen"), (90, "Kolmas"), (120, "Neljäs")]:
            session.add(
                IncidentLogEntry(
                    incident_id=incident.id,
                    kind="observation",
                    happened_at=incident.started_at + timedelta(minutes=minutes),
                    text=text,
                )
            )
        for status in ("requested", "in_progress", "done", "cancelled"):
            session.add(
                ActionItem(title=f"Tehtävä {status}", status=status, incident_id=incident.id)
            )
        return incident.id


def test_active_incidents_with_open_tasks_and_latest_entries(store: Store) -> None:
    active = _incident(store, "Sähkökatko")
    _incident(store, "Vanha myrsky", closed=True)
    (summary,) = read_readiness(store, NOW).incidents
    assert summary.id == active and summary.title == "Sähkökatko"
    assert set(summary.situations) == {"power_outage", "storm"}
    assert summary.open_tasks == 2  # done and cancelled tasks are not open
    assert [e.text for e in summary.last_entries] == ["Neljäs", "Kolmas", "Toinen"]
    assert summary.started_at == NOW - timedelta(hours=5)


def test_no_incident_no_banner_data(store: Store) -> None:
    assert read_readiness(store, NOW).incidents == ()


def test_upcoming_activities_of_the_next_thirty_days(store: Store) -> None:
    organiser = actors.create_actor(store, {"name": "Martat"})
    with store.write() as session:
        for days, title in [(-2, "Mennyt"), (3, "Pian"), (29, "Kuun lopussa"), (31, "Myöhemmin")]:
            session.add(
                Activity(
                    kind="training",
                    title=title,
                    starts_at=NOW + timedelta(days=days),
                    organiser_id=organiser.id,
                )
            )
    activities = read_readiness(store, NOW).activities
    assert [a.title for a in activities] == ["Pian", "Kuun lopussa"]
    assert activities[0].organiser == "Martat"


def test_open_action_plan_items_only(store: Store) -> None:
    owner = actors.create_actor(store, {"name": "SPR"})
    incident = _incident(store, "Katko")
    with store.write() as session:
        session.add_all(
            [
                ActionItem(title="Myöhemmin", status="planned", due_on=date(2027, 3, 1)),
                ActionItem(title="Ilman päivää", status="in_progress"),
                ActionItem(
                    title="Ensin",
                    status="accepted",
                    due_on=date(2027, 1, 1),
                    responsible_id=owner.id,
                ),
                ActionItem(title="Tehty", status="done", due_on=date(2026, 12, 1)),
                ActionItem(title="Häiriön tehtävä", status="planned", incident_id=incident),
            ]
        )
    actions = read_readiness(store, NOW).actions
    assert [a.title for a in actions] == ["Ensin", "Myöhemmin", "Ilman päivää"]
    assert actions[0].responsible == "SPR"
    assert all(a.status in OPEN_STATUSES for a in actions)


def test_the_demo_shows_its_active_power_outage(demo_store: Store) -> None:
    picture = read_readiness(demo_store)
    assert picture.network_name == "Esimerkkilän järjestöverkosto"
    (incident,) = picture.incidents
    assert "power_outage" in incident.situations
    assert incident.open_tasks > 0 and incident.last_entries
    assert picture.activities and picture.actions
