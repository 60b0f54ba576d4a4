"""Past versions of a record: when, by whom, what changed; any one of them can be made current."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.register import history
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus, Phase
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.domain.provenance import describe_author
from verkosto_desktop.domain.timefmt import format_date, format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.attempt import attempt
from verkosto_desktop.ui.register.labels import FIELD_LABELS, field_label

_PHONES = {"phone", "mobile", "landline"}
_ENUMS: dict[str, Any] = {"kind": ActorKind, "membership_status": MembershipStatus}


def show_value(key: str, value: Any) -> str:
    """A stored value as the user reads it (dates, numbers and keys translated)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key in _PHONES:
        return format_phone(str(value))
    if key.endswith("_on"):
        return format_date(date.fromisoformat(str(value)))
    if key.endswith("_at"):
        return format_datetime(datetime.fromisoformat(str(value)))
    if key in _ENUMS:
        try:
            return str(_ENUMS[key](value).label())
        except ValueError:
            return str(value)
    if key == "phases":
        return ", ".join(Phase(p).label() for p in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class HistoryDialog(QDialog):
    """Lists the versions of ``entity`` ``record_id``, newest first, and restores one."""

    def __init__(
        self, store: Store, entity: str, record_id: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(_("History: {name}").format(name=name))
        self.resize(820, 520)
        self._store = store
        self._entity = entity
        self._record_id = record_id
        self.versions = QTreeWidget()
        self.versions.setObjectName("historyVersions")
        self.versions.setAccessibleName(_("Versions"))
        self.versions.setHeaderLabels([_("Saved"), _("By"), _("What changed")])
        self.versions.setRootIsDecorated(False)
        self.versions.currentItemChanged.connect(lambda *_args: self._show_selected())
        self.fields = QTreeWidget()
        self.fields.setObjectName("historyFields")
        self.fields.setAccessibleName(_("The chosen version"))
        self.fields.setHeaderLabels([_("Record field"), _("Value")])
        self.fields.setRootIsDecorated(False)
        self.fields.setColumnWidth(0, 200)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.versions)
        splitter.addWidget(self.fields)
        self.restore_button = QPushButton(_("&Restore this version"))
        self.restore_button.setObjectName("historyRestore")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            _("Restoring makes an old version current again; the present one stays in the list.")
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._data: list[history.Version] = []
        self.reload()

    def reload(self) -> None:
        self._data = history.versions(self._store, self._entity, self._record_id)
        self.versions.clear()
        for position, version in enumerate(self._data):
            if position == len(self._data) - 1:
                changed = _("Created")
            else:
                changed = ", ".join(field_label(k) for k in version.changed_fields)
            when = format_datetime(version.saved_at)
            if version.history_id is None:
                when = _("{time} (current)").format(time=when)
            item = QTreeWidgetItem([when, describe_author(version.saved_by), changed])
            item.setData(0, Qt.ItemDataRole.UserRole, position)
            self.versions.addTopLevelItem(item)
        for column in range(2):
            self.versions.resizeColumnToContents(column)
        first = self.versions.topLevelItem(0)
        if first is not None:
            self.versions.setCurrentItem(first)

    def _selected(self) -> history.Version | None:
        item = self.versions.currentItem()
        if item is None:
            return None
        return self._data[int(item.data(0, Qt.ItemDataRole.UserRole))]

    def _show_selected(self) -> None:
        version = self._selected()
        self.fields.clear()
        self.restore_button.setEnabled(version is not None and version.history_id is not None)
        if version is None:
            return
        for key in FIELD_LABELS:
            if key not in version.data or key in ("invited_by_id", "contact_id", "key_holder_id"):
                continue
            item = QTreeWidgetItem([field_label(key), show_value(key, version.data[key])])
            if key in version.changed_fields:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setFont(1, font)
            self.fields.addTopLevelItem(item)

    def restore_selected(self) -> None:
        """Make the chosen old version current."""
        version = self._selected()
        if version is None or version.history_id is None:
            return
        history_id = version.history_id
        ok, _result = attempt(
            self,
            _("Restore"),
            lambda: history.restore_version(self._store, self._entity, self._record_id, history_id),
        )
        if ok:
            self.reload()
