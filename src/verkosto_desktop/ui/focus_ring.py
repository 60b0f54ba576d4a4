"""A ring around whatever has the keyboard focus, so that a keyboard user sees where Tab went.

Fusion marks focus faintly or not at all (a list's current row looks the same focused or not, a
table shows a dotted line of one pixel). The ring is one transparent widget on top of the window
that follows the focused widget; it takes no clicks and changes no widget's own look.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from shiboken6 import isValid

WIDTH = 2  # pixels of ring, drawn just outside the widget


def ring_colour(palette: QPalette) -> QColor:
    """The ring's colour: the theme's link colour, which stands out from the window, the fields
    and the buttons in both themes (at least 3:1, a test checks it)."""
    return palette.color(QPalette.ColorRole.Link)


class FocusRing(QWidget):
    """Draws the ring for ``window``; ``target()`` is the widget it surrounds (or None)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None
        self.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def target(self) -> QWidget | None:
        return self._target

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._target is not None and isValid(self._target):
            self._target.removeEventFilter(self)
        window = self.parentWidget()
        shown = new is not None and window is not None and new.window() is window
        self._target = self._outline_of(new) if shown and new is not None else None
        if self._target is None:
            self.hide()
            return
        self._target.installEventFilter(self)
        self._follow()

    @staticmethod
    def _outline_of(widget: QWidget) -> QWidget:
        # A table or list takes the focus in its viewport's parent: ring the whole view.
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            return parent
        return widget

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._follow()
        return False

    def _follow(self) -> None:
        target, window = self._target, self.parentWidget()
        if target is None or window is None or not isValid(target) or not target.isVisible():
            self.hide()
            return
        # Only the part in view (a field scrolled half out of its form is ringed where it shows).
        visible = target.visibleRegion().boundingRect()
        if visible.isEmpty():
            self.hide()
            return
        corner = target.mapTo(window, visible.topLeft())
        area = QRect(corner, visible.size()).adjusted(-WIDTH, -WIDTH, WIDTH, WIDTH)
        self.setGeometry(area.intersected(window.rect()))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(ring_colour(self.palette()), WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
