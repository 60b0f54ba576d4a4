"""Links to written files (a report just saved) open in the system's viewer, not through Qt's
``QDesktopServices``, which would hand a frozen program's library path to the viewer."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from verkosto_desktop.i18n import _
from verkosto_desktop.system_viewer import ViewerUnavailable, open_with_system_viewer


def open_local_link(parent: QWidget, link: str) -> None:
    """Open the file a ``file:`` link names; tell the user when no viewer could be started."""
    url = QUrl(link)
    if not url.isLocalFile():
        return  # the program links only to files it wrote; it never opens the web
    try:
        open_with_system_viewer(Path(url.toLocalFile()))
    except ViewerUnavailable as error:
        QMessageBox.warning(parent, _("The file could not be opened"), str(error))


def link_files_to_viewer(label: QLabel) -> None:
    """Make the ``file:`` links in ``label`` open with the system's viewer."""
    label.setOpenExternalLinks(False)
    label.linkActivated.connect(lambda link: open_local_link(label, link))


def file_link(path: Path, text: str | None = None) -> str:
    """Rich text linking to ``path``, shown as ``text`` (the path itself by default)."""
    url = QUrl.fromLocalFile(str(path)).toString()
    return f'<a href="{escape(url)}">{escape(str(path) if text is None else text)}</a>'
