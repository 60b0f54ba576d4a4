"""Qt only: the main window, one sub-package per section, item models and shared widgets.
The UI never writes SQL: it calls functions in ``data`` and listens to the event hub."""

from verkosto_desktop.ui.qt_workarounds import make_none_immortal

make_none_immortal()
