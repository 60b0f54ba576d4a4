"""The register's premises filter: a button whose menu ticks what one premises must have (backup
power, heating in a power cut, water, kitchen, accessibility) and for how many people at least.
The button's text says what is chosen ("Tilat: varavoima, lämmitys · ≥ 50")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QWidget,
    QWidgetAction,
)

from verkosto_desktop.domain.premises import PremisesFeature
from verkosto_desktop.i18n import _

MAX_PEOPLE = 100_000


class PremisesFilterButton(QPushButton):
    """``changed`` fires when a feature is ticked or the number of people changes.

    A push button with a menu, not a tool button: a tool button draws its menu arrow over the
    last letter of its text, a push button keeps room for it.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterPremises")
        self.setAccessibleName(_("Premises"))
        self.setToolTip(_("Actors with premises that have all that is ticked"))
        menu = QMenu(self)
        menu.setObjectName("filterPremisesMenu")
        self.actions_by_key: dict[str, QAction] = {}
        for feature in PremisesFeature:
            action = menu.addAction(feature.label())
            action.setCheckable(True)
            action.setObjectName(f"filterPremises_{feature.value}")
            action.toggled.connect(self._on_changed)
            self.actions_by_key[feature.value] = action
        menu.addSeparator()
        self.people = QSpinBox()
        self.people.setObjectName("filterPremisesPeople")
        self.people.setRange(0, MAX_PEOPLE)
        self.people.setSingleStep(10)
        self.people.setSpecialValueText(_("any"))
        self.people.setAccessibleName(_("Room for at least (people)"))
        self.people.valueChanged.connect(self._on_changed)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(QLabel(_("Room for at least")))
        layout.addWidget(self.people)
        layout.addWidget(QLabel(_("people")))
        people_action = QWidgetAction(menu)
        people_action.setDefaultWidget(row)
        menu.addAction(people_action)
        self.setMenu(menu)
        self._quiet = False
        self._show_text()

    def features(self) -> tuple[str, ...]:
        """The ticked features' keys, in a stable order."""
        return tuple(key for key, action in self.actions_by_key.items() if action.isChecked())

    def min_capacity(self) -> int | None:
        return self.people.value() or None

    def set_choice(self, features: tuple[str, ...], min_capacity: int | None) -> None:
        """Show these choices (without ``changed``)."""
        self._quiet = True
        try:
            for key, action in self.actions_by_key.items():
                action.setChecked(key in features)
            self.people.setValue(min_capacity or 0)
        finally:
            self._quiet = False
        self._show_text()

    def _on_changed(self) -> None:
        self._show_text()
        if not self._quiet:
            self.changed.emit()

    def _show_text(self) -> None:
        chosen = [PremisesFeature(key).label().lower() for key in self.features()]
        if self.min_capacity() is not None:
            chosen.append(_("{count} people").format(count=f"≥ {self.min_capacity()}"))
        # Short on the button (the filter row is narrow at 1024 pixels), whole in the tooltip.
        if len(chosen) == 1:
            self.setText(f"{_('Premises')}: {chosen[0]}")
        elif chosen:
            self.setText(f"{_('Premises')} ({len(chosen)})")
        else:
            self.setText(_("Premises"))
        whole = ", ".join(chosen) if chosen else _("any premises or none")
        self.setToolTip(_("Actors with premises that have all that is ticked") + f": {whole}")
