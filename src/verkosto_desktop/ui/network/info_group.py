"""The network's own information (``networkInfo``): its name, area and coordinator, and the
verification period — how many months may pass before a contact counts as not verified (the
dashboard's register health and the register's "not verified" filter use it). Every field is
saved when the user leaves it (or presses Enter); the arrows of the period save at once."""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from verkosto_desktop.data.network.info import NetworkDetail, network_info, update_network_info
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.records import STALE_MONTHS_RANGE
from verkosto_desktop.domain.writes import NetworkFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.limits import limit_text
from verkosto_desktop.ui.forms.message_line import MessageLine


class NetworkInfoGroup(QGroupBox):
    """A small form of the network's own information, saved field by field."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(_("Network information"), parent)
        self.setObjectName("networkInfo")
        self._store = store
        self._detail: NetworkDetail | None = None
        self.name = self._line("networkName", _("Name of the network"))
        self.area = self._line("networkArea", _("Area"))
        self.coordinator = self._line("networkCoordinator", _("Coordinator"))
        for edit, field in (
            (self.name, "name"),
            (self.area, "area"),
            (self.coordinator, "coordinator"),
        ):
            limit_text(edit, field)
        self.name.editingFinished.connect(lambda: self._save_text("name", self.name))
        self.area.editingFinished.connect(lambda: self._save_text("area", self.area))
        self.coordinator.editingFinished.connect(
            lambda: self._save_text("coordinator", self.coordinator)
        )

        self.stale_months = QSpinBox()
        self.stale_months.setObjectName("networkStaleMonths")
        self.stale_months.setRange(*STALE_MONTHS_RANGE)
        # Typing "18" saves once (on Enter or leaving the box), not "1" and then "18".
        self.stale_months.setKeyboardTracking(False)
        self.stale_months.setAccessibleName(_("Verification period in months"))
        explanation = _(
            "Contacts not verified within this period are listed on the dashboard's register "
            "health, and the register's filter finds actors not verified within it."
        )
        self.stale_months.setToolTip(explanation)
        self.stale_months.valueChanged.connect(self._save_months)
        period = QWidget()
        period_row = QHBoxLayout(period)
        period_row.setContentsMargins(0, 0, 0, 0)
        period_row.addWidget(self.stale_months)
        period_row.addWidget(QLabel(_("months")))
        period_row.addStretch(1)
        self.message = MessageLine()

        grid = QGridLayout(self)
        rows: tuple[tuple[str, QWidget, str, QWidget], ...] = (
            (_("Name"), self.name, _("Area"), self.area),
            (_("Coordinator"), self.coordinator, _("Verification period"), period),
        )
        for row, (first_label, first, second_label, second) in enumerate(rows):
            for column, (text, widget) in enumerate(((first_label, first), (second_label, second))):
                label = QLabel(text)
                label.setBuddy(widget if widget is not period else self.stale_months)
                grid.addWidget(label, row, column * 2)
                grid.addWidget(widget, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.message, len(rows), 0, 1, 4)

    def _line(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        return line

    # -- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        """Show what the file holds (a field being typed in keeps what was typed)."""
        detail = network_info(self._store)
        self._detail = detail
        for line, value in (
            (self.name, detail.name),
            (self.area, detail.area),
            (self.coordinator, detail.coordinator),
        ):
            if not line.hasFocus():
                line.setText(value)
        if not self.stale_months.hasFocus():
            self.stale_months.blockSignals(True)
            self.stale_months.setValue(detail.stale_after_months or 12)
            self.stale_months.blockSignals(False)

    # -- writing ------------------------------------------------------------------------------

    def _save_text(self, field: Literal["name", "area", "coordinator"], line: QLineEdit) -> None:
        current = getattr(self._detail, field, None) if self._detail is not None else None
        if line.text().strip() != (current or ""):
            text = line.text()
            if field == "name":
                self._save({"name": text})
            elif field == "area":
                self._save({"area": text})
            else:
                self._save({"coordinator": text})

    def _save_months(self, months: int) -> None:
        if self._detail is None or months != self._detail.stale_after_months:
            self._save({"stale_after_months": months})

    def _save(self, fields: NetworkFields) -> None:
        try:
            self._detail = update_network_info(self._store, fields)
        except VerkostoError as error:
            self.message.show_error(str(error))
            return
        self.message.clear_message()
