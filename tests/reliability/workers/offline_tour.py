"""A tour of the whole window, shared by the in-process test and the guarded worker: every
section in the navigation, and every PDF the program can make."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QListWidget

from verkosto_desktop.ui.main_window import MainWindow


def visit_sections(window: MainWindow, settle: Callable[[], None]) -> list[str]:
    """Show every section listed in the navigation; returns their keys in order."""
    navigation = window.findChild(QListWidget, "navigation")
    assert navigation is not None
    visited = []
    for row in range(navigation.count()):
        navigation.setCurrentRow(row)
        settle()
        key = window.current_section()
        assert key is not None
        assert window.section(key) is not None and window.section(key).isVisible()
        visited.append(key)
    return visited


def export_pdfs(window: MainWindow, folder: Path) -> list[Path]:
    """Print the window to a PDF through QPrinter (Qt's whole print stack, which asks CUPS for
    printers) and, when the program has its ``export`` command, export contact sheets."""
    printed = folder / "window.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(10, 10, 10, 10),
        )
    )
    painter = QPainter(printer)
    scale = printer.pageRect(QPrinter.Unit.DevicePixel).width() / max(window.width(), 1)
    painter.scale(scale, scale)
    window.render(painter, QPoint())
    painter.end()
    made = [printed]

    from verkosto_desktop.commands import COMMAND_MODULES

    if any(module.__name__.endswith(".export") for module in COMMAND_MODULES):
        from verkosto_desktop.cli import main as cli

        exported = folder / "contacts.pdf"
        database = str(window.context.store.path)
        code = cli(["export", "contacts", "--database", database, "--out", str(exported)])
        assert code == 0
        made.append(exported)
    return made
