"""Two programs writing one file at once (a window and a script), while the command line reads
and backs it up: nobody sees "database is locked", and the totals are right."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from reliability_harness import Worker, integrity, tally

from verkosto_desktop.data.storage.store import Store

EDITS = 80


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verkosto_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_two_writers_and_the_command_line(tmp_path: Path, worker: Callable[..., Worker]) -> None:
    database = tmp_path / "shared.verkosto"
    Store.open(database).close()
    writers = [
        worker("writer.py", str(database), str(EDITS), tag, "counter")
        for tag in ("Ikkuna", "Skripti")
    ]
    for w in writers:
        assert w.receive() == {"ready": True}

    commands = [
        ["find", "--database", str(database)],
        ["backup", "--database", str(database)],
        ["check", "--database", str(database)],
    ]
    cli_runs = 0
    while any(w.process.poll() is None for w in writers) or cli_runs < len(commands):
        result = _cli(*commands[cli_runs % len(commands)])
        cli_runs += 1
        assert result.returncode == 0, result.stderr
        assert "locked" not in result.stderr.lower()
    finished = [w.receive() for w in writers]

    for summary in finished:
        assert summary["errors"] == [], summary["errors"]
        assert summary["done"] == EDITS
    assert integrity(database) == "ok"
    connection = sqlite3.connect(database)
    try:
        created = connection.execute(
            "SELECT count(*) FROM actor WHERE name LIKE 'Ikkuna %' OR name LIKE 'Skripti %'"
        ).fetchone()[0]
        counter = connection.execute("SELECT description FROM network_info").fetchone()[0]
    finally:
        connection.close()
    assert created == 2 * EDITS
    assert int(counter) == 2 * EDITS
    tally("concurrent writes checked", 4 * EDITS)
    tally("command-line runs beside writers", cli_runs)
