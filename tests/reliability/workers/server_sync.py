"""Syncs a laptop's file with the regional register, as ``verkosto sync`` does, telling the
parent how far it has come: ``{"stage": n}`` at each step of the sync (1: receiving, 2: sending,
3: synced), ``{"inside": n}`` once a merge's transaction is writing records (1: into the laptop,
2: into the server), and ``{"done": counts}`` at the end. Arguments: the file, the server URL."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from _common import say

from verkosto_desktop.data.exchange import materialise
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.server.sync import sync
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress

_run = materialise.Materialiser.run
_merges = 0


def _announced_run(self: materialise.Materialiser, touched: Any) -> Any:
    global _merges
    _merges += 1
    say(inside=_merges)
    return _run(self, touched)


def main() -> None:
    materialise.Materialiser.run = _announced_run  # type: ignore[method-assign]
    with Store.open(Path(sys.argv[1])) as laptop:
        server = ServerStore.connect(ServerAddress.parse(sys.argv[2]))
        try:
            result = sync(laptop, server, Progress(lambda done, _total, _text: say(stage=done)))
        finally:
            server.close()
    say(done={"pulled": result.pulled.changes, "pushed": result.pushed.changes})


if __name__ == "__main__":
    main()
