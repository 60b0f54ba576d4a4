"""Room to write by hand on paper: ruled lines for notes and labelled blanks to fill in."""

from __future__ import annotations

from reportlab.platypus import Flowable

from verkosto_desktop.export.template.fonts import FONT
from verkosto_desktop.export.template.styles import INK, LIGHT_RULE


class WriteInLines(Flowable):
    """``count`` ruled lines ``spacing`` points apart, for hand-written notes."""

    def __init__(self, count: int, spacing: float = 18.0, indent: float = 18.0) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing
        self.indent = indent

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self.count * self.spacing
        return aw, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setStrokeColor(LIGHT_RULE)
        canv.setLineWidth(0.5)
        for index in range(self.count):
            y = index * self.spacing
            canv.line(self.indent, y, self.width, y)


class FillInFields(Flowable):
    """Labels followed by blank lines on one row, e.g. "Aika: ____  Paikka: ____"."""

    def __init__(self, labels: list[str], size: float = 9.5) -> None:
        super().__init__()
        self.labels = labels
        self.size = size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self.size * 2.6
        return aw, self.height

    def draw(self) -> None:
        canv = self.canv
        share = self.width / max(len(self.labels), 1)
        canv.setFont(FONT, self.size)
        for index, text in enumerate(self.labels):
            x = index * share
            canv.setFillColor(INK)
            canv.drawString(x, self.size * 0.6, text)
            start = x + canv.stringWidth(text, FONT, self.size) + 4
            canv.setStrokeColor(LIGHT_RULE)
            canv.setLineWidth(0.6)
            canv.line(start, self.size * 0.4, x + share - 12, self.size * 0.4)
