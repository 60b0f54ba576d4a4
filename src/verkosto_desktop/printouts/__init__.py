"""Printouts: every document a user asks for, on paper or as a file. Each reads what it needs
from ``data`` (the rows) and hands plain values to ``export`` (the layout and the file format).
The one path from a request to a document: the window (``ui/``) and the command line
(``verkosto export``) both call it, so they print the same thing; no Qt here either.

- :class:`PrintRequest` (``requests``) says which register document (the Printouts section's
  list) and with which choices; ``render.render`` writes it to a binary stream,
  ``render.save_document`` to a file (all or nothing), ``render.save_rendered`` saves a preview
  already rendered;
- ``paper_kit`` makes the premises card, the readiness sheet, the tick-off sheet of contacts due
  for checking, the after-action report and the blank survey form as parts of documents;
- ``pack.write_pack`` writes the whole paper kit (the list of ``pack_contents.pack_entries``)
  into a new dated folder, with an index page and one combined PDF;
- the documents other sections print from their own buttons, one module per section:
  ``dashboard`` (readiness sheet), ``incident`` (after-action report), ``network`` (call round
  tick-off sheet, survey forms, calendar file);
- ``domain.progress.Progress`` carries progress reports out and a cancel request in.

This package imports ReportLab only in the modules that make a document, so that importing the
requests (the window does at start) stays cheap; import those where a document is made.
"""

from verkosto_desktop.printouts.requests import DocumentKind, PrintRequest, describe_filter

__all__ = ["DocumentKind", "PrintRequest", "describe_filter"]
