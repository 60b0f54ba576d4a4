"""A tab widget whose tab titles take a shorter form when the full ones do not fit, so that on a
1024-pixel screen every tab is in sight instead of the last ones hiding behind scroll arrows."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabWidget


class FittingTabs(QTabWidget):
    """``QTabWidget`` with a full and a short title per tab; all tabs show the same form."""

    def __init__(self) -> None:
        super().__init__()
        self._titles: dict[int, tuple[str, str]] = {}

    def set_titles(self, index: int, full: str, short: str) -> None:
        """The tab's title, and the shorter one used when the full titles do not fit."""
        self._titles[index] = (full, short)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        for index, (full, _short) in self._titles.items():
            self.setTabText(index, full)
        if self.tabBar().sizeHint().width() <= self.width():
            return
        for index, (_full, short) in self._titles.items():
            self.setTabText(index, short)
