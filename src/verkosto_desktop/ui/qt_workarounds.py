"""Work-arounds for defects of the Qt binding that would otherwise reach the user.

PySide6 6.12 on Python 3.11 drops a reference to ``None`` each time Qt hands an empty value to
Python: ``QComboBox.currentData()`` of an entry without data, ``QModelIndex.data(role)`` for a role
the model does not provide, ``QObject.property()`` of an unset property, and calls inside Qt's own
item painting. Python 3.12 and later never free ``None`` ("immortal" objects), so the defect goes
unnoticed there; on 3.11 a long session (a few thousand repaints of the register) counts ``None``
down to zero and the interpreter aborts with "deallocating None". Giving ``None`` a count it can
never use up is what Python 3.12 does for it, and costs nothing.
"""

from __future__ import annotations

import ctypes
import sys

# Far more references than a process could lose in years of use (it drops one per empty value).
_RESERVE = 1 << 40


def make_none_immortal() -> bool:
    """Give ``None`` an unusable reference count on CPython before 3.12; True if it did."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if sys.getrefcount(None) >= _RESERVE:
        return False
    # ob_refcnt is the first field of every object in CPython up to 3.11 (non-debug builds).
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    return True
