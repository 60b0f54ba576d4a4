"""Qt's own dialogs (file dialog, print preview, message boxes) in the program's language.

Qt ships Finnish and Swedish translations of its dialogs, but the Finnish one misses a few labels
of the file dialog ("Look in:", "Files of type:", the file types "Folder" and "Drive"); those
come from our own catalog, so no half-English dialog is left.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication

from verkosto_desktop.i18n import N_, _, current_language

# (Qt's context, Qt's English text): our message id is Qt's text.
OURS = {
    ("QFileDialog", N_("&Look in:")),
    ("QFileDialog", N_("Files of &type:")),
    ("QAbstractFileIconProvider", N_("Folder")),
    ("QAbstractFileIconProvider", N_("Drive")),
}
_installed: list[QTranslator] = []


class MissingQtWords(QTranslator):
    """Answers only what Qt's own translation leaves in English."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if (context, source) not in OURS or current_language() == "en":
            return None  # no answer: Qt keeps looking (or shows its English)
        return _(source)


def install_qt_translations(app: QApplication) -> None:
    """Qt's dialogs in the current language (again after the language was switched)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    owner: QObject = app
    # Installed first, asked last: only for what Qt's own translation has not.
    ours = MissingQtWords(owner)
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(owner)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(current_language()), "qtbase", "_", folder):
        app.installTranslator(qt)
        _installed.append(qt)
