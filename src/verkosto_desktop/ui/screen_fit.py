"""Keeping a window inside the screen it opens on.

A laptop of 1366×768 (or 1024×600) has less room than the window's default size or the size
saved on a larger screen; a window taller than the screen's free area hides its status bar (the
saved time, the backup and the incident) under the panel.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDialog, QWidget

# What the window manager adds around the window (title bar and borders) before the window is
# shown and the real frame is known.
FRAME_ALLOWANCE = QMargins(4, 30, 4, 4)


# The main window's size until the user sizes it (shrunk to fit a smaller screen).
DEFAULT_SIZE = QSize(1280, 800)


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


def fit_size(widget: QWidget) -> None:
    """Shrink ``widget`` (a window) so that it and its frame fit its screen's available area."""
    screen = screen_for(widget)
    if screen is None or screen.availableGeometry().isEmpty():
        return
    room = screen.availableGeometry().marginsRemoved(FRAME_ALLOWANCE).size()
    size = widget.size().boundedTo(room)
    if size != widget.size():
        widget.resize(size)


class DialogsOnScreen(QObject):
    """Installed once on the application: every dialog, ours and Qt's, is shrunk to its screen's
    free area as it opens. Dialogs ask for the room a big screen has (the print preview 1000×760,
    the activity form 720 pixels of height); on a 600-pixel laptop their OK and Print buttons were
    below the screen's edge. Only the size: the dialog's own show then centres it over its window
    and keeps it on the screen (moving it here would stop that)."""

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.setObjectName("dialogsOnScreen")
        app.installEventFilter(self)

    @classmethod
    def install(cls, app: QGuiApplication) -> None:
        """Once per application (the program may start its window more than once)."""
        if app.findChild(QObject, "dialogsOnScreen") is None:
            cls(app)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = event.type() == QEvent.Type.Show
        if shown and isinstance(watched, QDialog) and watched.isWindow():
            fit_size(watched)
        return False

    def retire(self) -> None:
        """Stop watching (a test ends)."""
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.deleteLater()
