"""The work-around for PySide6 6.12 losing references to None (see ui/qt_workarounds.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

DRAIN = """
import sys
import verkosto_desktop.ui  # installs the work-around
from PySide6.QtWidgets import QApplication, QComboBox
app = QApplication([])
combo = QComboBox()
combo.addItem("Kaikki", None)
start = sys.getrefcount(None)
for _ in range({count}):
    combo.currentData()  # each call drops a reference to None in PySide6 6.12 on Python 3.11
print("ok", start - sys.getrefcount(None))
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_losing_none_references_no_longer_aborts_the_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", DRAIN.format(count=200_000)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.startswith("ok")
