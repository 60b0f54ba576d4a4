""" "Print as shown": a dialog that previews, saves and prints exactly the actors a list shows
(the register as filtered, a dashboard health list). Call :func:`print_actor_list` with the
list's ``ActorFilter``::

    print_actor_list(self, context, register.current_filter())
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.i18n import _
from verkosto_desktop.printouts import DocumentKind, PrintRequest
from verkosto_desktop.ui.context import AppContext
from verkosto_desktop.ui.printouts.panel import PrintPanel


class PrintPreviewDialog(QDialog):
    """The contact list of one filter, in the filter's own order, with Save and Print; for a
    filter on premises ("which halls have power"), the premises card of exactly the premises
    the filter counted."""

    def __init__(
        self,
        context: AppContext,
        flt: ActorFilter,
        subtitle: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreviewDialog")
        self.setWindowTitle(_("Print as shown"))
        self.resize(1000, 760)
        self.panel = PrintPanel(context.store, settings=context.settings)
        kind = DocumentKind.PREMISES if flt.narrows_premises else DocumentKind.CONTACTS
        self.panel.set_request(PrintRequest(kind, filter=flt, group_by="none", subtitle=subtitle))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.finished.connect(lambda _result: self.panel.shutdown())

    def request(self) -> PrintRequest:
        request = self.panel.request
        assert isinstance(request, PrintRequest)  # this dialog is only given requests
        return request


def print_actor_list(
    parent: QWidget | None,
    context: AppContext,
    flt: ActorFilter,
    subtitle: str | None = None,
) -> PrintPreviewDialog:
    """Open the preview of exactly the actors ``flt`` chooses (in its order) and start building
    it; the user saves or prints from there. ``subtitle`` replaces the words describing the
    filter in the header. Returns the (non-modal) dialog."""
    dialog = PrintPreviewDialog(context, flt, subtitle, parent)
    dialog.show()
    dialog.panel.refresh()
    return dialog
