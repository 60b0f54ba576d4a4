"""A row of controls that wraps onto the next line when the window is narrow.

Button rows written as one ``QHBoxLayout`` make a section as wide as the sum of their labels,
which in Swedish is wider than a 1024-pixel screen. ``FlowLayout`` keeps them on one line when
there is room and wraps them when there is not; controls that may grow (an expanding size policy,
or a stretch given to ``addWidget``) share each line's spare width, as in a box layout.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget

SPACING = 6
_GROWING = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)


class FlowLayout(QLayout):
    """Items left to right at their preferred widths, wrapping when a line is full."""

    def __init__(self, parent: QWidget | None = None, spacing: int = SPACING) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}  # id(item) -> stretch
        self._held: list[QWidget] = []
        self._gap = spacing
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout --------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:
        """Add ``widget``; a ``stretch`` above 0 lets it take a share of a line's spare width."""
        # A widget made in the call (``addWidget(QLabel(…))``) has no parent until the layout is
        # put on a widget: hold it, or Python frees it before then.
        self._held.append(widget)
        super().addWidget(widget)  # Qt makes the item (and calls addItem)
        if stretch:
            self._stretch[id(self._items[-1])] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretch.pop(id(item), None)
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._gap * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        # As narrow as its widest control: everything else can wrap.
        size = QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # -- layout ---------------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _grows(self, item: QLayoutItem) -> int:
        if id(item) in self._stretch:
            return self._stretch[id(item)]
        widget = item.widget()
        if widget is not None:
            policy = widget.sizePolicy().horizontalPolicy()
            return 1 if policy in _GROWING else 0
        return 0

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = []
        line: list[QLayoutItem] = []
        used = 0
        for item in self._shown():
            wanted = item.sizeHint().width()
            if line and used + self._gap + wanted > width:
                lines.append(line)
                line, used = [], 0
            used += (self._gap if line else 0) + wanted
            line.append(item)
        if line:
            lines.append(line)
        return lines

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        width = max(area.width(), 1)
        y = area.y()
        for line in self._lines(width):
            widths = [max(min(i.sizeHint().width(), width), i.minimumSize().width()) for i in line]
            spare = width - sum(widths) - self._gap * (len(line) - 1)
            shares = [self._grows(i) for i in line]
            if spare > 0 and any(shares):
                total = sum(shares)
                for n, share in enumerate(shares):
                    widths[n] += spare * share // total
            height = max(self._height(i, w) for i, w in zip(line, widths, strict=True))
            x = area.x()
            for item, item_width in zip(line, widths, strict=True):
                item_height = min(self._height(item, item_width), height)
                if move:
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(item_width, item_height)))
                x += item_width + self._gap
            y += height + self._gap
        return max(y - self._gap - area.y(), 0) + margins.top() + margins.bottom()

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        if item.hasHeightForWidth():
            return item.heightForWidth(width)
        return item.sizeHint().height()
