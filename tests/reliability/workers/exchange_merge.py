"""Receives a bundle into a file, as File → Receive… does (backup, then one merge transaction).

Requests on stdin (one JSON line each): ``{"db", "bundle", "passphrase"}`` and optionally
``"limit"`` (a file-size limit in bytes set after the backup, as a disk filling up). Says
``{"pid"}`` first, ``{"inside": true}`` once the merge's transaction is writing records, and
``{"done": summary}`` or ``{"failed": reason}`` at the end.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from pathlib import Path
from typing import Any

from _common import say

from verkosto_desktop.data.errors import WriteFailed
from verkosto_desktop.data.exchange import materialise
from verkosto_desktop.data.exchange.bundle import read_bundle
from verkosto_desktop.data.exchange.merge import merge
from verkosto_desktop.data.storage.backups import make_backup
from verkosto_desktop.data.storage.store import Store

_run = materialise.Materialiser.run


def _announced_run(self: materialise.Materialiser, touched: Any) -> Any:
    say(inside=True)
    return _run(self, touched)


def receive(db: str, bundle: str, passphrase: str, limit: int | None = None) -> dict[str, Any]:
    change_set = read_bundle(Path(bundle), passphrase)
    with Store.open(Path(db)) as store:
        make_backup(store.path, "import")
        if limit is not None:
            _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
        try:
            summary = merge(store, change_set)
        except WriteFailed as error:
            return {"failed": error.reason, "message": str(error)}
        finally:
            _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
    return {"done": summary.as_dict()}


def main() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    materialise.Materialiser.run = _announced_run  # type: ignore[method-assign]
    say(pid=os.getpid())
    for line in sys.stdin:
        say(**receive(**json.loads(line)))


if __name__ == "__main__":
    main()
