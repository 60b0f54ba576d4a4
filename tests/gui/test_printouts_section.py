"""The printouts section as a user drives it: choose, preview (Qt's PDF view), save, print, cancel,
the print pack, and "print as shown" for a filtered list."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from verkosto_desktop.app import build_window
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.printouts import DocumentKind
from verkosto_desktop.ui.main_window import MainWindow
from verkosto_desktop.ui.printouts import PrintoutsSection


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> MainWindow:
    window = build_window(demo_path)
    qtbot.addWidget(window)
    window.show()
    return window


def section_of(window: MainWindow) -> PrintoutsSection:
    section = window.show_section("printouts")
    assert isinstance(section, PrintoutsSection)
    return section


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def click(qtbot: QtBot, section: QWidget, name: str) -> None:
    button = section.findChild(QPushButton, name)
    assert button is not None and button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_preview_shows_the_contact_list_in_the_app(qtbot: QtBot, window: MainWindow) -> None:
    section = section_of(window)
    choose(section.choices.document, DocumentKind.CONTACTS.value)
    with qtbot.waitSignal(section.panel.previewed, timeout=30_000) as shown:
        click(qtbot, section, "exportPreviewButton")
    assert shown.args[0] > 0
    view = window.findChild(QWidget, "exportPreview")
    assert view is not None and view.isVisible()
    assert section.panel.preview.page_count() == shown.args[0]
    assert "sivua" in section.panel.status.text()


def test_save_writes_the_chosen_document(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = section_of(window)
    choose(section.choices.document, DocumentKind.SITUATION.value)
    choose(section.choices.situation, "storm")
    target = tmp_path / "myrsky"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    with qtbot.waitSignal(section.panel.saved, timeout=30_000) as saved:
        click(qtbot, section, "exportSave")
    path = saved.args[0]
    assert path == target.with_suffix(".pdf")
    text = PdfReader(path).pages[0].extract_text()
    assert "Tilannekortti" in text and "Myrsky" in text


def test_saving_to_a_vanished_folder_says_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = section_of(window)
    choose(section.choices.document, DocumentKind.CSV.value)
    gone = tmp_path / "usb" / "rekisteri.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(gone), ""))
    )
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warnings.append(text))
    )
    job = section.panel.save()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    assert warnings and "USB" in warnings[0]
    assert not gone.parent.exists()


def test_print_goes_through_the_print_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = section_of(window)
    choose(section.choices.document, DocumentKind.PLAN.value)
    with qtbot.waitSignal(section.panel.previewed, timeout=30_000):
        click(qtbot, section, "exportPreviewButton")
    printed = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    with qtbot.waitSignal(section.panel.printed, timeout=60_000) as done:
        click(qtbot, section, "exportPrint")
    assert done.args[0] == section.panel.preview.page_count() > 0
    assert len(PdfReader(printed).pages) == section.panel.preview.page_count()
    assert "tulostimelle" in section.panel.status.text()


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printing_renders_the_pages_in_the_background_with_progress(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from verkosto_desktop.ui.printouts import printing

    rendered_on: list[threading.Thread] = []
    real_render = printing.QPdfDocument.render

    def render(document: object, page: int, size: object) -> object:
        rendered_on.append(threading.current_thread())
        return real_render(document, page, size)  # type: ignore[arg-type]

    monkeypatch.setattr(printing.QPdfDocument, "render", render)
    section = section_of(window)
    choose(section.choices.document, DocumentKind.CONTACTS.value)
    with qtbot.waitSignal(section.panel.previewed, timeout=30_000) as shown:
        click(qtbot, section, "exportPreviewButton")
    pages = shown.args[0]
    assert pages > 2
    printed = tmp_path / "tuloste.pdf"
    job = section.panel.print_to(_pdf_printer(printed))
    assert job is not None
    # The UI thread is free while the pages render: Print and Preview wait, Stop is offered.
    assert section.panel.cancel_button.isVisible()
    assert not section.panel.print_button.isEnabled()
    reports: list[tuple[int, int]] = []
    job.progressed.connect(lambda done, total, _m: reports.append((done, total)))
    with qtbot.waitSignal(section.panel.printed, timeout=120_000) as done:
        pass
    assert done.args[0] == pages
    reader = PdfReader(printed)
    assert len(reader.pages) == pages
    # The paper keeps the sheet's shape (the contact list is A4 landscape).
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert reports and reports[-1] == (pages, pages)
    assert len(rendered_on) == pages
    assert threading.main_thread() not in rendered_on  # never on the UI thread
    assert not section.panel.cancel_button.isVisible()


def test_stopping_a_print_stops_the_rendering_and_leaves_no_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    section = section_of(window)
    choose(section.choices.document, DocumentKind.CONTACTS.value)
    with qtbot.waitSignal(section.panel.previewed, timeout=30_000) as shown:
        click(qtbot, section, "exportPreviewButton")
    pages = shown.args[0]
    printed = tmp_path / "keskeytetty.pdf"
    job = section.panel.print_to(_pdf_printer(printed))
    assert job is not None
    # Stop is clicked as soon as the first page's progress shows. Clicking after waiting for
    # that signal raced on a loaded machine: Qt delivers the posted pages in one batch, and a
    # five-page sheet could be painted whole before the click.
    clicks: list[int] = []

    def stop_at_first_progress(done: int, _total: int, _message: str) -> None:
        if not clicks:
            clicks.append(done)
            click(qtbot, section, "exportCancel")

    job.progressed.connect(stop_at_first_progress)
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        pass
    assert clicks == [0]
    run = section.panel.print_run
    assert run is not None and run.over
    assert run.pages_painted < pages  # it stopped well before the end
    assert not printed.exists()  # no half-printed file
    assert section.panel.status.text() == "Tulostus keskeytettiin."
    assert section.panel.print_button.isEnabled()


def test_cancel_stops_the_export_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from verkosto_desktop.printouts import render as render_module

    def endless(_store: object, _request: object, out: object, progress: object) -> int:
        out.write(b"%PDF-half-written")  # type: ignore[attr-defined]
        while True:  # a very long export, until the user cancels
            progress.update(1, 2)  # type: ignore[attr-defined]
            time.sleep(0.01)

    monkeypatch.setattr(render_module, "render", endless)
    section = section_of(window)
    choose(section.choices.document, DocumentKind.CONTACTS.value)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(usb / "lista.pdf"), ""))
    )
    click(qtbot, section, "exportSave")
    job = section.panel.job
    assert job is not None
    with qtbot.waitSignal(job.progressed, timeout=30_000):
        pass
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        click(qtbot, section, "exportCancel")
    assert list(usb.iterdir()) == []
    assert section.panel.status.text() == "Keskeytettiin; mitään ei tallennettu."
    assert not section.panel.cancel_button.isVisible()


def test_print_pack_writes_every_sheet_into_the_folder(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = section_of(window)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(usb)))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    job = section.write_pack()
    assert job is not None
    with qtbot.waitSignal(job.succeeded, timeout=60_000):
        pass
    [pack] = list(usb.iterdir())
    names = [p.name for p in pack.iterdir()]
    assert "00_tulostuspaketti.pdf" in names and "01_sisallys.pdf" in names
    assert any(n.endswith("_yhteystietolista.pdf") for n in names)
    assert str(pack) in section.panel.status.text()


def test_print_as_shown_holds_exactly_the_filtered_actors(qtbot: QtBot, window: MainWindow) -> None:
    """The register searched and sorted by a user; its print holds the rows on screen, in the
    order on screen, and no other actor."""
    import io

    from PySide6.QtWidgets import QApplication

    from verkosto_desktop.data.register.contact_sheet import sheet_actors
    from verkosto_desktop.ui.printouts import PrintPreviewDialog
    from verkosto_desktop.ui.register.row_text import COL_AREA, COL_NAME

    store = window.context.store
    register = window.show_section("register")
    model = register.model  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=30_000)
    everyone = model.rowCount()
    qtbot.keyClicks(register.filter_bar.search, "kyl")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: 1 < model.rowCount() < everyone, timeout=30_000)
    header = register.table.horizontalHeader()  # type: ignore[union-attr]
    by_area = QPoint(header.sectionViewportPosition(COL_AREA) + 8, header.height() // 2)
    before = [model.index(r, COL_NAME).data() for r in range(model.rowCount())]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=by_area)
    qtbot.waitUntil(lambda: model.filter.sort == "area")
    # Again: by area, descending.
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=by_area)
    qtbot.waitUntil(
        lambda: [model.index(r, COL_NAME).data() for r in range(model.rowCount())] != before
    )
    shown = [model.index(r, COL_NAME).data() for r in range(model.rowCount())]
    assert sorted(shown) == sorted(before)  # the same rows, in another order
    qtbot.mouseClick(register.filter_bar.print_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    (dialog,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PrintPreviewDialog) and w.isVisible()
    ]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.panel.built is not None, timeout=30_000)
    reader = PdfReader(io.BytesIO(dialog.panel.built or b""))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    position = 0
    for name in shown:  # each row on screen, after the one above it
        found = text.find(name, position)
        assert found >= 0, f"{name} is missing or out of order"
        position = found + len(name)
    hidden = [a.name for a in sheet_actors(store, search_actor_ids(store, ActorFilter()))]
    for name in set(hidden) - set(shown):
        assert name not in text, name
    dialog.close()


def test_choices_show_only_the_filters_that_apply(qtbot: QtBot, window: MainWindow) -> None:
    section = section_of(window)
    choices = section.choices
    choose(choices.document, DocumentKind.MEETING.value)
    assert choices.incident.isVisible() and not choices.area.isVisible()
    choose(choices.document, DocumentKind.SITUATION.value)
    assert choices.situation.isVisible() and choices.situation.findData(None) < 0
    assert choices.request().situation == choices.situation.currentData()
    choose(choices.document, DocumentKind.CONTACTS.value)
    assert choices.area.isVisible() and choices.situation.findData(None) == 0
    choose(choices.area, "Keskusta")
    box = choices.members_only
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    request = choices.request()
    assert request.filter.area == "Keskusta" and request.filter.membership == "member"
    assert request.filter.situation is None
