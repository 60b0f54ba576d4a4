"""Every acknowledged edit survives SIGKILL at a random moment, and no transaction is half there.

A worker process streams edits through the data layer and reports each one on a pipe after the
call returned; the test kills it with SIGKILL after a random delay (sometimes while the store is
still opening, mostly in the middle of edits, sometimes during a WAL checkpoint), 60 times. After
each kill the file passes ``integrity_check`` and holds exactly the acknowledged edits, or those
plus the one in flight, each of them complete.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reliability_harness import WORKERS, Worker, integrity, tally

from verkosto_desktop.data.storage.store import Store

sys.path.insert(0, str(WORKERS))
import edit_ops

KILLS = 60


def _read_until_exit(stream: Worker, pid: int, delay: float) -> list[int]:
    """Collect acks until ``delay`` has passed, kill the stream, then drain to its exit line."""
    acks: list[int] = []
    deadline = time.monotonic() + delay
    killed = False
    while True:
        if not killed:
            remaining = deadline - time.monotonic()
            ready, _w, _x = select.select([stream.stdout], [], [], max(remaining, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                killed = True
                continue
        message = stream.receive()
        if "ack" in message:
            acks.append(int(message["ack"]))
        elif "exit" in message:
            assert message["signal"] == signal.SIGKILL, f"the stream died by itself: {message}"
            return acks


def test_acknowledged_edits_survive_sigkill(tmp_path: Path, worker: Callable[..., Worker]) -> None:
    database = tmp_path / "kill.verkosto"
    Store.open(database).close()
    rng = random.Random(20240611)
    stream = worker("edit_stream.py")
    done = 0  # edits known to be in the file
    checked = 0
    in_flight_kept = 0
    for _kill in range(KILLS):
        stream.send(db=str(database), start=done)
        started = stream.receive()
        assert "pid" in started
        # Most kills land among the edits; some while the store is still opening.
        delay = rng.uniform(0.0, 0.15) if rng.random() < 0.25 else rng.uniform(0.15, 0.8)
        acks = _read_until_exit(stream, int(started["pid"]), delay)
        assert acks == list(range(done, done + len(acks))), "acks out of order"
        acknowledged = done + len(acks)

        assert integrity(database) == "ok"
        found = edit_ops.observed(database)
        if found == edit_ops.expected(acknowledged):
            done = acknowledged
        elif found == edit_ops.expected(acknowledged + 1):
            # The edit in flight was committed just before the kill, completely.
            done = acknowledged + 1
            in_flight_kept += 1
        else:
            missing = set(edit_ops.expected(acknowledged)) - set(found)
            raise AssertionError(
                f"after kill {_kill}: {acknowledged} edits acknowledged, file differs; "
                f"missing {sorted(missing)[:5]}"
            )
        checked += acknowledged
        tally("SIGKILLs survived")
    tally("acknowledged edits in the file after the kills", done)
    tally("edit checks after kills", checked)
    assert done > KILLS, "too few edits were made between the kills to mean anything"

    # The program opens the file as usual and goes on writing.
    with Store.open(database) as store:
        edit_ops.apply(store, done, {})
    assert edit_ops.observed(database) == edit_ops.expected(done + 1)
    print(f"{KILLS} kills, {done} edits, {in_flight_kept} in-flight edits completed")
