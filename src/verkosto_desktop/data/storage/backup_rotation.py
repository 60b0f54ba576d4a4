"""Which backups are kept: the last 10, the newest of each of the last 14 days and the newest of
each of the last 12 months (days and months in local time). Only files named as backups are
ever removed."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

from verkosto_desktop.data.storage.backup_names import BackupInfo, named_backups
from verkosto_desktop.domain.clock import to_local

KEEP_LAST = 10
KEEP_DAYS = 14
KEEP_MONTHS = 12


def _months_between(later: datetime, earlier: datetime) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def backups_to_keep(backups: list[BackupInfo], now: datetime) -> set[Path]:
    """Which of ``backups`` rotation keeps: the last 10, the newest of each of the last 14
    days and the newest of each of the last 12 months (days and months in local time)."""
    ordered = sorted(backups, key=lambda info: info.taken_at, reverse=True)
    keep = {info.path for info in ordered[:KEEP_LAST]}
    today = to_local(now).date()
    this_month = to_local(now)
    seen_days: set[object] = set()
    seen_months: set[tuple[int, int]] = set()
    for info in ordered:
        local = to_local(info.taken_at)
        if 0 <= (today - local.date()).days < KEEP_DAYS and local.date() not in seen_days:
            seen_days.add(local.date())
            keep.add(info.path)
        month = (local.year, local.month)
        if 0 <= _months_between(this_month, local) < KEEP_MONTHS and month not in seen_months:
            seen_months.add(month)
            keep.add(info.path)
    return keep


def rotate(folder: Path, now: datetime | None = None, keep: Path | None = None) -> list[Path]:
    """Remove the backups in ``folder`` that rotation does not keep (never ``keep``, the one
    just made, even if the clock went backwards); returns those removed."""
    backups = named_backups(folder)
    keep_paths = backups_to_keep(backups, now or datetime.now(UTC))
    if keep is not None:
        keep_paths.add(keep)
    removed: list[Path] = []
    for info in backups:
        if info.path not in keep_paths:
            with contextlib.suppress(OSError):
                info.path.unlink()
                removed.append(info.path)
    return removed
