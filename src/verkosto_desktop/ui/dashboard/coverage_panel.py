"""The coverage views in tabs: situation types × phases (``coverageMatrix``), capability
categories × situation types for a chosen phase (``categoryMatrix``), and premises with backup
power and heating per area (``premisesByArea``, "⚠ ei yhtään" where none). Choosing a cell asks
for the register filtered to exactly the actors it counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.dashboard.readiness import ReadinessPicture
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.domain.readiness import GAP_SYMBOL, TOP_LEVEL, gap_text
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.dashboard.choice_table import ChoiceTable
from verkosto_desktop.ui.dashboard.colours import level_colours
from verkosto_desktop.ui.dashboard.coverage_model import FILTER_ROLE, CoverageModel
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
    return view


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
        self._picture: ReadinessPicture | None = None
        self._dark = False

        first = QWidget()
        layout = QVBoxLayout(first)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._legends[0])
        layout.addWidget(self.matrix, 1)
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
