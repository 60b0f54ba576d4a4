"""Writes ``count`` edits as fast as it can, like a window whose user types quickly.

Each edit creates an actor and, with ``counter`` given, in a second transaction adds one to a
shared counter kept in the network's description (read and written inside one write
transaction). Prints ``{"done": count, "errors": […]}`` at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

from _common import say
from sqlalchemy import select

from verkosto_desktop.data.models import NetworkInfo
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError


def main(database: Path, count: int, tag: str, counter: bool) -> None:
    errors: list[str] = []
    store = Store.open(database)
    say(ready=True)
    done = 0
    for i in range(count):
        try:
            actors.create_actor(store, {"name": f"{tag} {i:04d}"})
            if not counter:
                done += 1
                continue
            with store.write() as session:
                row = session.scalars(select(NetworkInfo)).first()
                assert row is not None
                row.description = str(int(row.description or "0") + 1)
            done += 1
        except VerkostoError as error:
            errors.append(str(error))
    store.close()
    say(done=done, errors=errors)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:] == ["counter"])
