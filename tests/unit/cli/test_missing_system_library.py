"""Started on an X11 desktop without one of the system libraries Qt needs, the program says in
plain words which one is missing and how to install it, instead of Qt's generic abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from verkosto_desktop.i18n import set_language
from verkosto_desktop.system_libraries import (
    XCB_LIBRARIES,
    check_before_window,
    missing_libraries,
    uses_xcb,
)

# The real entry point, with the dynamic loader refusing one library (as on a bare desktop).
WITHOUT_CURSOR = """
import ctypes, sys
real = ctypes.CDLL
class Refusing(real):
    def __init__(self, name, *args, **kwargs):
        if name == "libxcb-cursor.so.0":
            raise OSError(name + ": cannot open shared object file: No such file or directory")
        super().__init__(name, *args, **kwargs)
ctypes.CDLL = Refusing
from verkosto_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb:nograb"}, True),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "wayland"}, False),
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, False),
        ({}, False),
    ],
)
def test_when_qt_draws_through_x11(environ: dict[str, str], expected: bool) -> None:
    assert uses_xcb(environ, "linux") is expected
    assert uses_xcb(environ, "win32") is False


def test_the_missing_library_and_the_command_are_named() -> None:
    gone = {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}
    assert missing_libraries(lambda name: name not in gone) == [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ]
    set_language("fi")
    message = check_before_window({"QT_QPA_PLATFORM": "xcb"}, lambda name: name not in gone)
    assert message is not None
    assert "libxcb-cursor.so.0, libxkbcommon-x11.so.0" in message
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0" in message
    assert message.startswith("Verkosto ei voi avata ikkunaansa")
    # Nothing to say when everything loads, or when Qt does not draw through X11.
    assert check_before_window({"QT_QPA_PLATFORM": "xcb"}, lambda name: True) is None
    assert check_before_window({"QT_QPA_PLATFORM": "offscreen"}, lambda name: False) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 libraries are Linux's")
def test_every_library_on_this_machine_is_known_to_load() -> None:
    # The check uses the same loader as Qt: on this machine (Qt's X11 plugin works under Xvfb
    # once these are installed) each either loads or is reported with its package.
    for name, package in missing_libraries():
        assert XCB_LIBRARIES[name] == package


def test_the_program_says_it_in_plain_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    environ = dict(os.environ, QT_QPA_PLATFORM="xcb", VERKOSTO_HOME=str(tmp_path))
    environ.pop("VERKOSTO_LANG", None)
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_CURSOR, "--lang", "sv", "--database", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )
    assert done.returncode == 1
    assert "libxcb-cursor.so.0" in done.stderr and "sudo apt install libxcb-cursor0" in done.stderr
    assert "Verkosto kan inte öppna sitt fönster" in done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr
    assert not (tmp_path / "x").exists()  # nothing was opened or created
