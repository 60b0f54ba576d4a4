"""Sharing in the window: File → Send to another laptop… and Receive…, Edit → Conflicts…, and
two status-bar indicators: the open conflicts (a click opens them) and when the other laptops
last got a bundle."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from verkosto_desktop.data.exchange import conflicts, site
from verkosto_desktop.data.exchange.bundle import WrittenBundle
from verkosto_desktop.data.exchange.merge import MergeSummary
from verkosto_desktop.data.storage.store import Change, ChangeKind
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.exchange.sharing_texts import summary_rows
from verkosto_desktop.ui.jobs import JobRunner
from verkosto_desktop.ui.main_window import MainWindow

_FOLLOWS = frozenset({ChangeKind.CONFLICT, ChangeKind.SITE, ChangeKind.RESTORED})


class ExchangeController(QObject):
    """Owns the sharing actions, dialogs and status indicators of a window."""

    def __init__(self, window: MainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window, self.context = window, context
        self.runner = JobRunner(self)
        self.available = site.sharing_available(context.store)
        writable = not context.store.readonly and self.available
        self.send_action = QAction(_("&Send to another laptop…"), window)
        self.send_action.setObjectName("actionSendBundle")
        self.send_action.setEnabled(writable)
        self.send_action.triggered.connect(self.open_send)
        self.receive_action = QAction(_("Re&ceive…"), window)
        self.receive_action.setObjectName("actionReceiveBundle")
        self.receive_action.setEnabled(writable)
        self.receive_action.triggered.connect(self.open_receive)
        window.add_file_action(self.send_action)
        window.add_file_action(self.receive_action)
        self.conflicts_action = QAction(_("&Conflicts between laptops…"), window)
        self.conflicts_action.setObjectName("actionConflicts")
        self.conflicts_action.setEnabled(self.available)
        self.conflicts_action.triggered.connect(self.open_conflicts)
        window.edit_menu.addAction(self.conflicts_action)

        self.conflict_button = QPushButton("")
        self.conflict_button.setObjectName("statusConflicts")
        self.conflict_button.setFlat(True)
        # Without a border the button is as tall as a label: the status bar's height counts
        # hidden widgets too, and a framed button made the window 7 pixels taller.
        self.conflict_button.setStyleSheet("font-weight: bold; border: none;")
        self.conflict_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.conflict_button.clicked.connect(self.open_conflicts)
        self.peers_label = QLabel("")
        self.peers_label.setObjectName("statusPeers")
        window.add_status_widget(self.peers_label)
        window.add_status_widget(self.conflict_button)
        context.hub.listen(self._on_changed)
        window.installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before the window closes its store: a bundle being written or merged finishes first.
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.runner.shutdown()
        return False

    def refresh(self) -> None:
        """Read the conflict count and the peers again (small queries)."""
        if not self.available:
            self.conflict_button.setVisible(False)
            self.peers_label.setVisible(False)
            return
        count = conflicts.count(self.context.store)
        self.conflict_button.setVisible(count > 0)
        self.conflict_button.setText(_("⚠ Conflicts: {count}").format(count=count))
        self.conflict_button.setToolTip(
            _("Changes made on two laptops at once: choose which to keep")
        )
        self.conflicts_action.setText(
            _("&Conflicts between laptops ({count})…").format(count=count)
            if count
            else _("&Conflicts between laptops…")
        )
        peers = site.peers(self.context.store)
        sent = [p for p in peers if p.last_sent_at is not None]
        # A copy knows the site it was copied from: that alone is no sharing yet.
        self.peers_label.setVisible(any(p.last_sent_at or p.last_received_at for p in peers))
        if sent:
            latest = max(sent, key=lambda p: p.last_sent_at)  # type: ignore[arg-type,return-value]
            self.peers_label.setText(
                _("Bundle to {name}: {when}").format(
                    name=latest.name, when=format_datetime(latest.last_sent_at)
                )
            )
        else:
            self.peers_label.setText(_("No bundle sent yet"))
        lines = [
            _("{name}: bundle sent {sent}, received {received}").format(
                name=p.name,
                sent=format_datetime(p.last_sent_at) if p.last_sent_at else _("never"),
                received=format_datetime(p.last_received_at) if p.last_received_at else _("never"),
            )
            for p in peers
        ]
        self.peers_label.setToolTip("\n".join(lines))

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        if any(change.kind in _FOLLOWS for change in changes):
            self.refresh()

    # -- dialogs --------------------------------------------------------------------------------

    def open_send(self) -> None:
        from verkosto_desktop.ui.exchange.send_dialog import SendDialog

        dialog = SendDialog(self.context.store, self.runner, self.context.settings, self.window)
        dialog.sent.connect(self._sent)
        dialog.open()

    def _sent(self, written: WrittenBundle) -> None:
        self.refresh()
        self.window.statusBar().showMessage(
            _("Bundle saved: {path}").format(path=written.path), 10_000
        )

    def open_receive(self) -> None:
        from verkosto_desktop.ui.exchange.receive_dialog import ReceiveDialog

        dialog = ReceiveDialog(self.context.store, self.runner, self.window)
        dialog.merged.connect(self._merged)
        dialog.open()

    def _merged(self, summary: MergeSummary) -> None:
        self.refresh()
        lines = [f"{label}: {count}" for _key, label, count in summary_rows(summary) if count]
        text = _("The bundle from {site} was merged.").format(site=summary.sender)
        box = QMessageBox(
            QMessageBox.Icon.Information, _("Bundle received"), text, parent=self.window
        )
        box.setObjectName("receivedMessage")
        box.setInformativeText("\n".join(lines) or _("Nothing new."))
        if summary.conflicts:
            settle = box.addButton(_("Settle the conflicts…"), QMessageBox.ButtonRole.ActionRole)
            settle.clicked.connect(self.open_conflicts)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.open()

    def open_conflicts(self) -> None:
        from verkosto_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.context.store, self.context.hub, self.window)
        # It listens to the hub: gone when closed, so that no closed view keeps listening.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
