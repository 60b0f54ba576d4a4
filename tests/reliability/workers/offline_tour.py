"""A tour of the whole window, shared by the in-process test and the guarded worker: every
section in the navigation and every tab in it, and every document the program can make — each
``verkosto export`` document (the same ``printouts`` path the window uses), a preview of the
Printouts section sent to a printer, and the window itself through Qt's print stack."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QListWidget, QTabWidget

from verkosto_desktop.ui.main_window import MainWindow

# The sections the README promises (keys as in the navigation).
SECTIONS = {"dashboard", "register", "incident", "network", "printouts"}
# Documents made besides ``verkosto export``'s: the window printed through Qt's print stack, and
# a document previewed in the Printouts section and sent to a (PDF) printer.
WINDOW_DOCUMENTS = ("window", "printed preview")
# What a file of each kind starts with.
MAGIC = {".pdf": b"%PDF", ".csv": b"\xef\xbb\xbf", ".vcf": b"BEGIN:VCARD", ".ics": b"BEGIN:VCAL"}

Settle = Callable[[], None]


def visit_sections(window: MainWindow, settle: Settle) -> dict[str, list[str]]:
    """Show every section listed in the navigation and every tab in it; returns the titles of
    the tabs shown, by section key (in order)."""
    navigation = window.findChild(QListWidget, "navigation")
    assert navigation is not None
    visited: dict[str, list[str]] = {}
    for row in range(navigation.count()):
        navigation.setCurrentRow(row)
        settle()
        key = window.current_section()
        assert key is not None and key not in visited
        section = window.section(key)
        assert section is not None and section.isVisible()
        tabs_seen: list[str] = []
        for tabs in section.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue  # e.g. the incident's tabs while no incident is chosen
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                settle()
                assert tabs.currentWidget().isVisible()
                tabs_seen.append(tabs.tabText(index))
        visited[key] = tabs_seen
    return visited


def _wait(settle: Settle, done: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"{what} did not finish"
        settle()
        time.sleep(0.01)


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _print_window(window: MainWindow, path: Path) -> None:
    printer = _pdf_printer(path)
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


def _print_preview(window: MainWindow, settle: Settle, path: Path) -> None:
    """The Printouts section's preview of the action plan, printed as a user prints it."""
    from verkosto_desktop.ui.printouts import PrintoutsSection

    section = window.show_section("printouts")
    assert isinstance(section, PrintoutsSection)
    panel = section.panel
    section.show_document("plan")
    _wait(settle, lambda: panel.built is not None and not panel.busy(), "the preview")
    printed: list[int] = []
    panel.printed.connect(printed.append)
    assert panel.print_to(_pdf_printer(path)) is not None
    _wait(settle, lambda: bool(printed) and not panel.busy(), "printing")
    assert printed[0] >= 1


def export_documents() -> list[str]:
    """Every document ``verkosto export`` makes (its choices for ``what``)."""
    from verkosto_desktop.commands.export import KINDS, OTHER_DOCUMENTS

    return list(dict.fromkeys([*KINDS, *OTHER_DOCUMENTS, "pack"]))


def _suffix(what: str) -> str:
    return {"csv": ".csv", "vcard": ".vcf", "ics": ".ics", "pack": ""}.get(what, ".pdf")


def print_every_document(window: MainWindow, folder: Path, settle: Settle) -> dict[str, Path]:
    """Make every document the program can make into ``folder``; returns them by name (the
    ``export`` choices and :data:`WINDOW_DOCUMENTS`; ``pack`` is a folder)."""
    from verkosto_desktop.cli import main as cli
    from verkosto_desktop.data.network import call_rounds

    made: dict[str, Path] = {}
    made["window"] = folder / "window.pdf"
    _print_window(window, made["window"])
    made["printed preview"] = folder / "printed-preview.pdf"
    _print_preview(window, settle, made["printed preview"])

    store = window.context.store
    call_rounds.start_round(store, "Kierros", "members")  # the call sheet needs a round
    database = str(store.path)
    extra = {"situation": ["--situation", "power_outage"]}
    for what in export_documents():
        out = folder / f"{what}{_suffix(what)}"
        if what == "pack":
            out.mkdir()
        args = ["export", what, "--database", database, "--out", str(out), *extra.get(what, [])]
        # What a command prints (the pack its folder) must not mix with a worker's messages.
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli(args)
        assert code == 0, what
        made[what] = out
    return made


def check_documents(made: dict[str, Path]) -> None:
    """Every document was made, and each is what its name says (the tests assert with it)."""
    from pypdf import PdfReader

    from verkosto_desktop.printouts import DocumentKind

    assert {kind.value for kind in DocumentKind} <= set(export_documents())  # the panel's too
    assert set(made) == {*export_documents(), *WINDOW_DOCUMENTS}
    for name, path in made.items():
        if name == "pack":
            files = sorted(path.rglob("*.pdf"))  # in a new dated folder inside the one given
            assert len(files) >= 5, files
            assert all(f.read_bytes().startswith(MAGIC[".pdf"]) for f in files)
            continue
        assert path.read_bytes().startswith(MAGIC[path.suffix]), name
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) >= 1, name


def check_sections(visited: dict[str, list[str]]) -> None:
    """Every section was shown, and every tab of the dashboard, the incident and the network."""
    assert set(visited) == SECTIONS
    tabs = {key: len(titles) for key, titles in visited.items()}
    assert tabs["dashboard"] >= 2 and tabs["incident"] >= 6 and tabs["network"] >= 6, visited
