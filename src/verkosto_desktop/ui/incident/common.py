"""Small pieces the incident section's tabs and dialogs share: time editors in the zone times are
shown in, the form dialog, and the name of the person
writing the log."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QSettings, QTimeZone, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.storage.store import ChangeKind, Store
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.domain.timefmt import format_short, local_zone
from verkosto_desktop.i18n import current_language
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.theme import is_dark

# The kinds of change after which the incident section's views may show something else.
RELEVANT_CHANGES = frozenset(
    {
        ChangeKind.INCIDENT,
        ChangeKind.INCIDENT_LOG_ENTRY,
        ChangeKind.ACTION_ITEM,
        ChangeKind.ACTIVITY,
        ChangeKind.ACTOR,
        ChangeKind.CONTACT,
        ChangeKind.CAPABILITY,
        ChangeKind.CATALOGUE,
    }
)


def _zone() -> QTimeZone:
    return QTimeZone(local_zone().key.encode())


def datetime_edit(moment: datetime | None = None, parent: QWidget | None = None) -> QDateTimeEdit:
    """A date-and-time editor in the zone times are shown in (``28.11.2026 12.03``)."""
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(_zone())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d.M.yyyy HH.mm" if current_language() != "en" else "d MMM yyyy HH:mm")
    set_edit_time(edit, moment or datetime.now(UTC))
    return edit


def set_edit_time(edit: QDateTimeEdit, moment: datetime) -> None:
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), _zone()))


def edit_time(edit: QDateTimeEdit) -> datetime:
    """The editor's value as an aware UTC datetime (to the minute shown)."""
    moment = datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)
    return moment.replace(second=0)


def situation_names(store: Store) -> dict[str, str]:
    """Situation type key → name in the current language."""
    return names_by_key(catalogues.situation_types(store))


def category_names(store: Store) -> dict[str, str]:
    """Capability category key → name in the current language."""
    return names_by_key(catalogues.capability_categories(store))


class FormDialog(QDialog):
    """A dialog of labelled inputs (``self.form``), the line that tells what went wrong and
    OK/Cancel. ``submitted(dialog)`` on OK: the owner saves, then accepts the dialog, or calls
    :meth:`show_error` and the dialog stays open with everything typed in it."""

    submitted = Signal(object)

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = MessageLine()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(lambda: self.submitted.emit(self))
        self.buttons.rejected.connect(self.reject)

    def finish_layout(
        self,
        width: int,
        ok_text: str = "",
        *,
        content: QLayout | None = None,
        height: int | None = None,
    ) -> None:
        """Put the form (or ``content``, a larger layout holding it), the error line and the
        buttons in place (``ok_text`` names the OK button by what it does) and size the dialog:
        ``width`` by ``height``, or as tall as its contents need."""
        if ok_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        layout = QVBoxLayout(self)
        layout.addLayout(content or self.form, 1 if content is not None else 0)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(width, height or self.sizeHint().height())

    def show_error(self, message: str) -> None:
        self.error.show_error(message)


def strike(font: QFont) -> QFont:
    struck = QFont(font)
    struck.setStrikeOut(True)
    return struck


def muted_colour() -> QColor:
    dark = is_dark(QApplication.instance())  # type: ignore[arg-type]
    return QColor("#8b949e" if dark else "#6b7378")


def default_author(settings: QSettings) -> str:
    """The name written as the author of log entries: last used, else the login name."""
    stored = settings.value("incident/author", "")
    if stored:
        return str(stored)
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes
        return ""


# Kept only for ``recovery_tab.py``, which this consolidation may not touch (files named
# "recovery" belong to another branch right now): new code uses ``MessageLine`` and
# ``format_short``. Remove these once that tab has moved over.
class ErrorLabel(MessageLine):
    def clear_error(self) -> None:
        self.clear_message()


short_time = format_short
