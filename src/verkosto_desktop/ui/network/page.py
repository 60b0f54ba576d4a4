"""What every page of the network section shares: the context, refreshing from the event hub
only when it concerns the page (and only when it is visible), and showing errors."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from verkosto_desktop.data.storage.store import Change, ChangeKind, Store
from verkosto_desktop.ui.context import AppContext


class NetworkPage(QWidget):
    """A page that redraws from the data layer when records of its ``kinds`` change."""

    kinds: frozenset[ChangeKind] = frozenset()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._dirty = True

    @property
    def store(self) -> Store:
        return self.context.store

    def changed(self, changes: Sequence[Change]) -> None:
        """Records changed somewhere: redraw now if they concern the page and it is shown,
        else when it is next shown."""
        if self.kinds.intersection(c.kind for c in changes):
            self._dirty = True
            if self.isVisible():
                self.refresh_now()

    def refresh_now(self) -> None:
        self._dirty = False
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh_now()

    def refresh(self) -> None:
        """Read what the page shows from the data layer."""
        raise NotImplementedError

    def show_status(self, text: str) -> None:
        """A passing message in the main window's status bar (if the page is in one)."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)
