from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from verkosto_desktop.domain import hlc

DAY = 24 * 60 * 60 * 1000


@given(st.lists(st.integers(min_value=0, max_value=2**40), min_size=1, max_size=50))
def test_stamps_only_grow_whatever_the_wall_clock_does(walls: list[int]) -> None:
    last = 0
    for wall in walls:
        stamp = hlc.tick(last, wall)
        assert stamp > last
        assert hlc.wall_ms(stamp) >= wall
        last = stamp


def test_a_clock_set_back_keeps_counting_on_the_old_time() -> None:
    first = hlc.tick(0, 1_000_000)
    second = hlc.tick(first, 500_000)
    assert second == first + 1
    assert hlc.wall_ms(second) == 1_000_000


def test_after_receiving_the_next_stamp_is_above_what_was_received() -> None:
    wall = 10 * DAY
    remote = hlc.pack(wall + 60_000, 5)  # a minute ahead: accepted as is
    clock = hlc.receive(hlc.pack(wall), remote, wall)
    assert clock == remote
    assert hlc.tick(clock, wall) > remote


def test_a_laptop_a_year_ahead_does_not_drag_this_clock_more_than_a_day() -> None:
    wall = 1000 * DAY
    remote = hlc.pack(wall + 365 * DAY)
    clock = hlc.receive(hlc.pack(wall), remote, wall)
    assert hlc.wall_ms(clock) == wall + DAY
    assert hlc.is_ahead(remote, wall)
    assert not hlc.is_ahead(hlc.pack(wall + DAY - 1), wall)


def test_a_stamp_reads_back_as_its_time() -> None:
    stamp = hlc.pack(hlc.now_ms(), 3)
    assert abs(hlc.to_datetime(stamp).timestamp() * 1000 - hlc.wall_ms(stamp)) < 1
