"""File → Send to another laptop…: whom for (or everything), the passphrase, where to save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.exchange import site
from verkosto_desktop.data.exchange.bundle import SUFFIX, WrittenBundle, write_bundle
from verkosto_desktop.data.exchange.crypto import MIN_PASSPHRASE
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.domain.timefmt import format_datetime
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.message_line import MessageLine
from verkosto_desktop.ui.jobs import JobRunner

EVERYTHING = ""


class SendDialog(QDialog):
    """Writes a bundle in the background; ``sent(WrittenBundle)`` when it is on the stick."""

    sent = Signal(object)

    def __init__(
        self, store: Store, runner: JobRunner, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendDialog")
        self.setWindowTitle(_("Send to another laptop"))
        self._store, self._runner, self._settings = store, runner, settings
        me = site.this_site(store)
        self._my_name = me.name

        intro = QLabel(
            _(
                "A bundle carries the changes the other laptop has not seen yet, encrypted with a "
                "passphrase. Save it on a USB stick or attach it to an e-mail; tell the "
                "passphrase by phone or face to face, never in the same message."
            )
        )
        intro.setWordWrap(True)
        self.site_name = QLineEdit(me.name)
        self.site_name.setObjectName("sendSiteName")
        self.site_name.setToolTip(_("How the other laptops see this one in their histories"))
        self.peer = QComboBox()
        self.peer.setObjectName("sendPeer")
        self.peer.addItem(_("Everything (any laptop, or a new one)"), EVERYTHING)
        for peer in site.peers(store):
            when = format_datetime(peer.last_sent_at) if peer.last_sent_at else _("never")
            self.peer.addItem(
                _("{name} — last sent {when}").format(name=peer.name, when=when), peer.uuid
            )
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("sendPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("sendPassphraseAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.target = QLineEdit(str(self._default_target()))
        self.target.setObjectName("sendTarget")
        self.target.setAccessibleName(_("Save as"))  # its label names the row, not the field
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self._choose_target)
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(choose)

        form = QFormLayout()
        form.addRow(_("This laptop"), self.site_name)
        form.addRow(_("Send to"), self.peer)
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow(_("Passphrase again"), self.again)
        form.addRow(_("Save as"), where)
        self.message = MessageLine()
        self.message.setObjectName("sendMessage")
        for field in (self.passphrase, self.again, self.target):
            field.textChanged.connect(lambda _text: self.message.clear_message())

        buttons = QDialogButtonBox()
        self.send_button = QPushButton(_("&Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self._send)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, 360)

    def _default_target(self) -> Path:
        folder = Path(str(self._settings.value("exchange/folder", str(Path.home()))))
        name = slug(self._my_name, empty="verkosto")
        return folder / f"{name}-{local_today().isoformat()}{SUFFIX}"

    def _choose_target(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the bundle"),
            self.target.text(),
            _("Bundles (*{suffix})").format(suffix=SUFFIX),
        )
        if path:
            self.target.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def _problem(self, text: str) -> None:
        self.message.show_error(text)

    def _send(self) -> None:
        passphrase = self.passphrase.text()
        if len(passphrase) < MIN_PASSPHRASE:
            self._problem(
                _("The passphrase must be at least {count} characters long.").format(
                    count=MIN_PASSPHRASE
                )
            )
            self.passphrase.setFocus()
            return
        if passphrase != self.again.text():
            self._problem(_("The passphrases differ."))
            self.again.setFocus()
            return
        target = Path(self.target.text().strip()).expanduser()
        if not self.target.text().strip():
            self._problem(_("Choose where to save the bundle."))
            return
        name = " ".join(self.site_name.text().split())
        if name and name != self._my_name:
            site.rename(self._store, name)
            self._my_name = name
        peer = self.peer.currentData() or None
        store = self._store
        self.send_button.setEnabled(False)
        self.message.show_info(_("Writing the bundle…"))
        job = self._runner.submit(
            lambda progress: write_bundle(
                store, target, passphrase, peer=peer, full=peer is None, progress=progress
            )
        )
        if job is None:
            return
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)

    def _done(self, written: WrittenBundle) -> None:
        self._settings.setValue("exchange/folder", str(written.path.parent))
        self.message.show_info(
            _("Bundle saved: {path} ({changes} changes, {size} kB).").format(
                path=written.path, changes=written.changes, size=max(1, written.size // 1024)
            )
        )
        self.sent.emit(written)
        self.accept()

    def _failed(self, message: str) -> None:
        self.send_button.setEnabled(True)
        self._problem(message)
