"""Keeping a window inside the screen it opens on.

A laptop of 1366×768 (or 1024×600) has less room than the window's default size or the size
saved on a larger screen; a window taller than the screen's free area hides its status bar (the
saved time, the backup and the incident) under the panel.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# What the window manager adds around the window (title bar and borders) before the window is
# shown and the real frame is known.
FRAME_ALLOWANCE = QMargins(4, 30, 4, 4)


def fitted(wanted: QRect, available: QRect, frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """``wanted`` (the window's inner geometry) moved and shrunk so that the window with its
    ``frame`` lies inside ``available``; centred when it was not on that area at all."""
    inside = available.marginsRemoved(frame)
    size = wanted.size().boundedTo(inside.size())
    if not available.intersects(wanted):
        placed = QRect(QPoint(0, 0), size)
        placed.moveCenter(inside.center())
        return placed
    left = min(max(wanted.left(), inside.left()), inside.right() - size.width() + 1)
    top = min(max(wanted.top(), inside.top()), inside.bottom() - size.height() + 1)
    return QRect(QPoint(left, top), size)


def screen_for(widget: QWidget) -> QScreen | None:
    """The screen under the window's centre (or the primary screen)."""
    return QGuiApplication.screenAt(widget.geometry().center()) or QGuiApplication.primaryScreen()


def keep_on_screen(widget: QWidget, *, centre: bool = False) -> None:
    """Move and shrink ``widget`` into its screen's available area (excluding panels);
    ``centre`` puts it in the middle of that area."""
    screen = screen_for(widget)
    if screen is None:
        return
    available = screen.availableGeometry()
    if available.isEmpty():
        return
    target = fitted(widget.geometry(), available)
    if centre:
        target.moveCenter(available.center())
        target = fitted(target, available)
    if target != widget.geometry():
        widget.setGeometry(target)
