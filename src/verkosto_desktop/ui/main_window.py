"""The main window: a section switcher on the left, the section on the right, menus and a status
bar. It wires sections together and little else; each section lives in its own sub-package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from verkosto_desktop import __version__
from verkosto_desktop.data.network.info import network_info
from verkosto_desktop.data.server.address import (
    ServerAddress,
    database_location,
    is_server_address,
)
from verkosto_desktop.data.server.store import ServerStore
from verkosto_desktop.data.storage.store import Change, ChangeKind
from verkosto_desktop.domain.clock import now_local
from verkosto_desktop.domain.timefmt import format_time
from verkosto_desktop.i18n import _, available_languages, current_language, set_language
from verkosto_desktop.paths import DATABASE_SUFFIX
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.elided import ElidedLabel
from verkosto_desktop.ui.focus import focus_into
from verkosto_desktop.ui.focus_ring import FocusRing
from verkosto_desktop.ui.forms.field_box import error_colour
from verkosto_desktop.ui.screen_fit import DEFAULT_SIZE, keep_on_screen
from verkosto_desktop.ui.tab_keys import install_tab_keys

MAX_RECENT = 8
NAVIGATION_LEAST = 120
NAVIGATION_PADDING = 28  # the list's frame, item margins and spacing
SectionFactory = Callable[[], QWidget]


class MainWindow(QMainWindow):
    """The window a coordinator keeps open. ``open_requested`` asks the application to switch to
    another database file or the regional register (the application rebuilds the window for
    it)."""

    open_requested = Signal(object, bool)  # a Path or a ServerAddress, fill with the demo if empty
    theme_toggled = Signal(bool)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("mainWindow")
        self._sections: dict[str, QWidget | None] = {}
        self._factories: dict[str, SectionFactory] = {}
        self._placeholders: dict[str, QWidget] = {}
        self._navigation = QListWidget()
        self._navigation.setObjectName("navigation")
        self._navigation.setAccessibleName(_("Sections"))
        self._navigation.setFixedWidth(NAVIGATION_LEAST)
        self._navigation.setSpacing(2)
        self._navigation.currentRowChanged.connect(self._on_section_changed)
        self._stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._navigation)
        splitter.addWidget(self._stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        # Without sizes the splitter gives the fixed-width switcher more room than it can use.
        splitter.setSizes([self._navigation.width(), 100_000])
        self.setCentralWidget(splitter)
        self._build_status_bar()
        self._build_menus()
        install_tab_keys(self)
        self.focus_ring = FocusRing(self)
        self.context.hub.saved.connect(self._on_saved)
        self.context.hub.write_failed.connect(self._on_write_failed)
        self.context.hub.listen(self._on_changed)
        self.refresh_title()
        self._restore_geometry()

    # -- sections ---------------------------------------------------------------------------

    def add_section(self, key: str, title: str, widget: QWidget | SectionFactory) -> None:
        """Add a section to the switcher (in the order added); Ctrl+1… switches to it.

        ``widget`` may be a factory: the section is then built when it is first shown or asked
        for, so that opening the window pays only for the section the user sees.
        """
        if isinstance(widget, QWidget):
            self._sections[key] = widget
            self._stack.addWidget(widget)
        else:
            self._sections[key] = None
            self._factories[key] = widget
            placeholder = QWidget()
            self._placeholders[key] = placeholder
            self._stack.addWidget(placeholder)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self._navigation.addItem(item)
        # As wide as the longest title needs and no wider: on a 1024-pixel screen every pixel
        # the switcher does not need goes to the section.
        needed = self._navigation.fontMetrics().horizontalAdvance(title) + NAVIGATION_PADDING
        if needed > self._navigation.width():
            self._navigation.setFixedWidth(needed)
        index = len(self._sections)
        if index <= 9:
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _checked=False, k=key: self.jump_to_section(k))
            self._view_menu.addAction(action)

    def jump_to_section(self, key: str) -> None:
        """Ctrl+1…: show the section and put the keyboard in it (where it was last, or on its
        first field), so that typing goes there and not to the switcher."""
        widget = self.show_section(key)
        if widget is not None:
            focus_into(widget, Qt.FocusReason.ShortcutFocusReason)

    def has_section(self, key: str) -> bool:
        """Whether the window has this section (built or not yet)."""
        return key in self._sections

    def section(self, key: str) -> QWidget | None:
        """The widget of a section (built now if it was not yet), if the window has it."""
        if key not in self._sections:
            return None
        return self._built(key)

    def built_sections(self) -> list[QWidget]:
        """The sections built so far."""
        return [w for w in self._sections.values() if w is not None]

    def _built(self, key: str) -> QWidget:
        widget = self._sections[key]
        if widget is None:
            widget = self._factories.pop(key)()
            placeholder = self._placeholders.pop(key)
            self._stack.insertWidget(self._stack.indexOf(placeholder), widget)
            self._stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._sections[key] = widget
        return widget

    def show_section(self, key: str) -> QWidget | None:
        """Switch to a section; returns its widget."""
        if key not in self._sections:
            return None
        widget = self._built(key)
        self._navigation.setCurrentRow(list(self._sections).index(key))
        return widget

    def current_section(self) -> str | None:
        item = self._navigation.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_section_changed(self, row: int) -> None:
        if row < 0:
            return
        widget = self._built(list(self._sections)[row])
        self._stack.setCurrentWidget(widget)
        on_show = getattr(widget, "on_show", None)
        if callable(on_show):
            on_show()

    # -- menus --------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(_("&File"))
        self.edit_menu = bar.addMenu(_("&Edit"))
        self._view_menu = bar.addMenu(_("&View"))
        help_menu = bar.addMenu(_("&Help"))

        new_action = QAction(_("&New network file…"), self)
        new_action.setObjectName("actionNewFile")
        new_action.triggered.connect(self._new_file)
        open_action = QAction(_("&Open…"), self)
        open_action.setObjectName("actionOpenFile")
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._open_file)
        self._recent_menu = QMenu(_("Recent files"), self)
        self._recent_menu.setObjectName("recentFilesMenu")
        self._recent_menu.aboutToShow.connect(self._fill_recent)
        demo_action = QAction(_("Open the &demo network"), self)
        demo_action.triggered.connect(
            lambda: self.open_requested.emit(self.context.locations.demo_database, True)
        )
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addActions([new_action, open_action])
        self.file_menu.addMenu(self._recent_menu)
        self.file_menu.addAction(demo_action)
        self.file_menu.addSeparator()
        self._file_menu_end = self.file_menu.addSeparator()
        self.file_menu.addAction(quit_action)

        dark = QAction(_("&Dark theme"), self)
        dark.setCheckable(True)
        dark.setChecked(bool(self.context.settings.value("view/dark", False, type=bool)))
        dark.toggled.connect(self._toggle_dark)
        self._view_menu.addAction(dark)
        self._view_menu.addMenu(self._language_menu())
        self._view_menu.addSeparator()

        about = QAction(_("&About Verkosto"), self)
        about.triggered.connect(self._about)
        where = QAction(_("Where is my data?"), self)
        where.triggered.connect(self._where_is_data)
        help_menu.addActions([about, where])

    def _language_menu(self) -> QMenu:
        menu = QMenu(_("&Language"), self)
        group = QActionGroup(menu)
        for code, name in available_languages():
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, c=code: self._change_language(c))
        return menu

    def _change_language(self, code: str) -> None:
        """Remember the language and rebuild the window in it (every string is re-read); the new
        window takes this one's size, place and section from the settings saved here."""
        if code == current_language():
            return
        self.save_settings()
        self.context.settings.setValue("ui/language", code)
        set_language(code)
        self.open_requested.emit(self.location(), False)

    def location(self) -> Path | ServerAddress:
        """What the window has open: the file's path, or the regional register's address."""
        store = self.context.store
        return store.address if isinstance(store, ServerStore) else (store.origin or store.path)

    def add_file_action(self, action: QAction) -> None:
        """Sections add their file actions (backup, export…) above Quit."""
        self.file_menu.insertAction(self._file_menu_end, action)

    def _file_filter(self) -> str:
        return _("Verkosto files (*{suffix});;All files (*)").format(suffix=DATABASE_SUFFIX)

    def _new_file(self) -> None:
        start = str(self.context.locations.data)
        while True:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("New network file"),
                start,
                self._file_filter(),
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if not path:
                return
            target = Path(path)
            if target.suffix == "":
                target = target.with_suffix(DATABASE_SUFFIX)
            if not target.exists():
                self.open_requested.emit(target, False)
                return
            # A new network never goes into an existing file: that file's network would open
            # instead of an empty one, and "overwrite" would throw its data away.
            QMessageBox.warning(
                self,
                _("New network file"),
                _(
                    "{name} already exists. Choose another name for the new network, "
                    "or open the existing file with File → Open."
                ).format(name=target.name),
            )
            start = str(target.parent)

    def _open_file(self) -> None:
        location = self.location()
        start = str(location.parent if isinstance(location, Path) else self.context.locations.data)
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open network file"), start, self._file_filter()
        )
        if path:
            self.open_requested.emit(Path(path), False)

    def recent_files(self) -> list[str]:
        value = self.context.settings.value("files/recent", [])
        if isinstance(value, str):  # QSettings gives a one-item list back as a plain string
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _fill_recent(self) -> None:
        self._recent_menu.clear()
        files = [f for f in self.recent_files() if is_server_address(f) or Path(f).exists()]
        if not files:
            empty = self._recent_menu.addAction(_("No recent files"))
            empty.setEnabled(False)
        for file in files:
            action = self._recent_menu.addAction(file)
            action.triggered.connect(
                lambda _c=False, f=file: self.open_requested.emit(database_location(f), False)
            )

    def _toggle_dark(self, dark: bool) -> None:
        self.context.settings.setValue("view/dark", dark)
        self.theme_toggled.emit(dark)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About Verkosto"),
            _(
                "<b>Verkosto {version}</b><p>The register and coordination tool of a network of "
                "civic organisations. Works without a network connection: all data is on this "
                "computer.</p>"
            ).format(version=__version__),
        )

    def _where_is_data(self) -> None:
        locations = self.context.locations
        QMessageBox.information(
            self,
            _("Where is my data?"),
            _(
                "Database file:\n{database}\n\nBackups:\n{backups}\n\nSettings:\n{settings}"
                "{portable}"
            ).format(
                database=self.context.store.shown_name,
                backups=locations.backups,
                settings=locations.settings,
                portable=("\n\n" + _("Portable mode: everything is beside the program."))
                if locations.portable
                else "",
            ),
        )

    # -- status bar ---------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # Long texts are shortened to fit a 1024-pixel screen (whole on hover); the incident's
        # banner and the saved time keep their room.
        # The file's name (its folder on hover): the whole path left "/t…to" at 1024 pixels.
        # The regional register: its address without the password.
        where = self.location()
        self._file_label = ElidedLabel(
            where.shown() if isinstance(where, ServerAddress) else where.name,
            mode=Qt.TextElideMode.ElideMiddle,
            min_chars=14,
        )
        self._file_label.set_tip(where.shown() if isinstance(where, ServerAddress) else str(where))
        self._file_label.setObjectName("statusFile")
        self._saved_label = QLabel("")
        self._saved_label.setObjectName("statusSaved")
        offline = ElidedLabel(
            _("On the regional server — changes are saved there")
            if self.context.store.is_server
            else _("Offline — all data on this computer"),
            min_chars=12,
        )
        offline.setObjectName("statusOffline")
        bar.addWidget(self._file_label, 1)
        bar.addPermanentWidget(self._saved_label)
        bar.addPermanentWidget(offline)

    def add_status_widget(self, widget: QWidget) -> None:
        """Sections may show a permanent indicator (e.g. the last backup)."""
        self.statusBar().insertPermanentWidget(1, widget)

    def _on_saved(self) -> None:
        self._saved_label.setStyleSheet("")
        self._saved_label.setToolTip("")
        self._saved_label.setText(
            _("Saved at {time}").format(time=format_time(now_local(), seconds=True))
        )

    def _on_write_failed(self, message: str) -> None:
        self._saved_label.setStyleSheet(f"color: {error_colour()}; font-weight: bold;")
        self._saved_label.setText(_("Not saved!"))
        self._saved_label.setToolTip(message)

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        if any(c.kind is ChangeKind.NETWORK_INFO for c in changes):
            self.refresh_title()

    def refresh_title(self) -> None:
        name = network_info(self.context.store).name or _("Network")
        location = self.location()
        where = location.name if isinstance(location, Path) else location.database
        self.setWindowTitle(f"{name} — {where} — Verkosto")

    # -- settings -----------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.context.settings.value("window/geometry")
        self._geometry_restored = (
            isinstance(geometry, QByteArray)
            and not geometry.isEmpty()
            and self.restoreGeometry(geometry)
        )
        if not self._geometry_restored:
            self.resize(DEFAULT_SIZE)
        state = self.context.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        section = self.context.settings.value("window/section")
        if isinstance(section, str):
            self._pending_section = section

    def place_on_screen(self) -> None:
        """Before the window is first shown: inside the screen's free area (a size saved on a
        bigger screen, or the default size on a small laptop, is shrunk), centred when new."""
        keep_on_screen(self, centre=not self._geometry_restored)

    def restore_section(self) -> None:
        """Show the section that was open last time (called once all sections are added)."""
        section = getattr(self, "_pending_section", None)
        if section and section in self._sections:
            self.show_section(section)
        elif self._sections and self._navigation.currentRow() < 0:
            self._navigation.setCurrentRow(0)

    def save_settings(self) -> None:
        settings = self.context.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/section", self.current_section() or "")
        for widget in self.built_sections():
            save = getattr(widget, "save_settings", None)
            if callable(save):
                save(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        # Dialogs still at work (a preview being built) stop before their widgets go.
        for dialog in self.findChildren(QDialog):
            stop = getattr(dialog, "shutdown", None)
            if callable(stop):
                stop()
        for widget in self.built_sections():
            shutdown = getattr(widget, "shutdown", None)
            if callable(shutdown):
                shutdown()
        self.context.hub.detach()
        self.context.store.close()
        super().closeEvent(event)
