"""The print pack on the demo network: a new dated folder with an index page, every document of
the paper kit and one combined PDF holding every printed document in the index's order; a pulled
USB stick or a cancel leaves a clear message and no half pack."""

from __future__ import annotations

import os
import re
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.incident.incidents import active_incidents
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Cancelled, Progress
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.export.errors import ExportFailed
from verkosto_desktop.i18n import current_language
from verkosto_desktop.printouts.pack import write_pack

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def page_texts(path: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(path).pages]


def situation_names_in_pack_order(store: Store) -> list[str]:
    """The active incident's situation types first, then the others in catalogue order."""
    [incident] = active_incidents(store)
    situations = catalogues.situation_types(store)
    by_key = {e.key: e for e in situations}
    order = [*incident.situations, *(e.key for e in situations if e.key not in incident.situations)]
    assert len(order) == len(situations) and order[0] != situations[0].key
    return [by_key[key].name(current_language()) for key in order]


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def test_pack_goes_into_a_new_dated_folder_with_an_index_and_every_document(
    demo_store: Store, usb: Path
) -> None:
    result = write_pack(demo_store, usb, now=NOW)
    assert result.folder == usb / "2026-11-28_tulostuspaketti"
    assert list(usb.iterdir()) == [result.folder]  # nothing half-named or hidden left
    names = [p.name for p in result.files]
    assert sorted(names) == sorted(p.name for p in result.folder.iterdir())
    assert names[:2] == ["00_tulostuspaketti.pdf", "01_sisallys.pdf"]
    situations = catalogues.situation_types(demo_store)
    cards = [n for n in names if "_tilannekortti-" in n]
    assert len(cards) == len(situations)
    # The active incident's situation types come first, then the others in catalogue order.
    assert cards == [
        f"{number:02d}_tilannekortti-{slug(name)}.pdf"
        for number, name in enumerate(situation_names_in_pack_order(demo_store), start=2)
    ]
    rest = names[2 + len(cards) :]
    stems = [re.sub(r"^\d\d_", "", n) for n in rest]
    assert stems[:6] == [
        "yhteystietolista.pdf",
        "taskulista.pdf",
        "tilat-ja-varavoima.pdf",
        "valmiustilanne.pdf",
        "rastilista-tarkistettavat-yhteystiedot.pdf",
        f"koordinaatiokokous-{stems[5].split('-', 1)[1]}",
    ]
    assert stems[6] == "toimintasuunnitelma.pdf"
    assert stems[7].startswith("jalkiraportti-")
    assert stems[8:] == ["kartoituslomake-tyhja.pdf", "toimijarekisteri.csv", "yhteyshenkilot.vcf"]
    # A second pack on the same day goes beside the first.
    again = write_pack(demo_store, usb, now=NOW)
    assert again.folder == usb / "2026-11-28_tulostuspaketti-2"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_pack_is_for_its_owner_only_whatever_the_umask(demo_store: Store, usb: Path) -> None:
    old = os.umask(0)
    try:
        result = write_pack(demo_store, usb, now=NOW)
    finally:
        os.umask(old)
    assert stat.S_IMODE(result.folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in result.files} == {0o600}


def test_combined_pdf_holds_every_document_in_the_index_order(demo_store: Store, usb: Path) -> None:
    result = write_pack(demo_store, usb, now=NOW)
    combined, index = result.files[0], result.files[1]
    pdfs = [p for p in result.files[1:] if p.suffix == ".pdf"]
    texts = page_texts(combined)
    # Every separate PDF, page for page, in the pack's order.
    expected = [text for pdf in pdfs for text in page_texts(pdf)]
    assert texts == expected
    # Every document's title, in order, each at the page the index gives for it.
    situations = situation_names_in_pack_order(demo_store)
    titles = [
        ("Tulostuspaketti", "Sisällys"),
        *(("Tilannekortti", name) for name in situations),
        ("Yhteystietolista", ""),
        ("Taskulista", ""),
        ("Tilat ja varavoima", ""),
        ("Valmiustilanne", ""),
        ("Soittokierroksen rastilista", "Tarkistettavat yhteystiedot"),
        ("Koordinaatiokokous", ""),
        ("Toimintasuunnitelma", ""),
        ("Jälkiraportti", ""),
        ("Kartoituslomake", ""),
    ]
    reader = PdfReader(combined)
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert len(starts) == len(titles) == len(pdfs)
    assert starts == sorted(starts) and starts[0] == 0
    index_text = texts[0]
    position = 0
    for start, (title, detail) in zip(starts, titles, strict=True):
        assert texts[start].startswith(title), (start, title)
        assert detail in texts[start]
        if start:
            # The index lists it with its first page in the combined PDF.
            found = re.search(rf"\b{start + 1}\b", index_text[position:])
            assert found is not None
            position += found.end()
    for entry in ("Tilannekortti: Sähkökatko", "Rekisteri CSV", "vain tiedostona"):
        assert entry in index_text
    assert len(PdfReader(index).pages) == 1


def test_the_index_page_says_when_in_large_type(demo_store: Store, usb: Path) -> None:
    result = write_pack(demo_store, usb, now=NOW)
    reader = PdfReader(result.files[1])
    pieces: list[tuple[str, float]] = []

    def visit(text: str, _cm: object, tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            pieces.append((text.strip(), size * abs(tm[0] or 1)))

    reader.pages[0].extract_text(visitor_text=visit)

    def largest(prefix: str) -> float:
        return max(size for text, size in pieces if text.startswith(prefix))

    body = largest("Mikään tämän jälkeen")
    # The print time (local) and the data's time, at least twice the size of the text.
    assert largest("Tulostettu 28.11.2026 klo 14.00") >= 2 * body
    assert largest("Tiedot päivitetty") >= 2 * body


def test_a_missing_folder_is_a_clear_error(demo_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportFailed) as failure:
        write_pack(demo_store, tmp_path / "no-stick", now=NOW)
    assert failure.value.reason == "folder_missing" and "no-stick" in str(failure.value)
    assert not (tmp_path / "no-stick").exists()


@pytest.mark.parametrize("reinserted", [False, True])
def test_a_stick_pulled_while_writing_leaves_no_half_pack(
    demo_store: Store, usb: Path, reinserted: bool
) -> None:
    stages: list[str] = []

    def report(done: int, total: int, message: str) -> None:
        if message not in stages:
            stages.append(message)
        if len(stages) == 6 and usb.exists():
            shutil.rmtree(usb)  # the stick is pulled out in the middle of the pack
            if reinserted:
                usb.mkdir()  # and put back, empty of the half-written pack

    with pytest.raises(ExportFailed) as failure:
        write_pack(demo_store, usb, Progress(report=report), now=NOW)
    assert failure.value.reason == "folder_missing"
    assert str(usb) in str(failure.value) and ".part" not in str(failure.value)
    assert len(stages) >= 6
    if reinserted:
        assert list(usb.iterdir()) == []
    else:
        assert not usb.exists()


def test_a_cancelled_pack_leaves_nothing(demo_store: Store, usb: Path) -> None:
    seen: list[str] = []

    def report(done: int, total: int, message: str) -> None:
        seen.append(message)

    progress = Progress(report=report, cancelled=lambda: len(set(seen)) > 12)
    with pytest.raises(Cancelled):
        write_pack(demo_store, usb, progress, now=NOW)
    assert list(usb.iterdir()) == []
