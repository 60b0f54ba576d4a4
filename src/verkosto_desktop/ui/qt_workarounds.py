"""Work-arounds for faults of the Qt binding that the program cannot otherwise avoid.

PySide6 6.12.0 (the only release with a matching ``PySide6-Pdf``) drops a reference to ``None``
on every call of a method returning nothing (``setText``, ``setEnabled``, ``addItem``…) and to
``True``/``False`` on every signal emitted from Python, when run on Python 3.11. From Python 3.12
on these objects are immortal and nothing happens; on 3.11 their counts fall to zero after some
thousands of calls and the interpreter aborts ("Fatal Python error: none_dealloc") — in a long
session, on opening a large register, or at exit. Measured: 1,000 ``QLabel.setText`` calls lower
``None``'s count by 1,000 under 6.12.0 and by 0 under 6.11.2. Empty values handed from Qt to
Python (``QComboBox.currentData()`` of an entry without data, ``index.data(role)`` for a role the
model does not provide, Qt's own item painting) lose references to ``None`` the same way.

The guard gives those three objects the same kind of effectively endless count that Python 3.12
gives them. They are statically allocated and never freed, so a larger count changes nothing
else.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # far more calls than a session makes in years


_guarded = False


def guard_singleton_refcounts() -> bool:
    """Make ``None``, ``True`` and ``False`` effectively immortal on Python before 3.12 (once).
    Returns True when the guard was applied by this call."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    global _guarded
    if _guarded:
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object (release builds of CPython 3.11).
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += _HEADROOM
    _guarded = True
    return True
