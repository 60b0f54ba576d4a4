"""File → Neighbouring networks…: which other networks this laptop receives from the regional
server, read-only (kept in the file: the command line's ``verkosto sync --also`` sees the same
choice). A key that cannot be one is said under the field, and the typing stays."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.exchange.networks import choose_networks, network_choice
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _


class NetworkChoiceDialog(QDialog):
    """The neighbouring networks to receive, as keys separated by commas."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkChoiceDialog")
        self.setWindowTitle(_("Neighbouring networks"))
        self._store = store
        choice = network_choice(store)
        intro = QLabel(
            _(
                "A laptop holds its own network. It can also receive neighbouring networks "
                "from the regional server, to read but not to change. Give their keys, "
                "separated by commas (empty: none)."
            )
        )
        intro.setWordWrap(True)
        own = QLabel(
            _("This laptop writes the network '{network}'.").format(network=choice.own)
            if choice.own
            else _("This laptop's network is learnt at its first sync.")
        )
        own.setObjectName("ownNetwork")
        own.setWordWrap(True)
        self.keys = QLineEdit(", ".join(choice.also))
        self.keys.setObjectName("neighbourNetworks")
        self.keys.setAccessibleName(_("Neighbouring networks"))
        self.problem = QLabel()
        self.problem.setObjectName("networkChoiceProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(own)
        layout.addWidget(self.keys)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Keep the choice in the file; a bad key or a refused write keeps the dialog open."""
        try:
            choose_networks(self._store, [self.keys.text()])
        except VerkostoError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        super().accept()
