"""Fusion style with a calm light palette, a dark one for night use on battery, and the bundled
font registered so every machine shows ä ö å (and Sámi letters) the same way."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

FONT_FAMILY = "DejaVu Sans"
_registered = False


def register_fonts() -> str:
    """Register the bundled fonts with Qt (once); returns the family name to use."""
    global _registered
    if not _registered:
        fonts = resources.files("verkosto_desktop.resources") / "fonts"
        for entry in fonts.iterdir():
            if entry.name.endswith(".ttf"):
                QFontDatabase.addApplicationFontFromData(entry.read_bytes())
        _registered = True
    return FONT_FAMILY


def palette_for(dark: bool) -> QPalette:
    """The light or the dark theme's palette (every text/background pair at least 4.5:1)."""
    palette = QPalette()
    if dark:
        colours = {
            QPalette.ColorRole.Window: "#1f2327",
            QPalette.ColorRole.WindowText: "#e6e6e6",
            QPalette.ColorRole.Base: "#15181b",
            QPalette.ColorRole.AlternateBase: "#23282d",
            QPalette.ColorRole.Text: "#e6e6e6",
            QPalette.ColorRole.Button: "#2a2f35",
            QPalette.ColorRole.ButtonText: "#e6e6e6",
            QPalette.ColorRole.Highlight: "#3570aa",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#2a2f35",
            QPalette.ColorRole.ToolTipText: "#e6e6e6",
            QPalette.ColorRole.PlaceholderText: "#8b949e",
            QPalette.ColorRole.Link: "#79b8ff",
        }
    else:
        colours = {
            QPalette.ColorRole.Window: "#f3f4f2",
            QPalette.ColorRole.WindowText: "#1d2428",
            QPalette.ColorRole.Base: "#ffffff",
            QPalette.ColorRole.AlternateBase: "#f1f4f6",
            QPalette.ColorRole.Text: "#1d2428",
            QPalette.ColorRole.Button: "#e8ebe8",
            QPalette.ColorRole.ButtonText: "#1d2428",
            QPalette.ColorRole.Highlight: "#2f6f9f",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#fffbe6",
            QPalette.ColorRole.ToolTipText: "#1d2428",
            QPalette.ColorRole.PlaceholderText: "#6b7378",
            QPalette.ColorRole.Link: "#1f5f8b",
        }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    # Greyed out, yet still readable (4.5:1 on every background).
    disabled = QColor("#5d6569") if not dark else QColor("#9aa1a8")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, dark: bool = False) -> None:
    """Fusion style, the palette, and the bundled font as the application font."""
    # First: widgets that pick their colours when the style or palette changes ask this.
    app.setProperty("verkostoDark", dark)
    app.setStyle("Fusion")
    app.setPalette(palette_for(dark))
    family = register_fonts()
    font = QFont(family)
    font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
    app.setFont(font)


def is_dark(app: QCoreApplication | None) -> bool:
    """Whether the dark theme is on (sections pick their own accent colours from it)."""
    return app is not None and bool(app.property("verkostoDark"))
