"""The register section: the search and filters, the table of actors, and the editor beside it.

Other sections open the register filtered with ``apply_filter`` and print what is shown with
``current_filter()`` / ``visible_ids()``; ``filter_changed`` tells them when the filter changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.network.info import network_info
from verkosto_desktop.data.register.search import ActorFilter, count_live_actors
from verkosto_desktop.data.storage.store import REGISTER_KINDS, Change, ChangeKind
from verkosto_desktop.domain.phones import format_phone
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.register.actor_editor import ActorEditor
from verkosto_desktop.ui.register.actor_page import TAB_CAPABILITIES, TAB_CONTACTS
from verkosto_desktop.ui.register.actor_table_model import PHONE_ROLE, SORT_KEYS, ActorTableModel
from verkosto_desktop.ui.register.catalogue_cache import read_catalogues
from verkosto_desktop.ui.register.clipboard import copy_number
from verkosto_desktop.ui.register.filter_bar import FilterBar
from verkosto_desktop.ui.register.person_data_dialog import PersonDataDialog
from verkosto_desktop.ui.register.phase_delegate import PhaseMarkerDelegate
from verkosto_desktop.ui.register.row_text import (
    COL_24_7,
    COL_NAME,
    COL_PHASES,
    COL_PHONE,
    COLUMN_WIDTHS,
    EDITOR_SHARE,
    EDITOR_WIDTH,
    FIRST_COLUMNS,
)
from verkosto_desktop.ui.register.trash_dialog import TrashDialog

# Health checks measured against the network's verification period (the others have none, or a
# fixed one: members' activity is always the last year).
PERIOD_CHECKS = {"stale_contacts", "all_contacts_stale"}
STATUS_MS = 6000


class RegisterSection(QWidget):
    """``filter_changed(ActorFilter)`` fires whenever the rows shown follow a new filter."""

    filter_changed = Signal(object)
    print_requested = Signal(object)  # ActorFilter: print exactly the rows on screen

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("registerSection")
        self.context = context
        store = context.store
        self.stale_months = network_info(store).stale_after_months or 12
        catalogues = read_catalogues(store)
        self.filter_bar = FilterBar(catalogues, self.stale_months)
        self.model = ActorTableModel(store, catalogues, self)
        self.model.stale_months = self.stale_months
        self.table = self._build_table()
        self.empty_text = QLabel()
        self.empty_text.setObjectName("registerEmptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_clear = QPushButton(_("Clear the search and filters"))
        self.empty_clear.setObjectName("registerEmptyClear")
        self.empty_clear.clicked.connect(self.filter_bar.clear_all)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_clear, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self._table_pages = QStackedWidget()
        self._table_pages.addWidget(self.table)
        self._table_pages.addWidget(empty)

        self.editor = ActorEditor(store, catalogues)
        self.editor.actor_created.connect(self._select)
        self.editor.write_failed.connect(context.hub.write_failed.emit)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("registerSplitter")
        self.splitter.addWidget(self._table_pages)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        # Until the user moves the divider (or a saved one is restored), the editor keeps its
        # width as the window is sized: 480 pixels, or a share of a narrow register.
        self._split_pending = True
        self._saved_split_width = 0  # how wide the register was when its divider was saved
        self.splitter.splitterMoved.connect(lambda _pos, _index: self._split_chosen())
        self.splitter.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filter_bar.print_button, self.table)
        self.setTabOrder(self.table, self.editor)

        self._total = count_live_actors(store)
        self.filter_bar.filter_edited.connect(self._on_bar_edited)
        self.filter_bar.print_button.clicked.connect(self.print_as_shown)
        context.hub.listen(self._on_changes)
        self._restore_settings(context.settings)
        self._set_filter(self.filter_bar.current(self.model.filter))
        self.trash_dialog: TrashDialog | None = None

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("actorTable")
        table.setAccessibleName(_("Actors"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setMinimumWidth(180)  # narrow screens: the columns scroll, the window still fits
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab moves on to the editor; arrows move in the table
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        for position, column in enumerate(FIRST_COLUMNS):
            header.moveSection(header.visualIndex(column), position)
        header.setSectionResizeMode(COL_PHASES, QHeaderView.ResizeMode.Fixed)
        table.setItemDelegateForColumn(COL_PHASES, PhaseMarkerDelegate(table))
        header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        table.doubleClicked.connect(self._on_double_click)
        copy = QAction(_("Copy the phone number"), table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_current_phone)
        open_editor = QAction(_("Edit the actor"), table)
        open_editor.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_editor.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_editor.triggered.connect(self.focus_editor)
        self.delete_action = QAction(_("&Move actor to trash"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        table.addActions([copy, open_editor, self.delete_action])
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return table

    # -- the public interface other sections use ---------------------------------------------

    def apply_filter(self, flt: ActorFilter) -> None:
        """Set the search box, the filters and the chips to ``flt`` and show its rows."""
        self.filter_bar.show_filter(flt)
        self._set_filter(flt)
        column = SORT_KEYS.index(flt.sort) if flt.sort in SORT_KEYS else COL_NAME
        order = Qt.SortOrder.DescendingOrder if flt.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)

    def current_filter(self) -> ActorFilter:
        """The filter of the rows on screen (sorting included)."""
        return self.model.filter

    def print_as_shown(self) -> None:
        """Ask for exactly the rows on screen to be printed (``print_requested``)."""
        self.print_requested.emit(self.current_filter())

    def visible_ids(self) -> list[str]:
        """Ids of the actors the table lists, in their order (also those further down than the
        table has read yet)."""
        return self.model.ids()

    # -- filtering ----------------------------------------------------------------------------

    def _on_bar_edited(self) -> None:
        self._set_filter(self.filter_bar.current(self.model.filter))

    def _set_filter(self, flt: ActorFilter) -> None:
        self.editor.set_match(flt)
        self.model.set_filter(flt)
        self._after_rows_changed()
        self.filter_changed.emit(flt)

    def _after_rows_changed(self) -> None:
        shown = self.model.match_count()
        self.filter_bar.set_count(shown, self._total)
        if shown == 0:
            if self._total == 0:
                self.empty_text.setText(_("The register is empty. Add the first actor (Ctrl+N)."))
            else:
                self.empty_text.setText(_("No actor matches the search and filters."))
            self.empty_clear.setVisible(self._total > 0)
            self._table_pages.setCurrentIndex(1)
        else:
            self._table_pages.setCurrentIndex(0)
        actor_id = self.editor.actor_id
        row = self.model.row_of(actor_id) if actor_id else None
        if row is not None:
            current = self.table.currentIndex()
            if not current.isValid() or current.row() != row:
                self.table.setCurrentIndex(self.model.index(row, max(current.column(), 0)))
        elif self.table.currentIndex().isValid():
            self.table.selectionModel().clearCurrentIndex()

    def _on_changes(self, changes: tuple[Change, ...]) -> None:
        kinds = {change.kind for change in changes}
        if ChangeKind.CATALOGUE in kinds:
            catalogues = read_catalogues(self.context.store)
            self.model.set_catalogues(catalogues)
            self.filter_bar.set_catalogues(catalogues)
            self.editor.set_catalogues(catalogues)
        period_changed = ChangeKind.NETWORK_INFO in kinds and self._follow_period()
        if kinds & REGISTER_KINDS or period_changed:
            if ChangeKind.ACTOR in kinds:
                self._total = count_live_actors(self.context.store)
            self.model.refresh()  # also redraws the dates not verified within the period
            self._after_rows_changed()
        self.editor.on_changes(changes)

    def _follow_period(self) -> bool:
        """The network's verification period may have changed: the filter bar, the table's red
        dates and a filter measured by the period follow it. True when the period changed."""
        months = network_info(self.context.store).stale_after_months or 12
        old = self.stale_months
        if months == old:
            return False
        self.stale_months = months
        self.model.stale_months = months
        self.filter_bar.set_stale_months(months)
        flt = self.model.filter
        if flt.stale_months == old:
            flt = replace(flt, stale_months=months)
        if flt.health in PERIOD_CHECKS and flt.health_months in (old, None):
            flt = replace(flt, health_months=months)
        if flt != self.model.filter:
            self.filter_bar.show_filter(flt)
            self._set_filter(flt)
        return True

    # -- selection and actions ----------------------------------------------------------------

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        actor_id = self.model.id_at(current.row()) if current.isValid() else None
        if actor_id is not None:
            self.editor.show_actor(actor_id)

    def _select(self, actor_id: str) -> None:
        row = self.model.locate(actor_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def select_actor(self, actor_id: str) -> None:
        """Show ``actor_id`` in the editor (and select its row when it is in the list)."""
        self.editor.show_actor(actor_id)
        self._select(actor_id)

    def select_contact(self, actor_id: str, contact_id: str) -> None:
        """Open one contact person of ``actor_id`` in the editor, ready for typing."""
        self.select_actor(actor_id)
        page = self.editor.page
        page.tabs.setCurrentIndex(TAB_CONTACTS)
        if page.contacts.select_record(contact_id):
            page.contact_form.mobile.setFocus()  # a call found changed details

    def select_capabilities(self, actor_id: str) -> None:
        """Open the capabilities of ``actor_id`` in the editor."""
        self.select_actor(actor_id)
        self.editor.page.tabs.setCurrentIndex(TAB_CAPABILITIES)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.column() in (COL_PHONE, COL_24_7):
            copy_number(self, format_phone(index.data(PHONE_ROLE)))
        else:
            self.focus_editor()

    def copy_current_phone(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            copy_number(self, format_phone(self.model.index(index.row(), 0).data(PHONE_ROLE)))

    def focus_editor(self) -> None:
        if self.editor.actor_id is not None:
            self.editor.page.tabs.setCurrentIndex(0)
            self.editor.page.details.name.setFocus()

    def new_actor(self) -> None:
        """Start a new actor in the editor, with the name field focused."""
        self.table.selectionModel().clearCurrentIndex()
        self.table.clearSelection()
        self.editor.start_new()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def delete_current(self) -> None:
        """Move the actor shown to the trash."""
        if self.editor.actor_id is None:
            return
        row = self.table.currentIndex().row()
        self.editor.delete_actor()
        if self.editor.actor_id is None:
            self._status(_("Moved to the trash. Edit → Trash brings it back."))
            following = self.model.id_at(min(max(row, 0), self.model.rowCount() - 1))
            if following is not None:
                self.select_actor(following)

    def open_person_data(self) -> PersonDataDialog:
        """An access request: a person's data, found by name and saved as JSON or PDF."""
        dialog = PersonDataDialog(self.context.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_trash(self) -> TrashDialog:
        """The trash, with restore (not modal, so the register stays usable)."""
        self.editor.flush()
        if self.trash_dialog is None:
            self.trash_dialog = TrashDialog(self.context.store, self)
        self.trash_dialog.reload()
        self.trash_dialog.show()
        self.trash_dialog.raise_()
        return self.trash_dialog

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, STATUS_MS)

    # -- the main window's hooks --------------------------------------------------------------

    def install_actions(self, window: QMainWindow, show: Callable[[], object]) -> None:
        """Add the register's commands to the Edit menu; ``show()`` brings the section up."""
        menu = getattr(window, "edit_menu", None)
        if menu is None:
            return

        def shown(action: Callable[[], object]) -> Callable[..., object]:
            return lambda _checked=False: (show(), action())

        entries = (
            (_("&New actor"), QKeySequence.StandardKey.New, self.new_actor),
            (_("&Find in the register"), QKeySequence.StandardKey.Find, self.focus_search),
        )
        for text, key, slot in entries:
            action = QAction(text, window)
            action.setShortcut(key)
            action.triggered.connect(shown(slot))
            menu.addAction(action)
        menu.addSeparator()
        verify = QAction(_("Mark actor &verified today"), window)
        verify.triggered.connect(shown(self.editor.verify_actor))
        history = QAction(_("Actor &history…"), window)
        history.setShortcut(QKeySequence("Ctrl+H"))
        history.triggered.connect(shown(self.editor.open_history))
        menu.addActions([verify, history, self.delete_action])
        menu.addSeparator()
        trash = QAction(_("&Trash…"), window)
        trash.triggered.connect(shown(self.open_trash))
        person = QAction(_("&Person's data…"), window)
        person.setObjectName("actionPersonData")
        person.setToolTip(_("Everything the file holds about a person, as JSON or PDF"))
        person.triggered.connect(shown(self.open_person_data))
        menu.addActions([trash, person])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # As the window is sized: give the editor its width, the table the rest.
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            width = self.splitter.width()
            if self._split_pending and width > 200:
                # A narrow screen gives the editor a share, so the table keeps its phones.
                editor = min(EDITOR_WIDTH, int(width * EDITOR_SHARE))
                self.splitter.setSizes([width - editor, editor])
            elif (
                width < 0.9 * self._saved_split_width
                and self.splitter.sizes()[0] < self._first_columns_width()
            ):
                # A divider saved on a bigger screen: the name, phone and 24/7 stay in view.
                table = min(self._first_columns_width(), int(width * (1 - EDITOR_SHARE)))
                self.splitter.setSizes([table, width - table])
        return False

    def _first_columns_width(self) -> int:
        header = self.table.horizontalHeader()
        columns = sum(header.sectionSize(column) for column in FIRST_COLUMNS)
        # The table's frame and scroll bar, and a little air after the last of them.
        around = self._table_pages.width() - self.table.viewport().width()
        return columns + max(around, self.table.verticalScrollBar().sizeHint().width()) + 8

    def _split_chosen(self) -> None:
        self._split_pending = False
        self._saved_split_width = 0  # moved here: this screen's choice, kept as it is

    def on_show(self) -> None:
        if not self.isAncestorOf(self.focusWidget() or self):
            self.filter_bar.search.setFocus()

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("register/splitter", self.splitter.saveState())
        settings.setValue("register/splitter_width", self.splitter.width())
        settings.setValue("register/header", self.table.horizontalHeader().saveState())
        settings.setValue("register/columns", self.model.columnCount())

    def _restore_settings(self, settings: QSettings) -> None:
        splitter = settings.value("register/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self._split_pending = not self.splitter.restoreState(splitter)
            self._saved_split_width = int(settings.value("register/splitter_width", 0, type=int))  # type: ignore[call-overload]
        header = settings.value("register/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            view = self.table.horizontalHeader()
            view.restoreState(header)
            columns = settings.value("register/columns", 0, type=int)
            if columns != self.model.columnCount():
                # Saved before the 24/7 column existed (Qt adds it last): beside the phone.
                view.moveSection(view.visualIndex(COL_24_7), view.visualIndex(COL_PHONE) + 1)

    def shutdown(self) -> None:
        """Save what is still waiting for its pause before the file is closed."""
        self.editor.flush()
        if self.trash_dialog is not None:
            self.trash_dialog.close()
