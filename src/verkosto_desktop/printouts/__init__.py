"""Printouts: what each printed sheet and export needs, fetched from ``data`` and handed to
``export``. The one entry point the window (``ui/exports``) and the command line
(``verkosto export``) share; no Qt here either.

- :class:`PrintRequest` (``requests``) says which document and with which choices;
- ``render.render`` writes it to a binary stream, ``render.export_to_file`` to a file (all or
  nothing);
- ``pack.write_pack`` writes every sheet at once into a folder, plus one combined PDF;
- ``export.progress.Progress`` carries progress reports out and a cancel request in.

This package imports ReportLab only in ``render`` and ``pack``, so that importing the requests
(the window does at start) stays cheap; import those two where a document is made.
"""

from verkosto_desktop.printouts.requests import DocumentKind, PrintRequest, describe_filter

__all__ = ["DocumentKind", "PrintRequest", "describe_filter"]
