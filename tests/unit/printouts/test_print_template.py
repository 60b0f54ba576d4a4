"""The page template: fonts embedded, letters kept, header/footer on every page, header rows
repeated, blocks kept whole, page counts that follow from the layout, all-or-nothing files."""

from __future__ import annotations

import errno
import io
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.domain.progress import Cancelled
from verkosto_desktop.export.errors import ExportFailed
from verkosto_desktop.export.template import (
    BOLD,
    Block,
    Column,
    DocumentInfo,
    Letterhead,
    PageFormat,
    Part,
    TableLook,
    atomic_output,
    build_pdf,
    cell,
    markup,
    paragraph_styles,
    table,
)
from verkosto_desktop.export.template.fonts import FONT
from verkosto_desktop.export.template.safe_text import missing_glyphs, pdf_text
from verkosto_desktop.export.template.tables import RowBlock, TableHeader
from verkosto_desktop.export.template.text import wrap_text
from verkosto_desktop.i18n import _

SAMI = "Čáhcegeađgi Ŋuoŧŧos ʒ Šárá Žanna"
COLUMNS = [Column("Nimi", 3), Column("Puhelin", 2), Column("Huom.", 3)]
PAGE = re.compile(r"Sivu\s*(\d+)\s*/\s*(\d+)")


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def build(parts: list[Part]) -> bytes:
    out = io.BytesIO()
    build_pdf(out, parts)
    return out.getvalue()


def rows(count: int, notes: str = "") -> list[Block]:
    return [
        Block(rows=((cell((f"Toimija {i:05d}", BOLD)), cell(f"040 {i:07d}"), cell(notes)),))
        for i in range(count)
    ]


def info(**kwargs: object) -> DocumentInfo:
    return Letterhead("Esimerkkilän järjestöverkosto").document("Testilista", **kwargs)  # type: ignore[arg-type]


def test_every_font_is_embedded_and_letters_survive() -> None:
    data = build([Part(info(), [Paragraph(markup(f"ä ö å {SAMI}"), paragraph_styles()["body"])])])
    reader = PdfReader(io.BytesIO(data))
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    text = pages_text(data)[0]
    assert "ä ö å" in text and SAMI in text
    assert missing_glyphs(f"äöåÄÖÅ {SAMI}") == set()


@pytest.mark.parametrize("hidden", ["\u202e", "\u202a", "\u2066", "\x07", "\x1b", "\x85", "\x7f"])
def test_a_character_the_font_has_but_must_not_draw_is_replaced(hidden: str) -> None:
    # DejaVu has glyphs for some direction overrides: having a glyph is not enough.
    shown = pdf_text(f"Ala{hidden}talo", multiline=False)
    assert hidden not in shown
    assert shown in ("Ala\ufffdtalo", "Ala talo")


def test_header_footer_and_page_numbers_on_every_page() -> None:
    data = build([Part(info(subtitle="Kaikki toimijat"), table(COLUMNS, rows(400)))])
    texts = pages_text(data)
    assert len(texts) > 3
    for number, text in enumerate(texts, start=1):
        assert "Testilista" in text and "Esimerkkilän järjestöverkosto" in text
        # A document is internal unless it says otherwise (domain.consent).
        assert "LUOTTAMUKSELLINEN — sisäiseen käyttöön" in text
        assert "Tulostettu" in text
        found = PAGE.search(text)
        assert found is not None and (int(found[1]), int(found[2])) == (number, len(texts))
        # The header row repeats at the top of every page the table continues on.
        assert text.index("Nimi") < text.index("Toimija")
        assert "Puhelin" in text


def test_a_shared_document_says_it_holds_personal_data() -> None:
    data = build([Part(info(audience=Audience.SHARED), table(COLUMNS, rows(3)))])
    text = pages_text(data)[0]
    assert "LUOTTAMUKSELLINEN — sisältää henkilötietoja" in text
    assert "sisäiseen käyttöön" not in text


def test_no_confidentiality_line_without_personal_data() -> None:
    data = build([Part(info(personal_data=False), table(COLUMNS, rows(3)))])
    assert "LUOTTAMUKSELLINEN" not in pages_text(data)[0]


def test_a_block_is_never_split_from_its_phone() -> None:
    many = [
        Block(
            rows=tuple(
                (cell(f"Yhteyshenkilö {j}"), cell(f"050 {i:03d} {j:04d}")) for j in range(5)
            ),
            lead=cell((f"Ryhmä{i:03d}", BOLD)),
        )
        for i in range(120)
    ]
    columns = [Column("Toimija", 2), Column("Henkilö", 2), Column("Puhelin", 2)]
    for text in pages_text(build([Part(info(), table(columns, many))])):
        for group in re.findall(r"Ryhmä(\d{3})", text):
            # All five numbers of the group are on the page where its name is.
            assert all(f"050 {group} {j:04d}" in text for j in range(5))


def test_a_block_taller_than_a_page_continues_on_the_next() -> None:
    giant = Block(
        rows=tuple((cell(f"Henkilö {j:03d}"), cell(f"040 {j:07d}")) for j in range(200)),
        lead=cell(("Suuri järjestö", BOLD)),
    )
    columns = [Column("Toimija", 2), Column("Henkilö", 2), Column("Puhelin", 2)]
    texts = pages_text(build([Part(info(), table(columns, [giant]))]))
    assert len(texts) > 1
    joined = "\n".join(texts)
    assert all(f"040 {j:07d}" in joined for j in range(200))
    assert all("Suuri järjestö" in t for t in texts) and "(jatkuu)" in texts[1]


