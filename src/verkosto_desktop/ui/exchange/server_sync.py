"""File → Sync with the regional server, in a laptop's window: the sync runs off the UI thread
(the window stays usable; progress in the status bar), a server out of reach is said plainly,
and the status bar shows when the last sync finished. "Sync when the program opens" syncs at
once when a window opens.

The server's address is kept in the settings without a password; the password comes from libpq
(``~/.pgpass``, ``PGPASSWORD``), the system keyring, or a question asked here and kept in memory
for this window only. No connection is made unless the user has given an address.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox

from verkosto_desktop.data.server.address import BadServerAddress, ServerAddress
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.jobs import JobRunner
from verkosto_desktop.ui.main_window import MainWindow

ADDRESS_KEY = "server/address"
ON_OPEN_KEY = "server/sync_on_open"
LAST_KEY = "server/last_sync"
# What a sync answers when the server wants a password nobody has given yet.
_NEEDS_PASSWORD = object()


class ServerSyncController(QObject):
    """Owns the sync action, its setting and its status-bar label in a laptop's window."""

    def __init__(self, window: MainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window, self.context = window, context
        self.runner = JobRunner(self)
        self._password: str | None = None  # asked this session; never written anywhere
        self.sync_action = QAction(_("S&ync with the regional server"), window)
        self.sync_action.setObjectName("actionServerSync")
        self.sync_action.setEnabled(not context.store.readonly)
        self.sync_action.triggered.connect(self.sync_now)
        self.on_open_action = QAction(_("Sync when the program opens"), window)
        self.on_open_action.setObjectName("actionServerSyncOnOpen")
        self.on_open_action.setCheckable(True)
        self.on_open_action.setChecked(self._setting_on_open())
        self.on_open_action.toggled.connect(
            lambda on: context.settings.setValue(ON_OPEN_KEY, bool(on))
        )
        self.networks_action = QAction(_("Neighbouring networks…"), window)
        self.networks_action.setObjectName("actionServerNetworks")
        self.networks_action.setEnabled(not context.store.readonly)
        self.networks_action.triggered.connect(self.choose_networks)
        window.add_file_action(self.sync_action)
        window.add_file_action(self.on_open_action)
        window.add_file_action(self.networks_action)
        self.status = QLabel("")
        self.status.setObjectName("statusServerSync")
        window.add_status_widget(self.status)
        window.installEventFilter(self)
        self._show_last()
        if self._setting_on_open() and self.address() is not None and not context.store.readonly:
            QTimer.singleShot(0, self.sync_now)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before the window closes its store: a running sync finishes (or stops) first.
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.runner.shutdown()
        return False

    def choose_networks(self) -> None:
        """Ask which neighbouring networks to receive (the next sync brings them)."""
        from verkosto_desktop.data.exchange.networks import choose_networks, network_choice
        from verkosto_desktop.ui.exchange.network_choice_dialog import NetworkChoiceDialog

        store = self.context.store
        dialog = NetworkChoiceDialog(network_choice(store), self.window)

        def save(_dialog: object) -> None:
            # Off the UI thread: a neighbour taken off the list is removed in the same write,
            # which for a large network takes seconds.
            chosen = dialog.chosen()
            dialog.save_in_background(
                self.runner.submit, lambda: choose_networks(store, chosen), _("Saving…")
            )

        dialog.submitted.connect(save)
        dialog.open()

    def _setting_on_open(self) -> bool:
        return bool(self.context.settings.value(ON_OPEN_KEY, False, type=bool))

    def address(self) -> ServerAddress | None:
        """The regional server set for this computer (without a password), if any."""
        text = str(self.context.settings.value(ADDRESS_KEY, "") or "")
        try:
            return ServerAddress.parse(text) if text else None
        except BadServerAddress:
            return None

    def _ask_address(self) -> ServerAddress | None:
        text, accepted = QInputDialog.getText(
            self.window,
            _("Regional server"),
            _("Address of the regional server (postgresql://user@server/register):"),
        )
        if not accepted or not text.strip():
            return None
        try:
            address = ServerAddress.parse(text)
        except BadServerAddress as error:
            QMessageBox.warning(self.window, _("Regional server"), str(error))
            return None
        if address.password:
            self._password = address.password
            address = address.with_password(None)
        self.context.settings.setValue(ADDRESS_KEY, str(address.url.render_as_string()))
        return address

    def _show_last(self) -> None:
        last = str(self.context.settings.value(LAST_KEY, "") or "")
        self.status.setVisible(bool(last) or self.address() is not None)
        if last:
            when = format_datetime(datetime.fromisoformat(last))
            self.status.setText(_("Synced: {when}").format(when=when))
        else:
            self.status.setText(_("Not synced yet"))

    def sync_now(self) -> None:
        """Sync in the background (asking the address first if none is set)."""
        if self.runner.busy():
            return
        address = self.address() or self._ask_address()
        if address is None:
            return
        if self._password:
            address = address.with_password(self._password)
        store = self.context.store

        asked = self._password is not None

        def work(progress: Progress) -> object:
            from verkosto_desktop.data.server.store import ServerRefused, ServerStore
            from verkosto_desktop.data.server.sync import sync

            try:
                server = ServerStore.connect(address)
            except ServerRefused:
                if asked:
                    raise
                return _NEEDS_PASSWORD
            try:
                return sync(store, server, progress)
            finally:
                server.close()

        job = self.runner.submit(work)
        if job is None:
            return
        self.sync_action.setEnabled(False)
        self.status.setVisible(True)
        self.status.setText(_("Syncing…"))
        job.progressed.connect(lambda _done, _total, text: self.status.setText(text))
        job.succeeded.connect(self._synced)
        job.failed.connect(self._failed)
        job.done.connect(lambda: self.sync_action.setEnabled(True))

    def _synced(self, result: object) -> None:
        from verkosto_desktop.data.server.sync import SyncResult

        if result is _NEEDS_PASSWORD:
            self._show_last()
            if self._ask_password():
                QTimer.singleShot(0, self.sync_now)  # once this job is settled
            return
        assert isinstance(result, SyncResult)
        self.context.settings.setValue(LAST_KEY, datetime.now(UTC).isoformat())
        self._show_last()
        self.window.statusBar().showMessage(
            _("Synced with the regional server: {pulled} changes received, {pushed} sent.").format(
                pulled=result.pulled.changes, pushed=result.pushed.changes
            ),
            10_000,
        )

    def _failed(self, message: str) -> None:
        self._show_last()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Regional server"),
            _("The sync did not finish; nothing was lost. Try again later."),
            parent=self.window,
        )
        box.setObjectName("syncFailedMessage")
        box.setInformativeText(message)
        box.open()

    def _ask_password(self) -> bool:
        address = self.address()
        if address is None:
            return False
        text, accepted = QInputDialog.getText(
            self.window,
            _("Regional server"),
            _("Password of {user} at {address}:").format(
                user=address.user or "?", address=address.shown()
            ),
            QLineEdit.EchoMode.Password,
        )
        if accepted and text:
            self._password = text
            return True
        return False
