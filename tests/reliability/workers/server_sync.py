"""Syncs a laptop's file with the regional register, as ``verkosto sync`` does, telling the
parent how far it has come: ``{"stage": n}`` at each step of the sync (1: receiving, 2: sending,
3: synced), ``{"inside": n}`` once merge ``n`` begins (1: into the laptop, 2: into the server),
and ``{"done": counts}`` at the end. Arguments: the file, the server URL, and where to stop:
merge number and statement number. Inside that merge, just before that SQL statement reaches
the database, the worker says ``{"stopped": n}`` and waits to be killed, so that a SIGKILL lands
inside the merge's open transaction whatever the speed of the machine."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from _common import say
from sqlalchemy import event
from sqlalchemy.engine import Engine

from verkosto_desktop.data.exchange import materialise
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.server.sync import sync
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress

_run = materialise.Materialiser.run
_merges = 0
_statements = 0
_STOP_MERGE = int(sys.argv[3])
_STOP_STATEMENT = int(sys.argv[4])


def _announced_run(self: materialise.Materialiser, touched: Any) -> Any:
    global _merges, _statements
    _merges += 1
    _statements = 0
    say(inside=_merges)
    return _run(self, touched)


def _count(*_args: Any) -> None:
    global _statements
    if _merges != _STOP_MERGE:
        return
    _statements += 1
    if _statements == _STOP_STATEMENT:
        say(stopped=_merges)
        time.sleep(3600)


def main() -> None:
    materialise.Materialiser.run = _announced_run  # type: ignore[method-assign]
    event.listen(Engine, "before_cursor_execute", _count)
    with Store.open(Path(sys.argv[1])) as laptop:
        server = ServerStore.connect(ServerAddress.parse(sys.argv[2]))
        try:
            result = sync(laptop, server, Progress(lambda done, _total, _text: say(stage=done)))
        finally:
            server.close()
    say(done={"pulled": result.pulled.changes, "pushed": result.pushed.changes})


if __name__ == "__main__":
    main()