def test_tables_measure_in_a_fresh_process_before_any_document() -> None:
    """Measuring a table's header and a cell needs no document built (or style made) first."""
    code = (
        "from verkosto_desktop.export.template import Column, TableLook\n"
        "from verkosto_desktop.export.template.fonts import FONT_BOLD\n"
        "from verkosto_desktop.export.template.tables import TableHeader\n"
        "from verkosto_desktop.export.template.text import text_width\n"
        "header = TableHeader([Column('Nimi', 1.0), Column('Puhelin', 1.0)], TableLook())\n"
        "print(header.wrap(400, 800)[1] > 0, text_width('Äö', FONT_BOLD, 9) > 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert (done.returncode, done.stdout.strip()) == (0, "True True"), done.stderr


def test_page_count_follows_from_the_row_heights() -> None:
    """2,000 uniform rows: the pages are exactly what the measured heights allow."""
    document = info()
    width, height = document.frame_size()
    header = TableHeader(COLUMNS, TableLook())
    header_height = header.wrap(width, height)[1]
    blocks = rows(2000)
    row_height = RowBlock(COLUMNS, blocks[0], TableLook()).wrap(width, height)[1]
    per_page = math.floor((height - header_height) / row_height + 1e-6)
    data = build([Part(document, table(COLUMNS, blocks))])
    assert len(PdfReader(io.BytesIO(data)).pages) == math.ceil(2000 / per_page)


def test_parts_number_their_pages_separately_and_keep_their_paper() -> None:
    first = Part(info(), table(COLUMNS, rows(150)))
    pocket = Part(
        Letterhead("Verkosto").document("Taskulista", page_format=PageFormat.A6_PORTRAIT),
        table(COLUMNS, rows(30)),
    )
    reader = PdfReader(io.BytesIO(build([first, pocket])))
    totals = [
        (int(m[1]), int(m[2])) for m in (PAGE.search(p.extract_text()) for p in reader.pages) if m
    ]
    a4 = [p for p in reader.pages if round(float(p.mediabox.width)) == 595]
    a6 = [p for p in reader.pages if round(float(p.mediabox.width)) == 298]
    assert len(a4) + len(a6) == len(reader.pages) and a6
    assert totals[0] == (1, len(a4)) and totals[len(a4)] == (1, len(a6))


def test_long_words_and_emails_wrap_within_the_column() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = "Pohjois-Esimerkkilän vapaaehtoisen palokunnan naisosasto ry matti.meikalainen.pitka@esimerkkilan-jarjestot.example.fi"
    for width in (40.0, 80.0, 150.0):
        lines = wrap_text(text, FONT, 9, width)
        assert all(stringWidth(line, FONT, 9) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_atomic_output_leaves_nothing_when_the_build_fails(tmp_path: Path) -> None:
    target = tmp_path / "lista.pdf"
    target.write_bytes(b"old version")

    def cancelled_story():  # type: ignore[no-untyped-def]
        yield from rows(5)[:0]
        raise Cancelled("stop")

    with pytest.raises(Cancelled), atomic_output(target) as out:
        build_pdf(out, [Part(info(), cancelled_story())])
    assert target.read_bytes() == b"old version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lista.pdf"]


def test_a_cancel_stops_a_list_story_between_flowables() -> None:
    from verkosto_desktop.domain.progress import Progress

    laid_out: list[int] = []

    class Counting(Paragraph):
        def draw(self) -> None:
            laid_out.append(1)
            super().draw()

    story = [Counting(f"Kappale {i}", paragraph_styles()["body"]) for i in range(400)]
    asked = iter(range(1000))
    progress = Progress(cancelled=lambda: next(asked) >= 3)
    with pytest.raises(Cancelled):
        build_pdf(io.BytesIO(), [Part(info(), story)], progress=progress)
    assert 0 < len(laid_out) < len(story)


def test_disk_full_and_missing_folder_give_clear_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportFailed) as error, atomic_output(tmp_path / "a.pdf") as out:
        out.write(b"x" * 1000)
    assert error.value.reason == "disk_full" and "täynnä" in str(error.value)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    with pytest.raises(ExportFailed) as error, atomic_output(tmp_path / "gone" / "a.pdf"):
        pass
    assert error.value.reason == "folder_missing" and "USB" in str(error.value)


def test_translations_of_the_footer() -> None:
    assert (
        _("CONFIDENTIAL — contains personal data") == "LUOTTAMUKSELLINEN — sisältää henkilötietoja"
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_no_column_header_breaks_inside_a_word(language: str) -> None:
    """A translated header too long for its column shrinks; it never breaks inside a word
    (Swedish "Kontrollerad" came out as "Kontrollera / d")."""
    from verkosto_desktop.export import action_plan, call_sheet, contact_list, situation_card
    from verkosto_desktop.export.template.page import DocumentInfo
    from verkosto_desktop.export.template.tables import TableHeader, TableLook
    from verkosto_desktop.i18n import set_language

    set_language(language)
    try:
        tables = [
            (contact_list.columns(), contact_list.PAGE_FORMAT),
            (situation_card.offer_columns(), situation_card.PAGE_FORMAT),
            (call_sheet.columns(), call_sheet.PAGE_FORMAT),
            (action_plan.columns(), action_plan.PAGE_FORMAT),
        ]
        for columns, paper in tables:
            width, _height = DocumentInfo("x", page_format=paper).frame_size()
            header = TableHeader(columns, TableLook())
            header.wrap(width, 500)
            assert header._laid is not None
            for column, lines in zip(columns, header._laid[2], strict=True):
                printed = [text for text, _style in lines]
                assert " ".join(printed).split() == column.title.split(), (column.title, printed)
    finally:
        set_language("fi")
