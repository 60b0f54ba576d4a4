"""Runs the program as if it were the packaged executable in ``program`` (a USB stick): opens the
default file with the demo, then closes the window. Prints the locations it used."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from _common import say


def main(program: Path) -> None:
    # What PyInstaller sets for a frozen program; the checkout's own folder is not consulted.
    sys.frozen = True  # type: ignore[attr-defined]
    sys.executable = str(program / "verkosto")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from verkosto_desktop.app import build_window
    from verkosto_desktop.paths import locations

    app = QApplication([])
    where = locations()
    window = build_window(where.default_database, demo=True)
    window.show()
    app.processEvents()
    window.close()
    say(
        portable=where.portable,
        data=str(where.data),
        settings=str(where.settings),
        database=str(where.default_database),
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
