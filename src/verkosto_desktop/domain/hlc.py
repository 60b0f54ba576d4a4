"""Hybrid logical clocks (Kulkarni et al. 2014), packed into one integer.

A stamp is ``milliseconds since 1970 << 16 | counter``: it sorts like wall-clock time, never goes
backwards on one laptop (a clock set back only makes the counter grow), and after a bundle is
merged the next local stamp is above everything received. A stamp from a laptop whose clock runs
far ahead is accepted but does not drag this laptop's clock with it beyond ``MAX_AHEAD_MS``:
causality between changes is decided by knowledge vectors (``domain.merge_rules``), so the clock
only has to break ties between concurrent edits.
"""

from __future__ import annotations

from datetime import UTC, datetime

COUNTER_BITS = 16
# A stamp more than this ahead of the receiving laptop's clock is reported in the merge summary.
MAX_AHEAD_MS = 24 * 60 * 60 * 1000


def pack(wall_ms: int, counter: int = 0) -> int:
    """A stamp from wall-clock milliseconds and a counter."""
    return (wall_ms << COUNTER_BITS) | counter


def wall_ms(stamp: int) -> int:
    """The wall-clock milliseconds part of a stamp."""
    return stamp >> COUNTER_BITS


def now_ms(moment: datetime | None = None) -> int:
    """Milliseconds since 1970 (UTC) of ``moment`` or of now."""
    moment = moment or datetime.now(UTC)
    return int(moment.timestamp() * 1000)


def tick(last: int, wall: int) -> int:
    """The next local stamp after ``last`` when the wall clock reads ``wall`` milliseconds."""
    return max(last + 1, pack(wall))


def receive(last: int, remote: int, wall: int) -> int:
    """The local clock after seeing ``remote``: the greater of the two, but never more than a
    day ahead of the wall clock (a laptop set a year ahead must not pull everyone along)."""
    return max(last, min(remote, pack(wall + MAX_AHEAD_MS)))


def is_ahead(stamp: int, wall: int) -> bool:
    """True when ``stamp`` is more than a day ahead of ``wall`` (a laptop with a wrong clock)."""
    return wall_ms(stamp) > wall + MAX_AHEAD_MS


def to_datetime(stamp: int) -> datetime:
    """The wall-clock time of a stamp, as an aware UTC datetime."""
    return datetime.fromtimestamp(wall_ms(stamp) / 1000, UTC)
