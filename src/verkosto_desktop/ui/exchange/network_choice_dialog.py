"""File → Neighbouring networks…: which other networks this laptop receives from the regional
server, read-only (kept in the file: the command line's ``verkosto sync --also`` sees the same
choice). The owner saves the keys (``FormDialog.save``); a key that cannot be one is said in the
dialog, and the typing stays."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from verkosto_desktop.data.exchange.networks import NetworkChoice
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.forms.form_dialog import FormDialog


class NetworkChoiceDialog(FormDialog):
    """The neighbouring networks to receive, as keys separated by commas; ``submitted(dialog)``
    on OK."""

    def __init__(self, choice: NetworkChoice, parent: QWidget | None = None) -> None:
        super().__init__("networkChoiceDialog", _("Neighbouring networks"), parent)
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
        # Personal data: a neighbour's people are not kept once nobody here asked for them.
        forgetting = QLabel(
            _(
                "A network taken off the list is removed from this laptop at once (its "
                "people's details too). Chosen again, it comes whole at the next sync."
            )
        )
        forgetting.setObjectName("forgettingNote")
        forgetting.setWordWrap(True)
        self.keys = QLineEdit(", ".join(choice.also))
        self.keys.setObjectName("neighbourNetworks")
        self.keys.setAccessibleName(_("Neighbouring networks"))
        content = QVBoxLayout()
        content.addWidget(intro)
        content.addWidget(own)
        content.addWidget(forgetting)
        content.addWidget(self.keys)
        self.finish_layout(460, content=content)

    def chosen(self) -> list[str]:
        """What was typed, for ``choose_networks``."""
        return [self.keys.text()]
