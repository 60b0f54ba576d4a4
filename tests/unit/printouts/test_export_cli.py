"""``verkosto export``: the design's command-line contract for printed sheets and exports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from verkosto_desktop.cli import main
from verkosto_desktop.data.demo import write_large_demo
from verkosto_desktop.data.network import call_rounds
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.call_rounds import CallSelection


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err and err.startswith("verkosto: ")
    return err


@pytest.mark.parametrize(
    ("what", "suffix", "magic"),
    [
        ("contacts", ".pdf", b"%PDF"),
        ("meeting", ".pdf", b"%PDF"),
        ("plan", ".pdf", b"%PDF"),
        ("pocket", ".pdf", b"%PDF"),
        ("readiness", ".pdf", b"%PDF"),
        ("survey", ".pdf", b"%PDF"),
        ("csv", ".csv", b"\xef\xbb\xbf"),
        ("vcard", ".vcf", b"BEGIN:VCARD"),
    ],
)
def test_each_document_is_written_silently(
    what: str,
    suffix: str,
    magic: bytes,
    demo_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / f"sheet{suffix}"
    assert main(["export", what, "--database", str(demo_path), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(magic)
    assert capsys.readouterr().out == ""
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file


def test_filters_narrow_the_contact_list(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "martat.pdf"
    args = ["export", "contacts", "--database", str(demo_path), "--out", str(out)]
    assert main([*args, "--category", "catering", "--members-only", "--group-by", "none"]) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Esimerkkilän Marttayhdistys" in text and "Esimerkkilän VPK" not in text


def test_situation_card_needs_a_known_situation(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kortti.pdf"
    base = ["export", "situation", "--database", str(demo_path), "--out", str(out)]
    assert main(base) == 1
    assert "--situation" in one_line_error(capsys)
    assert main([*base, "--situation", "tsunami"]) == 1
    assert "tsunami" in one_line_error(capsys)
    assert main([*base, "--situation", "storm", "--phase", "recovery"]) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "Myrsky" in text and "Jälkihuolto" in text and "Varautuminen" not in text


def test_unknown_incident_is_a_user_error(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kokous.pdf"
    args = ["export", "meeting", "--database", str(demo_path), "--out", str(out)]
    assert main([*args, "--incident", "no-such-id"]) == 1
    assert "no-such-id" in one_line_error(capsys)
    assert not out.exists()


def test_an_unwritable_target_leaves_nothing_behind(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gone = tmp_path / "usb-stick" / "lista.pdf"
    assert main(["export", "contacts", "--database", str(demo_path), "--out", str(gone)]) == 1
    assert "USB" in one_line_error(capsys)
    assert main(["export", "pack", "--database", str(demo_path), "--out", str(gone.parent)]) == 1
    one_line_error(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.verkosto"]


def test_pack_writes_a_dated_folder_into_the_folder(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "paketti"
    folder.mkdir()
    assert main(["export", "pack", "--database", str(demo_path), "--out", str(folder)]) == 0
    [pack] = list(folder.iterdir())
    assert capsys.readouterr().out.strip() == str(pack)  # the result: where the pack is
    assert pack.name.endswith("_tulostuspaketti")
    names = sorted(p.name for p in pack.iterdir())
    assert names[:2] == ["00_tulostuspaketti.pdf", "01_sisallys.pdf"] and len(names) > 15
    assert not any(n.startswith(".") for n in names)


def test_a_2000_actor_list_has_every_name_and_consistent_pages(tmp_path: Path) -> None:
    path = tmp_path / "iso.verkosto"
    with Store.open(path) as store:
        write_large_demo(store, actors=2000)
    out = tmp_path / "iso.pdf"
    assert (
        main(
            ["export", "contacts", "--database", str(path), "--out", str(out), "--group-by", "none"]
        )
        == 0
    )
    reader = PdfReader(out)
    texts = [page.extract_text() for page in reader.pages]
    numbers = [re.search(r"Sivu\s*(\d+)\s*/\s*(\d+)", t) for t in texts]
    assert [(int(m[1]), int(m[2])) for m in numbers if m] == [
        (n, len(texts)) for n in range(1, len(texts) + 1)
    ]
    import sqlite3

    connection = sqlite3.connect(path)
    names = [r[0] for r in connection.execute("SELECT name FROM actor ORDER BY name_key")]
    contacts = connection.execute("SELECT count(*) FROM contact").fetchone()[0]
    connection.close()
    joined = re.sub(r"\s+", " ", "\n".join(texts))
    assert all(name in joined for name in names)
    assert contacts > len(names)
    # The pages the rows need, worked out from the page's usable height and each actor's
    # measured block (kept whole on a page, under the header row repeated on every page).
    assert abs(len(texts) - _expected_pages(path)) <= 1


def _expected_pages(path: Path) -> int:
    from verkosto_desktop.data.register.contact_sheet import sheet_actor_ids, sheet_actors
    from verkosto_desktop.data.register.search import ActorFilter
    from verkosto_desktop.export.contact_list import PAGE_FORMAT, actor_block, columns
    from verkosto_desktop.export.template import Letterhead, TableLook
    from verkosto_desktop.export.template.tables import RowBlock, TableHeader

    width, height = Letterhead("Verkosto").document("x", page_format=PAGE_FORMAT).frame_size()
    look = TableLook()
    usable = height - TableHeader(columns(), look).wrap(width, height)[1]
    with Store.open(path) as store:
        actors = sheet_actors(store, sheet_actor_ids(store, ActorFilter(), "none"))
    pages, used = 1, 0.0
    for actor in actors:
        block = RowBlock(columns(), actor_block(actor), look).wrap(width, height)[1]
        assert block < usable  # no actor needs more than a page
        if used + block > usable + 1e-6:
            pages, used = pages + 1, 0.0
        used += block
    return pages


def test_call_sheet_is_the_rounds_list_in_calling_order(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kierros.pdf"
    args = ["export", "call-sheet", "--database", str(demo_path), "--out", str(out)]
    assert main(args) == 1  # the demo holds no call round yet
    assert "soittokierro" in one_line_error(capsys)
    with Store.open(demo_path) as store:
        started = call_rounds.start_round(store, "Syyskierros", CallSelection.REACHABLE_24_7.value)
        entries = call_rounds.round_entries(store, started.id)
    assert main([*args, "--round", started.id[:8]]) == 0  # a unique beginning of the id
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Syyskierros" in text
    names = [e.target.contact_name for e in entries]
    assert len(names) > 3
    at = 0
    for name in names:  # the round's calling order, as on screen
        at = text.index(name, at)


def test_survey_forms_are_those_the_survey_tab_prints(demo_path: Path, tmp_path: Path) -> None:
    from verkosto_desktop.data.network import survey

    with Store.open(demo_path) as store:
        waiting = survey.overview(store, survey.latest_round(store)).not_answered
    assert waiting  # the demo has actors who have not answered
    out = tmp_path / "forms.pdf"
    args = ["export", "survey", "--database", str(demo_path), "--out", str(out), "--waiting"]
    assert main(args) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert all(row.name in text for row in waiting)
    # Without --waiting: the one blank form the Printouts section and the pack print.
    blank = tmp_path / "blank.pdf"
    assert main(["export", "survey", "--database", str(demo_path), "--out", str(blank)]) == 0
    blank_text = " ".join(page.extract_text() for page in PdfReader(blank).pages)
    assert not any(row.name in blank_text for row in waiting)
    assert len(PdfReader(blank).pages) < len(PdfReader(out).pages)
