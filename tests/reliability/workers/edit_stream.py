"""Forks edit streams on request, so that each one starts in milliseconds (imports are done once).

stdin: one JSON line per stream, ``{"db": path, "start": n}``. stdout: ``{"pid": …}`` when a
stream starts, ``{"ready": …}`` when it has opened the store, ``{"ack": n}`` after edit ``n`` was
committed (the data-layer call returned), ``{"exit": status}`` when the stream process ended.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

import edit_ops
from _common import say

from verkosto_desktop.data.register import actors  # noqa: F401 - imported before forking, on purpose
from verkosto_desktop.data.storage.store import Store


def stream(database: Path, start: int) -> None:
    store = Store.open(database)
    say(ready=os.getpid())
    ids: dict[str, str] = {}
    n = start
    while True:
        edit_ops.apply(store, n, ids)
        say(ack=n)
        n += 1


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                stream(Path(request["db"]), int(request["start"]))
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(3)
        say(pid=pid)
        _pid, status = os.waitpid(pid, 0)
        say(exit=status, signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0)


if __name__ == "__main__":
    main()
