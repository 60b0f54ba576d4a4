"""An actor's records of one kind (contacts, capabilities or premises): a short list, an Add
button, and the editor of the chosen record. An actor has a handful of these, so a plain list
widget is enough here; the big list is the register table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.details import ActorDetail
from verkosto_desktop.ui.forms.attempt import attempt
from verkosto_desktop.ui.register.clipboard import copy_number
from verkosto_desktop.ui.register.record_form import ChildForm

LIST_HEIGHT = 84  # about four records; fixed, so that the form below never moves


@dataclass(frozen=True)
class ChildKind:
    """What differs between contacts, capabilities and premises."""

    name: str  # object-name stem: "contact", "capability", "facility"
    add_text: str
    empty_text: str
    title: str  # for messages about this kind of record
    records: Callable[[ActorDetail], tuple[Any, ...]]
    describe: Callable[[Any], str]
    delete: Callable[[str], None]
    verify: Callable[[str], Any]
    defaults: Callable[[ActorDetail], dict[str, Any]]
    number: Callable[[Any], str] | None = None  # what double-clicking an entry copies


class ChildPanel(QWidget):
    """Lists ``kind``'s records of the actor shown and edits the chosen one with ``editor``."""

    def __init__(self, kind: ChildKind, editor: ChildForm) -> None:
        super().__init__()
        self.kind = kind
        self.editor = editor
        self._actor: ActorDetail | None = None
        self._current: str | None = None
        self._draft = False
        self.records = QListWidget()
        self.records.setObjectName(f"{kind.name}List")
        self.records.setAccessibleName(kind.title)
        self.records.setFixedHeight(LIST_HEIGHT)
        self.records.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.records.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.records.currentItemChanged.connect(self._on_current_changed)
        self.records.itemDoubleClicked.connect(self._copy)
        self.add_button = QPushButton(kind.add_text)
        self.add_button.setObjectName(f"add_{kind.name}")
        self.add_button.clicked.connect(self.start_new)
        empty = QLabel(kind.empty_text)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it follows the focused field
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(editor)
        self._pages = QStackedWidget()
        self._pages.addWidget(empty)
        self._pages.addWidget(scroll)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.records)
        layout.addLayout(buttons)
        layout.addWidget(self._pages, 1)
        editor.verify_requested.connect(self._verify)
        editor.form.created.connect(self.on_created)
        editor.delete_button.clicked.connect(self._delete)

    @property
    def current_id(self) -> str | None:
        return self._current

    def select_record(self, record_id: str) -> bool:
        """Choose the record ``record_id`` in the list (as a click would); False if absent."""
        for row in range(self.records.count()):
            item = self.records.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == record_id:
                self.records.setCurrentItem(item)
                return True
        return False

    def show_actor(self, actor: ActorDetail | None) -> None:
        """Show ``actor``'s records, keeping the chosen one (or a draft) when it is the same
        actor; another actor starts from its first record."""
        same = actor is not None and self._actor is not None and actor.id == self._actor.id
        if not same:
            self.editor.form.flush()
            self._current = None
            self._draft = False
        self._actor = actor
        self.editor.actor_id = actor.id if actor else None
        if actor is not None:
            self.editor.set_contacts(actor.contacts)
        records = self.kind.records(actor) if actor else ()
        ids = [record.id for record in records]
        if self._current not in ids and not self._draft:
            self._current = ids[0] if ids else None
        self.records.blockSignals(True)
        self.records.clear()
        for record in records:
            item = QListWidgetItem(self.kind.describe(record))
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.records.addItem(item)
            if record.id == self._current:
                self.records.setCurrentItem(item)
        self.records.blockSignals(False)
        # Shown even when empty: the first record saved must not push the form down under the
        # pointer (the next click would land in the list and the typing would be lost).
        self._show_current(reset=not same)

    def _record(self, record_id: str | None) -> Any:
        if self._actor is None or record_id is None:
            return None
        return next((r for r in self.kind.records(self._actor) if r.id == record_id), None)

    def _show_current(self, reset: bool) -> None:
        if self._draft:
            self._pages.setCurrentIndex(1)
            return
        record = self._record(self._current)
        if record is None:
            self._pages.setCurrentIndex(0)
            return
        self._pages.setCurrentIndex(1)
        if reset or self.editor.form.record_id != record.id:
            self.editor.form.reset(record.id, record)
        else:
            self.editor.form.load(record)
        self.editor.show_verified(record.last_verified_on)

    def _on_current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.editor.form.flush()
        self._draft = False
        self._current = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._show_current(reset=True)

    def start_new(self) -> None:
        """Start a new record in the editor (saved once its required field is filled in)."""
        if self._actor is None:
            return
        self.editor.form.flush()
        self._draft = True
        self._current = None
        self.records.blockSignals(True)
        self.records.setCurrentRow(-1)
        self.records.clearSelection()
        self.records.blockSignals(False)
        defaults = self.kind.defaults(self._actor)
        # Stored with the new record even when the form has no field for them.
        self.editor.form.create_defaults = dict(defaults)
        self.editor.form.reset(None, defaults)
        self.editor.show_verified(None)
        self._pages.setCurrentIndex(1)
        first = self.editor.rows.itemAt(0, self.editor.rows.ItemRole.FieldRole)
        widget = first.widget() if first is not None else None
        editor_widget = getattr(widget, "editor", None)
        if isinstance(editor_widget, QWidget):
            editor_widget.setFocus()

    def on_created(self, detail: Any) -> None:
        """The draft was saved: it is now the chosen record."""
        self._draft = False
        self._current = detail.id
        self.records.blockSignals(True)
        for row in range(self.records.count()):
            item = self.records.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == detail.id:
                self.records.setCurrentItem(item)
        self.records.blockSignals(False)

    def _delete(self) -> None:
        record_id = self.editor.form.record_id
        if record_id is None:  # an unsaved draft: nothing stored to delete
            self._draft = False
            self._show_current(reset=True)
            return
        ok, _result = attempt(self, self.kind.title, lambda: self.kind.delete(record_id))
        if ok:
            self._current = None

    def _verify(self) -> None:
        record_id = self.editor.form.record_id
        if record_id is not None:
            attempt(self, self.kind.title, lambda: self.kind.verify(record_id))

    def _copy(self, item: QListWidgetItem) -> None:
        if self.kind.number is None:
            return
        record = self._record(item.data(Qt.ItemDataRole.UserRole))
        if record is not None:
            copy_number(self, self.kind.number(record))
