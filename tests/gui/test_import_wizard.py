"""File → Import a list…, driven as a user would: the file, the preview with its encoding, the
mapping, a word to explain and a duplicate to update, the test run, the import, the register's
import bar, and Undo import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from register_support import click, click_tab, open_window, shown_names

from exchange_fixtures import finnish_csv_cp1252, write
from verkosto_desktop.data.register import actors, contacts
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.ui.exchange.import_wizard import (
    PAGE_IMPORT,
    PAGE_MAPPING,
    PAGE_PREVIEW,
    PAGE_REVIEW,
    PAGE_TEST,
    ImportWizard,
)
from verkosto_desktop.ui.exchange.mapping_model import COL_TARGET
from verkosto_desktop.ui.main_window import MainWindow

EXTRA_ROWS = (
    "Esimerkkilän Martat ry;yhdistys;Kirkonkylä;Helena Virtanen;puheenjohtaja;"
    "040 556 1200;helena@example.fi;;;;\r\n"
    "Keskustan Säätiö;säätiö;Keskusta;;;;;;;;\r\n"
)


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    path = tmp_path / "verkosto.verkosto"
    with Store.open(path) as store:
        martat = actors.create_actor(store, {"name": "Esimerkkilän Martat ry", "area": "Keskusta"})
        contacts.add_contact(store, martat.id, {"name": "Helena Virtanen", "mobile": "0405561200"})
        actors.create_actor(store, {"name": "Öljymäen VPK", "kind": "readiness_organisation"})
    return path


def live_names(path: Path) -> list[str]:
    with Store.open(path) as store:
        from verkosto_desktop.data.register.search import ActorFilter, search_actors

        return sorted(row.name for row in search_actors(store, ActorFilter()))


def choose(combo: QComboBox, data: object) -> None:
    """Pick the item carrying ``data`` as a user picking it from the list does."""
    index = combo.findData(data)
    assert index >= 0, (data, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def next_page(qtbot: QtBot, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    if wizard.currentPage().isCommitPage():
        button = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(button.isEnabled, timeout=30_000)
    click(qtbot, button)


def open_wizard(qtbot: QtBot, window: MainWindow) -> ImportWizard:
    window.findChild(QAction, "actionImport").trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)
    return wizard


def to_mapping(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    path_edit = wizard.currentPage().findChild(QWidget, "importFilePath")
    qtbot.keyClicks(path_edit, str(path))
    next_page(qtbot, wizard)
    assert wizard.currentId() == PAGE_PREVIEW
    qtbot.waitUntil(wizard.currentPage().isComplete, timeout=30_000)
    next_page(qtbot, wizard)
    assert wizard.currentId() == PAGE_MAPPING


def test_a_list_comes_in_and_undo_takes_it_back(
    qtbot: QtBot, register_file: Path, tmp_path: Path
) -> None:
    source = write(tmp_path, "yhdistykset.csv", finnish_csv_cp1252() + EXTRA_ROWS.encode("cp1252"))
    before = live_names(register_file)
    window, register = open_window(qtbot, register_file)
    bar = register.findChild(QWidget, "importBatchBar")
    assert bar is not None and not bar.isVisible()
    wizard = open_wizard(qtbot, window)

    # The file, then its preview: Windows-1252 and ";" found; UTF-8 chosen by hand fails.
    path_edit = wizard.currentPage().findChild(QWidget, "importFilePath")
    qtbot.keyClicks(path_edit, str(source))
    next_page(qtbot, wizard)
    page = wizard.currentPage()
    qtbot.waitUntil(page.isComplete, timeout=30_000)
    preview = page.findChild(QTableView, "importPreview")
    assert preview.model().index(0, 0).data() == "Äänekosken Nuorisoseura ry"
    encoding = page.findChild(QComboBox, "importEncoding")
    assert "cp1252" in encoding.itemText(0)
    assert "(;)" in page.findChild(QComboBox, "importDelimiter").itemText(0)
    choose(encoding, "utf-8")
    qtbot.waitUntil(lambda: page.findChild(QLabel, "importReadMessage").isVisible())
    qtbot.waitUntil(lambda: not wizard.busy())
    assert not page.isComplete()
    assert "utf-8" in page.findChild(QLabel, "importReadMessage").text()
    choose(encoding, None)
    qtbot.waitUntil(page.isComplete, timeout=30_000)
    next_page(qtbot, wizard)

    # The mapping: suggestions filled in; the notes go to the actor, not the person.
    page = wizard.currentPage()
    assert wizard.currentId() == PAGE_MAPPING
    view = page.findChild(QTableView, "importMapping")
    model = view.model()
    headers = [model.index(r, 0).data() for r in range(model.rowCount())]
    targets = dict(zip(headers, (model.target_of(r) for r in range(len(headers))), strict=True))
    assert targets["Nimi"] == "actor.name"
    assert targets["Puhelin"] == "contact.phone"
    assert targets["Ensiapu"] == "capability.offers:first_aid"
    notes = view.indexWidget(model.index(headers.index("Lisätiedot"), COL_TARGET))
    assert isinstance(notes, QComboBox)
    choose(notes, "contact.notes")
    assert model.target_of(headers.index("Lisätiedot")) == "contact.notes"
    next_page(qtbot, wizard)

    # Words and duplicates: "säätiö" means "other"; the Martat already there are updated.
    assert wizard.currentId() == PAGE_REVIEW
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: page._review is not None, timeout=30_000)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    words = page.findChild(QWidget, "importWords")
    assert words.item(0, 1).text() == "säätiö"
    choose(words.cellWidget(0, 3), "other")
    click_tab(qtbot, page.findChild(QWidget, "importReviewTabs"), 1)
    matches = page.findChild(QTableView, "importMatches")
    assert matches.model().rowCount() == 1
    assert matches.model().index(0, 0).data() == "Esimerkkilän Martat ry"
    fields = page.findChild(QTableView, "importMatchFields").model()
    compared = {
        fields.index(r, 0).data(): fields.index(r, 3).data() for r in range(fields.rowCount())
    }
    assert compared["alue"] == "≠"  # Kirkonkylä in the file, Keskusta in the register
    choose(page.findChild(QComboBox, "importMatchAction"), "update")
    assert matches.model().index(0, 3).data() == "Päivitä tiedoston arvoilla"
    next_page(qtbot, wizard)

    # The test run: what would change, nothing changed yet.
    assert wizard.currentId() == PAGE_TEST
    page = wizard.currentPage()
    qtbot.waitUntil(page.isComplete, timeout=60_000)
    summary = page.findChild(QLabel, "importTestSummary").text()
    assert "Toimijat: 4 uutta, 0 täydennetty, 1 päivitetty" in summary
    changes = page.findChild(QTableView, "importChanges").model()
    assert changes.rowCount() >= 8
    assert live_names(register_file) == before
    next_page(qtbot, wizard)  # Import

    assert wizard.currentId() == PAGE_IMPORT
    page = wizard.currentPage()
    qtbot.waitUntil(page.isComplete, timeout=60_000)
    assert "Toimijat: 4 uutta" in page.findChild(QLabel, "importSummary").text()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: not wizard.isVisible())

    # The register shows the new actors and the import, with Undo.
    qtbot.waitUntil(bar.isVisible)
    text = bar.findChild(QLabel, "importBatchText").text()
    assert text.startswith("Tuotu ") and "yhdistykset.csv: 5 toimijaa, 4 yhteyshenkilöä" in text
    assert "Keskustan Säätiö" in shown_names(register)
    assert len(live_names(register_file)) == len(before) + 4

    click(qtbot, bar.findChild(QPushButton, "importUndo"))
    qtbot.waitUntil(lambda: bar.findChild(QMessageBox, "confirmUndoImport") is not None)
    box = bar.findChild(QMessageBox, "confirmUndoImport")
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: bar.findChild(QMessageBox, "importUndone") is not None, timeout=30_000)
    done = bar.findChild(QMessageBox, "importUndone")
    assert "Tuonti peruttiin" in done.text()
    done.accept()
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert live_names(register_file) == before
    assert "Keskustan Säätiö" not in shown_names(register)
    window.close()


def test_problems_are_listed_and_nothing_can_be_imported(
    qtbot: QtBot, register_file: Path, tmp_path: Path
) -> None:
    source = write(tmp_path, "virheet.csv", "Nimi;Puhelin\nA-seura;040 123 4567\nB-seura;12\n")
    window, _register = open_window(qtbot, register_file)
    wizard = open_wizard(qtbot, window)
    to_mapping(qtbot, wizard, source)
    next_page(qtbot, wizard)
    qtbot.waitUntil(wizard.currentPage().isComplete, timeout=30_000)
    next_page(qtbot, wizard)
    page = wizard.currentPage()
    assert wizard.currentId() == PAGE_TEST
    problems = page.findChild(QTableView, "importProblems").model()
    qtbot.waitUntil(lambda: problems.rowCount() == 1, timeout=30_000)
    assert problems.index(0, 0).data() == "Rivi 3, sarake Puhelin"
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.reject()
    window.close()


def test_stop_leaves_the_register_as_it_was(
    qtbot: QtBot, register_file: Path, tmp_path: Path
) -> None:
    rows = "".join(f"Seura {n};040 {n:03d} {n:04d}\n" for n in range(1, 3001))
    source = write(tmp_path, "iso.csv", "Nimi;Puhelin\n" + rows)
    before = live_names(register_file)
    window, _register = open_window(qtbot, register_file)
    wizard = open_wizard(qtbot, window)
    to_mapping(qtbot, wizard, source)
    next_page(qtbot, wizard)
    qtbot.waitUntil(wizard.currentPage().isComplete, timeout=30_000)
    next_page(qtbot, wizard)
    qtbot.waitUntil(wizard.currentPage().isComplete, timeout=60_000)
    next_page(qtbot, wizard)  # Import
    page = wizard.currentPage()
    click(qtbot, page.findChild(QPushButton, "importStop"))
    message = page.findChild(QLabel, "importMessage")
    qtbot.waitUntil(lambda: "Keskeytetty" in message.text(), timeout=60_000)
    assert live_names(register_file) == before
    wizard.reject()
    window.close()


def test_a_mapping_saved_is_loaded_again(
    qtbot: QtBot, register_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path, "seurat.csv", "Seura;Kännykkä numero\nSoutuseura;040 123 4567\n")
    saved = tmp_path / "kartta.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    window, _register = open_window(qtbot, register_file)
    wizard = open_wizard(qtbot, window)
    to_mapping(qtbot, wizard, source)
    page = wizard.currentPage()
    view = page.findChild(QTableView, "importMapping")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no name column
    choose(view.indexWidget(view.model().index(0, COL_TARGET)), "actor.name")
    choose(view.indexWidget(view.model().index(1, COL_TARGET)), "actor.phone")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    click(qtbot, page.findChild(QPushButton, "importSaveMapping"))
    assert saved.exists()
    choose(view.indexWidget(view.model().index(1, COL_TARGET)), None)
    click(qtbot, page.findChild(QPushButton, "importLoadMapping"))
    assert view.model().target_of(1) == "actor.phone"
    wizard.reject()
    window.close()
