"""The banner of an active incident on top of the dashboard: title, situation types, elapsed
time, phase, open tasks and the latest log entries. Clicking it (or Return on it) asks for the
incident section, when the window has one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from verkosto_desktop.data.dashboard.glance import IncidentSummary
from verkosto_desktop.domain.enums import IncidentPhase, LogKind
from verkosto_desktop.domain.readiness import GAP_SYMBOL, elapsed_text, moment_text
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.dashboard.colours import banner_colours


class IncidentBanner(QFrame):
    clicked = Signal(str)  # the incident's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._incident: IncidentSummary | None = None
        self._situation_names: list[str] = []
        self._linkable = False
        self._title = QLabel()
        self._title.setObjectName("incidentBannerTitle")
        self._title.setWordWrap(True)
        font = self._title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self._title.setFont(font)
        self._facts = QLabel()
        self._facts.setObjectName("incidentBannerFacts")
        self._facts.setWordWrap(True)
        self._log = QLabel()
        self._log.setObjectName("incidentBannerLog")
        self._log.setWordWrap(True)
        self._log.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(3)
        for label in (self._title, self._facts, self._log):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)

    @property
    def incident_id(self) -> str | None:
        return self._incident.id if self._incident else None

    def set_linkable(self, linkable: bool) -> None:
        """Whether clicking opens the incident section (only once the window has one)."""
        self._linkable = linkable
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if linkable else Qt.CursorShape.ArrowCursor
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if linkable else Qt.FocusPolicy.NoFocus)
        self.setToolTip(_("Open the incident") if linkable else "")
        self._render_title()

    def set_incident(
        self, incident: IncidentSummary, situation_names: list[str], now: datetime
    ) -> None:
        self._incident = incident
        self._situation_names = situation_names
        self._render_title()
        self.tick(now)
        lines = [
            f"{moment_text(entry.happened_at, now)}  {LogKind.label_of(entry.kind)}: "
            + " ".join(entry.text.split())
            for entry in incident.last_entries
        ]
        self._log.setText("\n".join(lines))
        self._log.setVisible(bool(lines))

    def _render_title(self) -> None:
        if self._incident is None:
            return
        title = f"{GAP_SYMBOL} " + _("Active incident: {title}").format(title=self._incident.title)
        if self._linkable:
            title += "  ›"
        self._title.setText(title)

    def tick(self, now: datetime) -> None:
        """Update the elapsed time (called once a minute)."""
        incident = self._incident
        if incident is None:
            return
        facts = [
            ", ".join(self._situation_names) or _("situation type not set"),
            _("started {moment}").format(moment=format_datetime(incident.started_at)),
            _("going on for {elapsed}").format(
                elapsed=elapsed_text((now - incident.started_at).total_seconds())
            ),
            _("phase: {phase}").format(phase=IncidentPhase.label_of(incident.phase)),
            _("open tasks: {count}").format(count=incident.open_tasks),
        ]
        self._facts.setText(" · ".join(facts))
        self.setAccessibleName(self._title.text() + ". " + self._facts.text())

    def apply_colours(self, dark: bool) -> None:
        background, text, border = banner_colours(dark)
        self.setStyleSheet(
            f"#incidentBanner {{ background: {background}; border: 2px solid {border};"
            f" border-radius: 4px; }} #incidentBanner QLabel {{ color: {text}; }}"
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._linkable and self._incident:
            self.clicked.emit(self._incident.id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if event.key() in keys and self._linkable and self._incident:
            self.clicked.emit(self._incident.id)
            event.accept()
            return
        super().keyPressEvent(event)
