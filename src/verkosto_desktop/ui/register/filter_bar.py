"""The search box and the filters above the register table.

Everything the bar shows maps to one ``ActorFilter``. Filters that other sections set and the bar
has no control for (a health check such as "no contact reachable 24/7", a chosen set of actors,
an area) appear as removable chips.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus, Phase
from verkosto_desktop.domain.readiness import health_name
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.ui.flow_layout import FlowLayout
from verkosto_desktop.ui.register.catalogue_cache import Catalogues
from verkosto_desktop.ui.register.premises_filter import PremisesFilterButton


class Chip(QFrame):
    """A filter shown as a label with a button that removes it."""

    removed = Signal()

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setObjectName("filterChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.setSpacing(4)
        self.label = QLabel(text)
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setObjectName("filterChipRemove")
        remove.setAccessibleName(_("Remove the filter: {filter}").format(filter=text))
        remove.setToolTip(remove.accessibleName())
        remove.clicked.connect(self.removed.emit)
        layout.addWidget(self.label)
        layout.addWidget(remove)


class FilterBar(QWidget):
    """``filter_edited`` fires whenever the user changes the search text or a filter."""

    filter_edited = Signal()

    def __init__(self, catalogues: Catalogues, stale_months: int = 12) -> None:
        super().__init__()
        self._stale_months = stale_months
        self._extra = ActorFilter()  # health, ids and area: set by other sections, shown as chips
        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            _("Search names, phone numbers, e-mail, capabilities… (Ctrl+F)")
        )
        self.search.setAccessibleName(_("Search the register"))
        self.search.textChanged.connect(lambda _text: self.filter_edited.emit())
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.search.clear)

        self.kind = self._combo("filterKind", _("Kind"), _("All kinds"))
        self.phase = self._combo("filterPhase", _("Phase"), _("All phases"))
        self.situation = self._combo("filterSituation", _("Situation type"), _("All situations"))
        self.category = self._combo("filterCategory", _("Capability"), _("All capabilities"))
        self.membership = self._combo("filterMembership", _("Membership"), _("Any membership"))
        for kind in ActorKind:
            self.kind.addItem(kind.label(), kind.value)
        for phase in Phase:
            self.phase.addItem(phase.label(), phase.value)
        for status in MembershipStatus:
            self.membership.addItem(status.label(), status.value)
        self.set_catalogues(catalogues)

        self.premises = PremisesFilterButton()
        self.premises.changed.connect(self.filter_edited.emit)

        self.stale = QCheckBox(_("Not verified in {months} months").format(months=stale_months))
        self.stale.setObjectName("filterStale")
        self.stale.toggled.connect(lambda _on: self.filter_edited.emit())
        self.always = QCheckBox(_("Reachable 24/7"))
        self.always.setObjectName("filter24_7")
        self.always.setToolTip(_("Only actors with a contact person reachable around the clock"))
        self.always.toggled.connect(lambda _on: self.filter_edited.emit())
        self.clear_button = QPushButton(_("C&lear filters"))
        self.clear_button.setObjectName("filterClear")
        self.clear_button.setAccessibleName(_("Clear the search and every filter"))
        self.clear_button.clicked.connect(self.clear_all)

        self.print_button = QPushButton(_("&Print as shown…"))
        self.print_button.setObjectName("registerPrint")
        self.print_button.setToolTip(
            _("Print exactly the actors shown, with the search and filters in use")
        )

        self.count = QLabel()
        self.count.setObjectName("registerCount")
        self.count.setAccessibleName(_("Actors shown"))

        top = FlowLayout()  # wraps on a narrow screen instead of widening the window
        top.addWidget(self.search, 1)
        top.addWidget(self.always)
        top.addWidget(self.stale)
        top.addWidget(self.count)
        top.addWidget(self.clear_button)
        top.addWidget(self.print_button)
        filters = QHBoxLayout()
        for combo in (self.kind, self.phase, self.situation, self.category, self.membership):
            filters.addWidget(combo, 1)
        filters.addWidget(self.premises)
        self._chips = QHBoxLayout()
        self._chips.setContentsMargins(0, 0, 0, 0)
        self._chip_row = QWidget()
        self._chip_row.setLayout(self._chips)
        self._chip_row.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self._chip_row)
        # Reading order, not the order the rows were laid out in.
        chain: tuple[QWidget, ...] = (
            self.search,
            self.kind,
            self.phase,
            self.situation,
            self.category,
        )
        chain += (self.membership, self.premises, self.always, self.stale, self.clear_button)
        chain += (self.print_button,)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _combo(self, name: str, label: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        combo.setToolTip(label)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(5)
        combo.currentIndexChanged.connect(lambda _index: self.filter_edited.emit())
        return combo

    def set_catalogues(self, catalogues: Catalogues) -> None:
        """Fill the situation and category choices from the catalogues (keeping the choice)."""
        language = current_language()
        for combo, entries in (
            (self.situation, catalogues.situations),
            (self.category, catalogues.categories),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for entry in entries:
                combo.addItem(entry.name(language), entry.key)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    # -- the filter ---------------------------------------------------------------------------

    def current(self, base: ActorFilter) -> ActorFilter:
        """The filter the bar shows; sorting and the date come from ``base``."""
        return replace(
            base,
            text=self.search.text(),
            kind=self.kind.currentData(),
            phase=self.phase.currentData(),
            situation=self.situation.currentData(),
            category=self.category.currentData(),
            membership=self.membership.currentData(),
            stale_months=self._stale_months if self.stale.isChecked() else None,
            reachable_24_7=self.always.isChecked(),
            health=self._extra.health,
            ids=self._extra.ids,
            area=self._extra.area,
            premises=self.premises.features(),
            min_capacity=self.premises.min_capacity(),
        )

    def set_stale_months(self, months: int) -> None:
        """The network's verification period changed: the check box speaks of the new one."""
        self._stale_months = months
        self.stale.setText(_("Not verified in {months} months").format(months=months))

    def show_filter(self, flt: ActorFilter) -> None:
        """Set every control to match ``flt`` (without emitting ``filter_edited``)."""
        widgets = (self.search, self.kind, self.phase, self.situation, self.category)
        for widget in (*widgets, self.membership, self.stale, self.always):
            widget.blockSignals(True)
        try:
            self.search.setText(flt.text)
            for combo, value in (
                (self.kind, flt.kind),
                (self.phase, flt.phase),
                (self.situation, flt.situation),
                (self.category, flt.category),
                (self.membership, flt.membership),
            ):
                combo.setCurrentIndex(max(combo.findData(value), 0))
            if flt.stale_months is not None:
                self._stale_months = flt.stale_months
                self.stale.setText(
                    _("Not verified in {months} months").format(months=flt.stale_months)
                )
            self.stale.setChecked(flt.stale_months is not None)
            self.always.setChecked(flt.reachable_24_7)
            self.premises.set_choice(flt.premises, flt.min_capacity)
        finally:
            for widget in (*widgets, self.membership, self.stale, self.always):
                widget.blockSignals(False)
        self._extra = ActorFilter(health=flt.health, ids=flt.ids, area=flt.area)
        self._show_chips()

    def clear_all(self) -> None:
        """Empty the search box and remove every filter."""
        self.show_filter(ActorFilter())
        self.filter_edited.emit()

    def _show_chips(self) -> None:
        while self._chips.count():
            item = self._chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        extra = self._extra
        chips: list[tuple[str, ActorFilter]] = []
        if extra.health:
            chips.append((health_name(extra.health), replace(extra, health=None)))
        if extra.ids is not None:
            chips.append(
                (
                    _("Chosen actors ({count})").format(count=len(extra.ids)),
                    replace(extra, ids=None),
                )
            )
        if extra.area:
            chips.append((_("Area: {area}").format(area=extra.area), replace(extra, area=None)))
        for text, without in chips:
            chip = Chip(text)
            chip.removed.connect(lambda rest=without: self._remove_chip(rest))
            self._chips.addWidget(chip)
            chip.show()
        self._chips.addStretch(1)
        self._chip_row.setVisible(bool(chips))

    def _remove_chip(self, rest: ActorFilter) -> None:
        self._extra = rest
        self._show_chips()
        self.filter_edited.emit()

    def set_count(self, shown: int, total: int) -> None:
        self.count.setText(_("{shown} / {total} actors").format(shown=shown, total=total))
