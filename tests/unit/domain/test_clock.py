"""'Today' is the user's date, not the machine's UTC date (CI found the difference at 00.30 in
Helsinki: file names and "verified today" said one day, the tests another)."""

from __future__ import annotations

from datetime import date

import pytest

from verkosto_desktop.domain import clock


@pytest.mark.usefixtures("late_evening")
def test_today_is_the_date_in_helsinki() -> None:
    assert clock.local_today() == date(2026, 12, 7)
    assert clock.now_local().hour == 0


@pytest.mark.usefixtures("late_evening")
def test_the_zone_setting_moves_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERKOSTO_TZ", "UTC")
    assert clock.local_today() == date(2026, 12, 6)
    monkeypatch.setenv("VERKOSTO_TZ", "America/New_York")
    assert clock.local_today() == date(2026, 12, 6)
    monkeypatch.setenv("VERKOSTO_TZ", "Asia/Tokyo")
    assert clock.local_today() == date(2026, 12, 7)
