"""The program's icon (a shield holding three linked nodes), from the PNGs in the package."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

SIZES = (16, 24, 32, 48, 64, 128, 256)
# The name of the installed .desktop entry (without .desktop): on Wayland the window finds its
# icon and its place in the dock through it.
DESKTOP_FILE = "verkosto"


def app_icon() -> QIcon:
    """Every drawn size, so that each place (title bar, task switcher) gets a sharp one."""
    icons = resources.files("verkosto_desktop.resources") / "icons"
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap()
        if pixmap.loadFromData((icons / f"verkosto-{size}.png").read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon
