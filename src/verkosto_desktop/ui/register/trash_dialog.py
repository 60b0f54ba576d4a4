"""The trash: actors, contacts, capabilities and premises moved there, with restore; a contact can
also be erased for good here (a data-protection request)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.register import actors, capabilities, contacts, facilities
from verkosto_desktop.data.register.actors import TrashRow
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import N_, _
from verkosto_desktop.ui.forms.attempt import attempt
from verkosto_desktop.ui.register.erase import erase_person

KIND_LABELS = {
    "actor": N_("Actor"),
    "contact": N_("Contact person"),
    "capability": N_("Capability"),
    "facility": N_("Premises"),
}


class TrashDialog(QDialog):
    """Everything in the trash, newest first."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashDialog")
        self.setWindowTitle(_("Trash"))
        self.resize(760, 440)
        self._store = store
        self._rows: list[TrashRow] = []
        self._restorers: dict[str, Callable[[Store, str], None]] = {
            "actor": actors.restore_actor,
            "contact": contacts.restore_contact,
            "capability": capabilities.restore_capability,
            "facility": facilities.restore_facility,
        }
        self.items = QTreeWidget()
        self.items.setObjectName("trashItems")
        self.items.setAccessibleName(_("In the trash"))
        self.items.setRootIsDecorated(False)
        self.items.setHeaderLabels([_("What"), _("Name"), _("Actor"), _("Moved to the trash")])
        self.items.currentItemChanged.connect(lambda *_args: self._update_buttons())
        self.items.itemDoubleClicked.connect(lambda *_args: self.restore_selected())
        self.empty = QLabel(_("The trash is empty."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.restore_button = QPushButton(_("&Restore"))
        self.restore_button.setObjectName("trashRestore")
        self.restore_button.clicked.connect(self.restore_selected)
        self.erase_button = QPushButton(_("&Erase person permanently…"))
        self.erase_button.setObjectName("trashErase")
        self.erase_button.clicked.connect(self.erase_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self._rows = actors.trash(self._store)
        self.items.clear()
        for position, row in enumerate(self._rows):
            item = QTreeWidgetItem(
                [
                    _(KIND_LABELS[row.kind]),
                    row.name,
                    row.actor_name,
                    format_datetime(row.deleted_at),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, position)
            self.items.addTopLevelItem(item)
        for column in range(4):
            self.items.resizeColumnToContents(column)
        first = self.items.topLevelItem(0)
        if first is not None:
            self.items.setCurrentItem(first)
        self.empty.setVisible(not self._rows)
        self._update_buttons()

    def _selected(self) -> TrashRow | None:
        item = self.items.currentItem()
        return self._rows[int(item.data(0, Qt.ItemDataRole.UserRole))] if item else None

    def _update_buttons(self) -> None:
        row = self._selected()
        self.restore_button.setEnabled(row is not None)
        self.erase_button.setEnabled(row is not None and row.kind == "contact")

    def select(self, record_id: str) -> None:
        """Make the entry of ``record_id`` the chosen one."""
        for position, row in enumerate(self._rows):
            item = self.items.topLevelItem(position)
            if row.id == record_id and item is not None:
                self.items.setCurrentItem(item)

    def restore_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        restore = self._restorers[row.kind]
        ok, _result = attempt(self, _("Restore"), lambda: restore(self._store, row.id))
        if ok:
            self.reload()

    def erase_selected(self) -> None:
        row = self._selected()
        if row is None or row.kind != "contact":
            return
        if erase_person(self, self._store, row.id, row.name):
            self.reload()
