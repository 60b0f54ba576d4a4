"""Small pieces the incident section's tabs and dialogs share: time editors in the zone times are
shown in, the line that shows what went wrong, and the name of the person writing the log."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QSettings, QTimeZone
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QLabel, QWidget

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.store import Store
from verkosto_desktop.domain.timefmt import format_date, format_time, local_zone
from verkosto_desktop.i18n import current_language
from verkosto_desktop.ui.theme import is_dark

# The kinds of change after which the incident section's views may show something else.
RELEVANT_CHANGES = frozenset(
    {"incident", "incident_log", "action_item", "activity", "actor", "contact", "capability"}
    | {"catalogue"}
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


def short_time(moment: datetime | None) -> str:
    """``28.11.2026 12.03`` for table cells."""
    if moment is None:
        return ""
    return f"{format_date(moment)} {format_time(moment)}"


def situation_names(store: Store) -> dict[str, str]:
    """Situation type key → name in the current language."""
    language = current_language()
    return {entry.key: entry.name(language) for entry in catalogues.situation_types(store)}


def category_names(store: Store) -> dict[str, str]:
    """Capability category key → name in the current language."""
    language = current_language()
    return {entry.key: entry.name(language) for entry in catalogues.capability_categories(store)}


class ErrorLabel(QLabel):
    """One line telling what went wrong, next to where it went wrong (no dialog to dismiss)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        dark = is_dark(QApplication.instance())  # type: ignore[arg-type]
        self.setStyleSheet(f"color: {'#ff8a80' if dark else '#a1261b'};")

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_error(self) -> None:
        self.show_error("")


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
