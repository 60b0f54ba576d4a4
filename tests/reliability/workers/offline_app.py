"""The whole program under a kernel-level network ban (see ``_common.forbid_network_sockets``):
open the demo, show the window, visit every section and tab, and make every document (see
``offline_tour``), Qt's print stack included. Any attempt at a network socket,
from Python or from native code, kills this process with SIGSYS.

``--self-test`` proves the ban works: it opens an AF_INET socket and must die.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from _common import forbid_network_sockets, say


def main(folder: Path, self_test: bool) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop("CUPS_SERVER", None)  # the program must keep printing local by itself
    if not forbid_network_sockets():
        say(unavailable=True)
        return
    say(guarded=True)
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    if self_test:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        say(survived=True)
        return
    from offline_tour import print_every_document, visit_sections

    from verkosto_desktop.app import build_window

    window = build_window(folder / "demo.verkosto", demo=True)
    window.show()
    app.processEvents()
    visited = visit_sections(window, app.processEvents)
    made = print_every_document(window, folder, app.processEvents)
    window.close()
    say(done=True, visited=visited, documents={name: str(path) for name, path in made.items()})


if __name__ == "__main__":
    main(Path(sys.argv[1]), "--self-test" in sys.argv)
