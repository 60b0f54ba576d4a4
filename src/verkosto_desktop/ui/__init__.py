"""Qt only: the main window, one sub-package per section, item models and shared widgets.
The UI never writes SQL: it calls functions in ``data`` and listens to the event hub."""

from verkosto_desktop.ui.qt_workarounds import guard_singleton_refcounts

# Before any window is built: see qt_workarounds (PySide6 6.12.0 on Python 3.11).
guard_singleton_refcounts()
