"""Draws the "phases covered" cell as three small markers: preparedness, response, recovery.

A covered phase is a filled marker with its initial; a gap is a hollow one, so a row's gaps show
at a glance and still read without colour (the letter is there either way).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from verkosto_desktop.ui.register.actor_table_model import PHASES_ROLE
from verkosto_desktop.ui.register.row_text import PHASE_ORDER

MARKER = 18
GAP = 4
FAINT = 0.85  # a phase not covered: its letter and ring drawn this opaque (still 4.5:1)


def faint_alpha(selected: bool) -> float:
    """How opaque an uncovered phase's letter is: on a selected row's colour only whole
    letters read well enough (the hollow ring still tells it from a covered phase)."""
    return 1.0 if selected else FAINT


class PhaseMarkerDelegate(QStyledItemDelegate):
    """Paints three markers in the cell instead of its text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        covered = index.data(PHASES_ROLE) or frozenset()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = palette.color(text_role)
        accent = (
            palette.color(QPalette.ColorRole.HighlightedText)
            if selected
            else palette.color(QPalette.ColorRole.Highlight)
        )
        fill_text = (
            palette.color(QPalette.ColorRole.Highlight)
            if selected
            else palette.color(QPalette.ColorRole.HighlightedText)
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF() * 0.75, 6.0))
        font.setBold(True)
        painter.setFont(font)
        rect = option.rect
        top = rect.top() + (rect.height() - MARKER) / 2
        left = rect.left() + 6
        for position, phase in enumerate(PHASE_ORDER):
            box = QRectF(left + position * (MARKER + GAP), top, MARKER, MARKER)
            letter = phase.label()[:1]
            if phase.value in covered:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent)
                painter.drawEllipse(box)
                painter.setPen(fill_text)
            else:
                faint = QColor(ink)
                faint.setAlphaF(faint_alpha(selected))
                painter.setPen(QPen(faint, 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(box.adjusted(1, 1, -1, -1))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, letter)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(12 + 3 * MARKER + 2 * GAP, max(base.height(), MARKER + 4))
