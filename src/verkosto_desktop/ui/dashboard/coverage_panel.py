"""The coverage views in tabs: situation types × phases (``coverageMatrix``), capability
categories × situation types for a chosen phase (``categoryMatrix``), and premises with backup
power and heating per area (``premisesByArea``, "⚠ ei yhtään" where none). Choosing a cell asks
for the register filtered to exactly the actors it counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.dashboard.readiness import ReadinessPicture
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.domain.readiness import GAP_LEVEL, GAP_SYMBOL, TOP_LEVEL, gap_text
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.dashboard.choice_table import ChoiceTable
from verkosto_desktop.ui.dashboard.colours import level_colours
from verkosto_desktop.ui.dashboard.coverage_model import FILTER_ROLE, LEVEL_ROLE, CoverageModel
from verkosto_desktop.ui.dashboard.premises_model import PremisesModel


def _matrix(name: str, model: CoverageModel) -> ChoiceTable:
    view = ChoiceTable()
    view.setObjectName(name)
    view.setModel(model)
    view.setCornerButtonEnabled(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setCursor(Qt.CursorShape.PointingHandCursor)
    # One Tab stop: Tab moves on past the grid, the arrows move inside it.
    view.setTabKeyNavigation(False)
    # On a 600-pixel screen the grid may shrink to its header and a row or two (it scrolls,
    # and the gaps out of view are said under it).
    view.setMinimumHeight(48)
    return view


def hidden_gaps(view: QTableView, model: CoverageModel, more: int = 0) -> list[str]:
    """The gaps in rows that are not wholly in view (with ``more`` pixels of height), as
    "row · column" in reading order."""
    height = view.viewport().height() + more
    found = []
    for row in range(model.rowCount()):
        top = view.rowViewportPosition(row)
        if top >= 0 and top + view.rowHeight(row) <= height:
            continue
        for column in range(model.columnCount()):
            if model.index(row, column).data(LEVEL_ROLE) == GAP_LEVEL:
                found.append(f"{model.row_name(row)} · {model.column_name(column)}")
    return found


CATEGORY_TAB = 1  # the tab of capability categories × situation types


class CoveragePanel(QTabWidget):
    chosen = Signal(object)  # ActorFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageTabs")
        self.setAccessibleName(_("Coverage"))
        self.phase_model = CoverageModel()
        self.category_model = CoverageModel(compact=True)
        self.matrix = _matrix("coverageMatrix", self.phase_model)
        self.category_matrix = _matrix("categoryMatrix", self.category_model)
        # The category grid has ten columns of long Finnish words: each column is as wide as
        # its longest word, in a slightly smaller font, so the grid fits a laptop screen.
        header = self.category_matrix.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        small = header.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        header.setFont(small)
        self.matrix.setAccessibleName(_("Coverage by situation type and phase"))
        self.category_matrix.setAccessibleName(_("Coverage by capability category"))
        for view in (self.matrix, self.category_matrix):
            view.chosen.connect(self._choose)
        self.phase_choice = QComboBox()
        self.phase_choice.setObjectName("coveragePhase")
        for phase in Phase:
            self.phase_choice.addItem(phase.label(), phase.value)
        self.phase_choice.setCurrentIndex(list(Phase).index(Phase.RESPONSE))
        self.phase_choice.currentIndexChanged.connect(self._show_phase)
        self._legends = [QLabel(), QLabel()]
        for legend in self._legends:
            legend.setObjectName("coverageLegend")
            legend.setWordWrap(True)
        # A gap in a row scrolled out of view is still said in words.
        self._hidden = [QLabel(), QLabel()]
        for label, matrix in zip(self._hidden, self._views(), strict=True):
            label.setObjectName("coverageHiddenGaps")
            label.setWordWrap(True)
            label.hide()
            matrix.verticalScrollBar().valueChanged.connect(lambda _v: self._say_hidden_gaps())
        self._picture: ReadinessPicture | None = None
        self._dark = False

        first = QWidget()
        layout = QVBoxLayout(first)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._legends[0])
        layout.addWidget(self.matrix, 1)
        layout.addWidget(self._hidden[0])
        self.addTab(first, _("Situation types and phases"))

        second = QWidget()
        layout = QVBoxLayout(second)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        label = QLabel(_("Phase:"))
        label.setBuddy(self.phase_choice)
        row.addWidget(label)
        row.addWidget(self.phase_choice)
        row.addWidget(self._legends[1], 1)
        layout.addLayout(row)
        layout.addWidget(self.category_matrix, 1)
        layout.addWidget(self._hidden[1])
        self.addTab(second, _("Capabilities by situation type"))

        # Premises per area: where a hall with power and heat can be opened in a power cut.
        self.premises_model = PremisesModel()
        self.premises = ChoiceTable()
        self.premises.setObjectName("premisesByArea")
        self.premises.setAccessibleName(_("Premises and backup power by area"))
        self.premises.setModel(self.premises_model)
        self.premises.verticalHeader().hide()
        self.premises.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.premises.setWordWrap(False)
        self.premises.setCursor(Qt.CursorShape.PointingHandCursor)
        premises_header = self.premises.horizontalHeader()
        premises_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.premises.chosen.connect(self._choose)
        third = QWidget()
        layout = QVBoxLayout(third)
        layout.setContentsMargins(6, 6, 6, 6)
        legend = QLabel(
            _(
                "Premises by the area of the actor that can open them. Heating: works in a "
                "power cut. Click a count to list the actors."
            )
        )
        legend.setWordWrap(True)
        layout.addWidget(legend)
        layout.addWidget(self.premises, 1)
        self.premises_tab = self.addTab(third, self._premises_title(False))
        self._category_stale = False
        self.currentChanged.connect(self._tab_shown)
        self._render_legends()
        self.currentChanged.connect(lambda _i: self._say_hidden_gaps())

    def _views(self) -> tuple[QTableView, QTableView]:
        return (self.matrix, self.category_matrix)

    def _say_hidden_gaps(self) -> None:
        for label, view, model in zip(
            self._hidden, self._views(), (self.phase_model, self.category_model), strict=True
        ):
            # Judged as if the line were gone: its own room may be what hides the last row.
            room = label.height() + 6 if label.isVisible() else 0
            gaps = hidden_gaps(view, model, room) if view.isVisible() else []
            label.setVisible(bool(gaps))
            if gaps:
                label.setText(
                    f"{GAP_SYMBOL} "
                    + _("Out of view, nobody for: {places}").format(places="; ".join(gaps))
                )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Row names on one line, at most about a third of the grid (longer ones are shortened,
        # whole on hover), so that every row fits a 768-pixel screen.
        for view in self._views():
            view.verticalHeader().setMaximumWidth(max(140, int(self.width() * 0.34)))
        QTimer.singleShot(0, self, self._say_hidden_gaps)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._say_hidden_gaps)

    def rows_height(self) -> int:
        """The height the first grid needs to show all its rows (with its header)."""
        view = self.matrix
        header = view.verticalHeader()
        # From the contents, not the rows' present heights (which follow only once laid out).
        rows = sum(
            max(view.sizeHintForRow(row), header.sectionSizeHint(row))
            for row in range(self.phase_model.rowCount())
        )
        return rows + view.horizontalHeader().height() + 2 * view.frameWidth()

    def around_grid(self) -> int:
        """The height of the panel around the first grid: tabs, legend and margins (not the
        line about gaps out of view, which goes when every row fits)."""
        hidden = self._hidden[0]
        said = hidden.height() + 6 if hidden.isVisible() else 0
        return max(self.height() - self.matrix.height() - said, 0)

    def phase(self) -> str:
        return str(self.phase_choice.currentData())

    def set_phase(self, phase: str) -> None:
        index = self.phase_choice.findData(phase)
        if index >= 0:
            self.phase_choice.setCurrentIndex(index)

    def set_picture(self, picture: ReadinessPicture) -> None:
        first = self._picture is None
        self._picture = picture
        self.phase_model.set_grid(picture.coverage.by_phase)
        # The category grid sizes its columns to their contents, which reads every cell again:
        # most of a refresh's time on the UI thread. Behind its tab it waits until shown.
        self._category_stale = True
        if first or self.currentIndex() == CATEGORY_TAB:
            self._show_phase()
        self.premises_model.set_areas(picture.premises)
        gap = any(a.backup_power == 0 or a.heating == 0 for a in picture.premises)
        self.setTabText(self.premises_tab, self._premises_title(gap))
        QTimer.singleShot(0, self, self._say_hidden_gaps)

    def _tab_shown(self, index: int) -> None:
        if index == CATEGORY_TAB and self._category_stale:
            self._show_phase()

    @staticmethod
    def _premises_title(gap: bool) -> str:
        title = _("Premises by area")
        return f"{GAP_SYMBOL} {title}" if gap else title

    def _show_phase(self) -> None:
        if self._picture is not None:
            self._category_stale = False
            grid = self._picture.coverage.category_grid(self.phase())
            self.category_model.set_grid(grid, self._picture.situations)

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.phase_model.set_dark(dark)
        self.category_model.set_dark(dark)
        self._render_legends()

    def _render_legends(self) -> None:
        def swatch(level: int, text: str) -> str:
            background, colour = level_colours(level, self._dark)
            return (
                f'<span style="background-color:{background.name()}; color:{colour.name()};">'
                f"&nbsp;{text}&nbsp;</span>"
            )

        scale = " ".join(
            swatch(level, word)
            for level, word in zip(
                range(1, TOP_LEVEL + 1), (_("few"), _("more"), _("most")), strict=True
            )
        )
        gap = swatch(0, gap_text()) + " " + _("= a gap")
        first = f"{gap} &nbsp; {scale} &nbsp; " + _(
            "Each cell: actors that can act, and their capabilities. Click a cell to list them."
        )
        second = f"{gap} &nbsp; {scale} &nbsp; " + _("Each cell: number of actors.")
        self._legends[0].setText(first)
        self._legends[1].setText(second)

    def _choose(self, index: QModelIndex) -> None:
        flt = index.data(FILTER_ROLE)
        if flt is not None:
            self.chosen.emit(flt)

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("dashboard/phase", self.phase())
        settings.setValue("dashboard/tab", self.currentIndex())

    def restore_settings(self, settings: QSettings) -> None:
        self.set_phase(str(settings.value("dashboard/phase", Phase.RESPONSE.value)))
        tab = settings.value("dashboard/tab", 0, type=int)
        if isinstance(tab, int) and 0 <= tab < self.count():
            self.setCurrentIndex(tab)
