"""Every event of the calendar export ends: at its own end, after the usual length of its kind,
or as an all-day event when it has no time of day. Read back with ``icalendar``, a parser
independent of the ``vobject`` that writes the file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from verkosto_desktop.cli import main
from verkosto_desktop.data.network import activities
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.activity_times import USUAL_MINUTES, calendar_span, usual_length
from verkosto_desktop.domain.clock import local_zone
from verkosto_desktop.domain.enums import ActivityKind
from verkosto_desktop.export.ics import write_ics

ZONE = local_zone()
EVENING = datetime(2026, 3, 14, 18, 30, tzinfo=ZONE)


def read_back(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_every_kind_of_activity_ends(store: Store, tmp_path: Path) -> None:
    made = {}
    for kind in ActivityKind:
        made[kind] = activities.create_activity(
            store,
            {"title": f"Ilman loppua: {kind.value}", "kind": kind.value, "starts_at": EVENING},
        )
    timed = activities.create_activity(
        store,
        {
            "title": "Harjoitus Äänekoskella",
            "kind": "exercise",
            "starts_at": EVENING,
            "ends_at": EVENING + timedelta(hours=5, minutes=15),
        },
    )
    whole_day = activities.create_activity(
        store,
        {
            "title": "Kylätalon talkoopäivä",
            "kind": "event",
            "starts_at": datetime(2026, 3, 21, 0, 0, tzinfo=ZONE),
        },
    )
    path = write_ics(tmp_path / "kalenteri.ics", activities.calendar_activities(store), "Verkosto")
    events = read_back(path)
    assert len(events) == len(ActivityKind) + 2
    for event in events.values():
        assert "DTEND" in event and event.decoded("DTEND") > event.decoded("DTSTART")
    for kind, activity in made.items():
        event = events[activity.title]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == EVENING
        assert end - start == timedelta(minutes=USUAL_MINUTES[kind])
    event = events[timed.title]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=5, minutes=15)
    event = events[whole_day.title]
    # A date with no time of day: an all-day event (DTEND the next day, exclusive).
    assert event.decoded("DTSTART") == date(2026, 3, 21)
    assert event.decoded("DTEND") == date(2026, 3, 22)
    assert not isinstance(event.decoded("DTSTART"), datetime)


def test_the_span_rules() -> None:
    assert usual_length("no-such-kind") == timedelta(hours=1)
    utc_midnight = datetime(2026, 3, 21, 0, 0, tzinfo=UTC)  # 02:00 in Helsinki: a time
    span = calendar_span("club", utc_midnight, None, ZONE)
    assert not span.all_day and span.end == utc_midnight + timedelta(hours=2)
    # An end before the start (a file edited by hand) is replaced by the usual length.
    backwards = calendar_span("meeting", EVENING, EVENING - timedelta(hours=1), ZONE)
    assert backwards.end == EVENING + timedelta(hours=2)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_exported_demo_calendar_ends_every_event(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    out = tmp_path / "demo.ics"
    assert (
        main(["--lang", language, "export", "ics", "--database", str(demo_path), "--out", str(out)])
        == 0
    )
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    with Store.open(demo_path) as store:
        assert len(events) == len(activities.calendar_activities(store)) > 0
    for event in events:
        assert event.decoded("DTEND") > event.decoded("DTSTART")
