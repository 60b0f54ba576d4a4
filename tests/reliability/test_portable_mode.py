"""Portable mode: with a ``verkosto-data`` folder beside the program, data, backups and settings
all live there (the whole thing runs from a USB stick) and nothing lands in the user's home."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reliability_harness import Worker, integrity

from verkosto_desktop.data.storage import backups


def test_everything_lives_beside_the_program(tmp_path: Path, worker: Callable[..., Worker]) -> None:
    stick = tmp_path / "USB"
    portable = stick / "verkosto-data"
    portable.mkdir(parents=True)
    home = tmp_path / "home"
    home.mkdir()
    # An empty value counts as unset, for Verkosto's override and for the XDG folders alike.
    env = {key: "" for key in os.environ if key.startswith("XDG_")}
    env.update(VERKOSTO_HOME="", HOME=str(home))
    used = worker("portable_app.py", str(stick), env=env).receive()
    assert used["portable"] is True
    for key in ("data", "settings", "database"):
        assert Path(used[key]).is_relative_to(portable), used
    database = Path(used["database"])
    assert integrity(database) == "ok"
    assert (portable / "settings" / "verkosto.ini").exists()
    taken = backups.list_backups(database)
    assert taken and all(b.path.is_relative_to(portable) for b in taken)
    assert list(home.rglob("*")) == []
