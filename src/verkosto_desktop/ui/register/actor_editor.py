"""The editor beside the register table. Until an actor is chosen it shows a hint and a "New
actor" button; the page with every field is built the first time it is needed, which keeps the
window's start-up short."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.data.storage.store import Change, Store
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.register.actor_page import (
    TAB_CAPABILITIES,
    TAB_CONTACTS,
    TAB_DETAILS,
    TAB_FACILITIES,
    ActorPage,
)
from verkosto_desktop.ui.register.catalogue_cache import Catalogues

__all__ = ["TAB_CAPABILITIES", "TAB_CONTACTS", "TAB_DETAILS", "TAB_FACILITIES", "ActorEditor"]


class ActorEditor(QWidget):
    """``actor_created(id)`` when a new actor was first saved; ``write_failed(message)`` when the
    disk refused a change."""

    actor_created = Signal(str)
    write_failed = Signal(str)

    def __init__(self, store: Store, catalogues: Catalogues) -> None:
        super().__init__()
        self.setObjectName("actorEditor")
        self.setAccessibleName(_("Actor editor"))
        self._store = store
        self._catalogues = catalogues
        self._page: ActorPage | None = None
        self._match = ActorFilter()
        self.new_button = QPushButton(_("&New actor"))
        self.new_button.setObjectName("emptyNewActor")
        self.new_button.clicked.connect(self.start_new)
        hint = QLabel(_("Choose an actor in the list, or add a new one (Ctrl+N)."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(hint)
        empty_layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self._pages = QStackedWidget()
        self._pages.addWidget(empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self._pages)

    @property
    def page(self) -> ActorPage:
        """The page of the actor shown (built on first use)."""
        if self._page is None:
            page = ActorPage(self._store, self._catalogues)
            page.actor_created.connect(self.actor_created.emit)
            page.write_failed.connect(self.write_failed.emit)
            page.emptied.connect(self._follow_page)
            page.set_match(self._match)
            self._pages.addWidget(page)
            self._page = page
        return self._page

    @property
    def actor_id(self) -> str | None:
        return self._page.actor_id if self._page is not None else None

    def _follow_page(self) -> None:
        active = self._page is not None and self._page.is_active
        self._pages.setCurrentIndex(1 if active else 0)

    def show_actor(self, actor_id: str | None) -> None:
        """Show an actor (None: the hint). Does nothing when it is already shown."""
        if actor_id is None and self._page is None:
            return
        self.page.show_actor(actor_id)
        self._follow_page()

    def start_new(self) -> None:
        """A new actor, with the name field focused; saved once it has a name."""
        self._pages.setCurrentIndex(self._pages.indexOf(self.page))
        self.page.start_new()

    def on_changes(self, changes: tuple[Change, ...]) -> None:
        if self._page is not None:
            self._page.on_changes(changes)
            self._follow_page()

    def set_match(self, flt: ActorFilter) -> None:
        """The register's filter: the capabilities it asks for are marked in the editor."""
        self._match = flt
        if self._page is not None:
            self._page.set_match(flt)

    def set_catalogues(self, catalogues: Catalogues) -> None:
        self._catalogues = catalogues
        if self._page is not None:
            self._page.set_catalogues(catalogues)

    def flush(self) -> None:
        """Save whatever is typed and waiting for its pause."""
        if self._page is not None:
            self._page.flush()

    def delete_actor(self) -> None:
        if self._page is not None:
            self._page.delete_actor()
            self._follow_page()

    def verify_actor(self) -> None:
        if self._page is not None:
            self._page.verify()

    def open_history(self) -> None:
        if self._page is not None:
            self._page.open_history()
