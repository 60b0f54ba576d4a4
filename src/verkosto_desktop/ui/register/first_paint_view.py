"""The window's first paint: the register's first rows shown while the program still loads what
the rest of the window needs (SQLAlchemy, the models, the other sections: about a second).

It is drawn like the main window on the register (the same title, size, sections, columns and
cell texts, ``row_text``) from ``data.register.first_paint``'s plain read, and is replaced by the
main window as soon as that is built. Nothing here can change the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QElapsedTimer,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.register.first_paint import FirstPaint, read_first_paint
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.register.row_text import (
    COL_NAME,
    COLUMN_WIDTHS,
    EDITOR_SHARE,
    EDITOR_WIDTH,
    FIRST_COLUMNS,
    HEADERS,
    RowText,
)
from verkosto_desktop.ui.screen_fit import DEFAULT_SIZE, keep_on_screen

ROWS = 48  # more than a full-height screen shows
EXPOSE_WAIT_MS = 300  # how long to wait for the window system to map the window
NAVIGATION_WIDTH = 120
Index = QModelIndex | QPersistentModelIndex


def section_titles() -> tuple[str, ...]:
    """The main window's sections, in its order (``ui.sections.install_sections``)."""
    return (_("Situation overview"), _("Register"), _("Incident"), _("Network"), _("Printouts"))


class FirstRowsModel(QAbstractTableModel):
    """The first rows, as the register's own table model writes them."""

    def __init__(self, paint: FirstPaint) -> None:
        super().__init__()
        texts = RowText(names_by_key(paint.categories), paint.stale_months)
        self._shown = [texts.display(row) for row in paint.rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return self._shown[index.row()][index.column()]


class FirstPaintWindow(QMainWindow):
    """A look at the register while the main window is being built; it takes no input."""

    def __init__(self, path: Path, paint: FirstPaint, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("firstPaint")
        name = paint.network_name or _("Network")
        self.setWindowTitle(f"{name} — {path.name} — Verkosto")
        navigation = QListWidget()
        navigation.setFixedWidth(NAVIGATION_WIDTH)
        navigation.setSpacing(2)
        navigation.addItems(list(section_titles()))
        navigation.setCurrentRow(1)
        search = QLineEdit()
        search.setPlaceholderText(_("Search names, phone numbers, e-mail, capabilities… (Ctrl+F)"))
        self.model = FirstRowsModel(paint)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        _lay_out_columns(header, settings)
        # The actor editor's place, with its words, until the register is ready to edit.
        hint = QLabel(_("Choose an actor in the list, or add a new one (Ctrl+N)."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        rows = QHBoxLayout()
        rows.addWidget(self.table, 1)
        rows.addWidget(hint)
        register = QVBoxLayout()
        register.setContentsMargins(6, 6, 6, 6)
        register.addWidget(search)
        register.addLayout(rows, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(navigation)
        layout.addLayout(register, 1)
        self.setCentralWidget(central)
        for title in (_("&File"), _("&Edit"), _("&View"), _("&Help")):
            self.menuBar().addMenu(title)
        self.statusBar().addWidget(QLabel(path.name), 1)
        self.statusBar().addPermanentWidget(QLabel(_("Offline — all data on this computer")))
        # Until the window is ready nothing here answers a click or a key.
        self.setEnabled(False)
        geometry = settings.value("window/geometry")
        restored = (
            isinstance(geometry, QByteArray)
            and not geometry.isEmpty()
            and self.restoreGeometry(geometry)
        )
        if not restored:
            self.resize(DEFAULT_SIZE)
        keep_on_screen(self, centre=not restored)
        register_width = self.width() - NAVIGATION_WIDTH
        hint.setFixedWidth(min(EDITOR_WIDTH, int(register_width * EDITOR_SHARE)))

    def show_painted(self) -> None:
        """Show the window and paint it now (the event loop is busy until the main window is
        built): wait briefly for the window system to map it, then paint the rows."""
        self.show()
        clock = QElapsedTimer()
        clock.start()
        handle = self.windowHandle()
        while clock.elapsed() < EXPOSE_WAIT_MS:
            QApplication.processEvents()
            if handle is not None and handle.isExposed():
                break
        self.repaint()
        QApplication.processEvents()
        self.painted()

    def painted(self) -> None:
        """Called once the rows are on screen (the start-up benchmark listens here)."""


def _lay_out_columns(header: QHeaderView, settings: QSettings) -> bool:
    """The register's column widths and order, as saved; whether it is sorted by name."""
    for column, width in enumerate(COLUMN_WIDTHS):
        header.resizeSection(column, width)
    for position, column in enumerate(FIRST_COLUMNS):
        header.moveSection(header.visualIndex(column), position)
    header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
    header.setSortIndicatorShown(True)
    saved = settings.value("register/header")
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        header.restoreState(saved)
    return header.sortIndicatorSection() == COL_NAME


def first_paint_window(path: Path, settings: QSettings) -> FirstPaintWindow | None:
    """The first paint of the register in ``path`` (a file at this version's schema with actors
    in it, left sorted by name), or None when the window must open the normal way."""
    probe = QHeaderView(Qt.Orientation.Horizontal)
    # The header needs its columns before a saved state applies to it.
    probe.setModel(FirstRowsModel(FirstPaint([], False, "", (), 12)))
    by_name = _lay_out_columns(probe, settings)
    descending = probe.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    probe.deleteLater()
    if not by_name:
        return None  # another order: its first page needs the data layer's query
    paint = read_first_paint(path, ROWS, descending=descending)
    if paint is None or not paint.rows:
        return None
    return FirstPaintWindow(path, paint, settings)
