"""Printouts: what each printed sheet and export needs, fetched from ``data`` and handed to
``export``. The one entry point the window (``ui/exports``) and the command line
(``verkosto export``) share; no Qt here either.

- :class:`PrintRequest` says which document and with which choices;
- :func:`render` writes it to a binary stream, :func:`export_to_file` to a file (all or nothing);
- :func:`write_pack` writes every sheet at once into a folder, plus one combined PDF;
- :class:`Progress` carries progress reports out and a cancel request in.
"""

from verkosto_desktop.printouts.pack import write_pack
from verkosto_desktop.printouts.progress import Progress
from verkosto_desktop.printouts.render import export_to_file, render
from verkosto_desktop.printouts.requests import DocumentKind, PrintRequest, describe_filter

__all__ = [
    "DocumentKind",
    "PrintRequest",
    "Progress",
    "describe_filter",
    "export_to_file",
    "render",
    "write_pack",
]
