"""Open a written file (a PDF, a folder) with the program the system uses for it.

Each system has its own way: ``os.startfile`` on Windows, ``open`` on macOS, ``xdg-open``
elsewhere. A frozen program must also not hand its own library folder to the viewer: the
PyInstaller bootloader puts the program's folder first in ``LD_LIBRARY_PATH`` (and keeps the
user's value in ``LD_LIBRARY_PATH_ORIG``), and a system PDF viewer started with the program's
copies of GLib or libstdc++ may crash. So the viewer gets the user's own environment back.
Qt's ``QDesktopServices`` would pass the frozen environment on, so the window calls this instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _

# Variables the PyInstaller bootloader changes on Linux (LD_LIBRARY_PATH) and other Unix
# systems (LIBPATH on AIX); macOS frozen programs set no such variable.
_LIBRARY_PATHS = ("LD_LIBRARY_PATH", "LIBPATH")


class ViewerUnavailable(VerkostoError):
    """No program could be started to show the file."""


def open_command(path: Path, platform: str | None = None) -> list[str] | None:
    """The command that shows ``path`` on ``platform`` (``sys.platform`` by default); None on
    Windows, where ``os.startfile`` asks the shell instead of running a command."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return None
    if platform == "darwin":
        return ["open", str(path)]
    return ["xdg-open", str(path)]


def viewer_environment(
    environ: Mapping[str, str] | None = None, *, frozen: bool | None = None
) -> dict[str, str]:
    """The environment for the viewer: the user's own library path when the program is frozen."""
    env = dict(os.environ if environ is None else environ)
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if not frozen:
        return env
    for name in _LIBRARY_PATHS:
        original = env.pop(f"{name}_ORIG", None)
        if original:
            env[name] = original
        else:
            env.pop(name, None)
    return env


def _restore_windows_dll_search() -> None:  # pragma: no cover - Windows
    # The bootloader points the DLL search at the program's folder with SetDllDirectory, which
    # processes started from this one inherit; None restores the system's default order.
    if getattr(sys, "frozen", False):
        import ctypes

        # ctypes.windll exists on Windows only.
        ctypes.windll.kernel32.SetDllDirectoryW(None)  # type: ignore[attr-defined]


def open_with_system_viewer(path: Path) -> None:
    """Show ``path`` with the system's program for it, without waiting for that program.

    Raises ``ViewerUnavailable`` with a sentence for the user when nothing could be started.
    """
    command = open_command(path)
    try:
        if command is None:  # pragma: no cover - Windows
            _restore_windows_dll_search()
            # os.startfile exists on Windows only.
            os.startfile(path)  # type: ignore[attr-defined]
            return
        subprocess.Popen(
            command,
            env=viewer_environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        raise ViewerUnavailable(
            _("{path} could not be opened: {reason}. Open it from your file manager.").format(
                path=path, reason=error.strerror or error
            )
        ) from error
