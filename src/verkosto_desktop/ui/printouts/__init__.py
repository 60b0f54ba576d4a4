"""The printouts section: choose a document and its filters, preview it in the app, save it, print
it, or write the whole print pack to a USB stick. ``print_as_shown`` lets other sections (the
register, the dashboard) preview, save and print exactly the actors they show."""

from verkosto_desktop.ui.printouts.print_as_shown import PrintPreviewDialog, print_actor_list
from verkosto_desktop.ui.printouts.section import PrintoutsSection

__all__ = ["PrintPreviewDialog", "PrintoutsSection", "print_actor_list"]
