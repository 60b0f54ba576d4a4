"""The guard against PySide6 6.12.0 dropping references to None/True/False on Python 3.11
(see ui/qt_workarounds.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
import sys
{guard}
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
class Emitter(QObject):
    fired = Signal(str)
label, emitter = QLabel(), Emitter()
for _ in range({calls}):
    label.setText("x")
    label.setEnabled(True)
    emitter.fired.emit("x")
print("survived")
"""


def _run(guard: bool, calls: int) -> subprocess.CompletedProcess[str]:
    code = PROBE.format(
        guard="import verkosto_desktop.ui" if guard else "",
        calls=calls,
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_many_qt_calls_do_not_abort_the_interpreter() -> None:
    result = _run(guard=True, calls=60_000)
    assert result.returncode == 0, result.stderr[-500:]
    assert "survived" in result.stdout


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
