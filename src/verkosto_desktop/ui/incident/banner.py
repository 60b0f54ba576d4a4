"""The banner for an active incident: its title and how long it has lasted, one click away from
the incident section. It reads the active incidents only when an incident changes (never on a
timer); the elapsed time ticks from the start time it already has. The window shows it in the
status bar; the dashboard may place its own."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from verkosto_desktop.data.incident.incidents import IncidentDetail, active_incidents
from verkosto_desktop.data.storage.store import Change, ChangeKind
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.elided import ElidedButton
from verkosto_desktop.ui.incident.elapsed import ElapsedLabel
from verkosto_desktop.ui.theme import is_dark

# About this many characters of the banner fit beside the other status-bar items.
MAX_CHARS = 72
# The banner's text on the status bar: (light theme, dark theme).
STATUS_COLOURS = {False: "#9c1c12", True: "#ffb4a9"}


class ActiveIncidentBanner(QWidget):
    """Hidden when no incident is active; emits ``open_incident(id)`` when clicked."""

    open_incident = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentStatusBanner")
        self.context = context
        self._incidents: list[IncidentDetail] = []
        self._full_text = ""
        self._styling = False
        self._button = ElidedButton(max_chars=MAX_CHARS)
        self._button.setObjectName("incidentStatusButton")
        self._button.setFlat(True)
        self._button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._button.clicked.connect(self._clicked)
        self._elapsed = ElapsedLabel(self)
        self._elapsed.setObjectName("incidentStatusElapsed")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self._button)
        layout.addWidget(self._elapsed)
        self._style()
        context.hub.listen(self._on_changed)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        # The theme can change while the window is open: the colour follows it. A widget with
        # a style sheet hears of a new theme as a style change, not as a palette change.
        changes = (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.StyleChange,
        )
        if event.type() in changes and not self._styling:
            self._style()
        super().changeEvent(event)

    def _style(self) -> None:
        self._styling = True  # setting a style sheet sends a palette change of its own
        dark = is_dark(QApplication.instance())
        colour = STATUS_COLOURS[dark]
        self.setStyleSheet(
            f"#incidentStatusButton {{ color: {colour}; font-weight: bold; border: none; }}"
            f"#incidentStatusElapsed {{ color: {colour}; }}"
        )
        self._styling = False

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        if any(change.kind is ChangeKind.INCIDENT for change in changes):
            self.reload()

    def reload(self) -> None:
        """Read the active incidents again (after an incident changed)."""
        self._incidents = active_incidents(self.context.store)
        if not self._incidents:
            self._elapsed.set_interval(None)
            self.setVisible(False)
            return
        newest = self._incidents[0]
        text = _("Incident under way: {title}").format(title=newest.title)
        if len(self._incidents) > 1:
            text += " · " + _("{count} under way").format(count=len(self._incidents))
        self._full_text = "⚠ " + text
        # The status bar is shared with the file, the backup and the saved time: a long title is
        # shortened at its end (never at its start, which says what is going on), whole on hover.
        self._button.set_full_text(self._full_text, _("Open the incident"))
        self._button.setAccessibleName(self._full_text)
        self._elapsed.set_interval(newest.started_at)
        self.setVisible(True)

    def incident_id(self) -> str | None:
        """The incident the banner shows (the newest active one)."""
        return self._incidents[0].id if self._incidents else None

    def elapsed_label(self) -> ElapsedLabel:
        return self._elapsed

    def text(self) -> str:
        return f"{self._full_text} {self._elapsed.text()}".strip()

    def _clicked(self) -> None:
        incident_id = self.incident_id()
        if incident_id:
            self.open_incident.emit(incident_id)

    def shutdown(self) -> None:
        self._elapsed.stop()
