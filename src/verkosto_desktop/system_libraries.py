"""Before the window opens: are the system libraries Qt needs to draw on an X11 desktop there?

Without them Qt only says "Could not load the Qt platform plugin "xcb"" (and names
libxcb-cursor0 whatever is missing) and aborts. Checked first, the user is told in plain words
which library is missing and the command that installs it.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

from verkosto_desktop.i18n import _

# What Qt's X11 plugin loads from the system, and the Debian/Ubuntu package that holds each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def uses_xcb(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will draw through X11 (xcb): asked for by name, or the default on a Linux
    desktop that is not a Wayland session."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and environ.get("XDG_SESSION_TYPE") != "wayland"


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_libraries(loads: Callable[[str], bool] = _loads) -> list[tuple[str, str]]:
    """(library, package) of each library Qt's X11 plugin needs that cannot be loaded."""
    return [(name, package) for name, package in XCB_LIBRARIES.items() if not loads(name)]


def explanation(missing: list[tuple[str, str]]) -> str:
    """The plain-words message for the terminal, with the command that installs what is missing."""
    libraries = ", ".join(name for name, _package in missing)
    packages = " ".join(package for _name, package in missing)
    return _(
        "Verkosto cannot open its window: the system library {libraries} is missing. "
        "Install it with:\n    sudo apt install {packages}"
    ).format(libraries=libraries, packages=packages)


def check_before_window(
    environ: Mapping[str, str] = os.environ, loads: Callable[[str], bool] = _loads
) -> str | None:
    """The message to show (and not start) when the window could not be drawn, else None."""
    if not uses_xcb(environ):
        return None
    missing = missing_libraries(loads)
    return explanation(missing) if missing else None
