"""The one-page "Valmiustilanne" sheet: one page whatever the register holds, Finnish words and
letters in an embedded font, gaps in words, written all or nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.dashboard.readiness import read_readiness
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.export.errors import ExportFailed
from verkosto_desktop.export.readiness_sheet import write_readiness_sheet


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_demo_sheet_is_one_page_in_finnish(demo_store: Store, tmp_path: Path) -> None:
    picture = read_readiness(demo_store)
    path = write_readiness_sheet(picture, tmp_path / "valmiustilanne.pdf", phase="recovery")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = _text(path)
    for expected in (
        "Valmiustilanne",
        "Esimerkkilän järjestöverkosto",
        "Häiriötilanne käynnissä",
        "ei ketään",
        "Rekisterin kunto",
        "Jälkihuolto",
        "Äkillinen",
    ):
        assert expected in text, expected
    assert re.search(r"Sivu\s*1\s*/\s*1", text)  # the total is drawn apart from "Sivu 1"
    assert b"/Helvetica" not in path.read_bytes()  # only the embedded bundled font


def test_the_sheet_stays_on_one_page_with_a_long_catalogue(store: Store, tmp_path: Path) -> None:
    for number in range(40):
        catalogues.add_entry(store, "situation", f"Pitkän nimen häiriötilanne numero {number}")
    path = write_readiness_sheet(read_readiness(store), tmp_path / "pitka.pdf")
    assert len(PdfReader(path).pages) == 1
    assert "numero 39" in _text(path)


def test_an_empty_register_prints_its_gaps(store: Store, tmp_path: Path) -> None:
    path = write_readiness_sheet(read_readiness(store), tmp_path / "tyhja.pdf")
    text = _text(path)
    assert "ei ketään" in text and "Ei tapahtumia" in text
    assert "LUOTTAMUKSELLINEN" not in text  # no incident log, no personal data


def test_a_failed_write_leaves_the_old_file(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    target = folder / "sheet.pdf"
    target.write_bytes(b"old")
    picture = read_readiness(store)
    with pytest.raises(ValueError):
        write_readiness_sheet(picture, target, phase="no_such_phase")
    assert target.read_bytes() == b"old"
    assert list(folder.iterdir()) == [target]  # no half-written file left beside it
    with pytest.raises(ExportFailed) as error:
        write_readiness_sheet(picture, tmp_path / "missing" / "sheet.pdf")
    assert error.value.reason == "folder_missing"
