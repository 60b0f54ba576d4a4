"""The guard against PySide6 6.12.0 dropping references to None/True/False on Python 3.11."""

from __future__ import annotations

import subprocess
import sys

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
