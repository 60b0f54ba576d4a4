"""Small pieces the incident section's tabs and dialogs share: time editors in the zone times are
shown in, and the name of the person writing the log."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QSettings, QTimeZone
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QWidget,
)

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.storage.store import ChangeKind, Store
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.domain.clock import local_zone
from verkosto_desktop.i18n import current_language
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


def strike(font: QFont) -> QFont:
    struck = QFont(font)
    struck.setStrikeOut(True)
    return struck


MUTED = {False: "#6b7378", True: "#8b949e"}  # corrected entries: (light, dark)


def muted_colour() -> QColor:
    dark = is_dark(QApplication.instance())
    return QColor(MUTED[dark])


def default_author(settings: QSettings) -> str:
    """The name written as the author of log entries, as the person gave it (kept in the
    settings); empty until they do; the login name ("root") is never a person's name."""
    return str(settings.value("incident/author", "") or "")
