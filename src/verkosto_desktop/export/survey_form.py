"""The mapping survey's paper form: one per actor (its name and recorded capabilities printed)
or a blank one, with room to write each answer by hand."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus import TableStyle as PlatypusTableStyle

from verkosto_desktop.domain.founding import SURVEY_QUESTIONS
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.export.template import (
    FONT,
    Letterhead,
    Part,
    atomic_output,
    build_pdf,
    markup,
    paragraph_styles,
)
from verkosto_desktop.export.template.forms import WriteInLines
from verkosto_desktop.export.template.styles import RULE
from verkosto_desktop.i18n import _

# Lines to write on, per question: the open questions get the most room.
LINES = {
    "concerns": 5,
    "ready_to_act": 4,
    "can_offer": 4,
    "suggest_actors": 3,
    "existing_networks": 3,
}
LINE_HEIGHT = 8 * mm


@dataclass(frozen=True)
class SurveyFormSheet:
    """One form: the actor's name (empty for a blank form) and what the register says it offers."""

    actor_name: str = ""
    capabilities: tuple[str, ...] = ()


def title() -> str:
    return _("Mapping survey form")


def _fields(sheet: SurveyFormSheet, width: float) -> Table:
    styles = paragraph_styles()
    rows: list[list[Any]] = [
        [
            Paragraph(markup(_("Actor")), styles["body"]),
            Paragraph(f"<b>{markup(sheet.actor_name)}</b>", styles["body"]),
        ],
        [Paragraph(markup(_("Who answered")), styles["body"]), ""],
        [Paragraph(markup(_("Date")), styles["body"]), ""],
    ]
    table = Table(rows, colWidths=[38 * mm, width - 38 * mm], rowHeights=[LINE_HEIGHT] * 3)
    table.setStyle(
        PlatypusTableStyle(
            [
                # Without a font of ours the table would name Helvetica, which is never embedded.
                ("FONT", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _sheet(sheet: SurveyFormSheet, round_no: int, width: float) -> list[Flowable]:
    styles = paragraph_styles()
    story: list[Flowable] = [
        Paragraph(
            markup(_("Mapping survey — round {round}").format(round=round_no)), styles["title"]
        ),
        Paragraph(
            markup(
                _(
                    "Answer in your own words; a few words are enough. Give the form back to the "
                    "network's coordinator, who types the answers into Verkosto."
                )
            ),
            styles["small"],
        ),
        Spacer(0, 3 * mm),
        _fields(sheet, width),
        Spacer(0, 2 * mm),
    ]
    for number, question in enumerate(SURVEY_QUESTIONS, start=1):
        block: list[Flowable] = [Paragraph(markup(f"{number}. {question.label()}"), styles["h2"])]
        if question.key == "can_offer" and sheet.capabilities:
            recorded = _("Recorded so far: {list}. Check these and add what is missing.").format(
                list=", ".join(sheet.capabilities)
            )
            block.append(Paragraph(markup(recorded), styles["small"]))
        block.append(WriteInLines(LINES.get(question.key, 4), spacing=LINE_HEIGHT, indent=0))
        story.append(KeepTogether(block))
    return story


def survey_forms_part(
    letterhead: Letterhead,
    sheets: Sequence[SurveyFormSheet],
    round_no: int,
    progress: Progress | None = None,
) -> Part:
    """The forms (a blank one when ``sheets`` is empty), each on new pages, as a :class:`Part`;
    ``progress`` hears of every form laid out and may cancel."""
    # A filled-in form holds the respondent's name; a blank one holds nothing personal.
    info = letterhead.document(title(), personal_data=False)
    width, _height = info.frame_size()
    forms = list(sheets) or [SurveyFormSheet()]

    def story() -> Iterator[Flowable]:
        tick = progress.ticker(len(forms), every=1) if progress is not None else None
        for index, sheet in enumerate(forms):
            if index:
                yield PageBreak()
            yield from _sheet(sheet, round_no, width)
            if tick is not None:
                tick()

    return Part(info, story())


def write_survey_forms(
    path: Path,
    sheets: Sequence[SurveyFormSheet],
    *,
    network_name: str,
    round_no: int,
    data_changed_at: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the forms (a blank one when ``sheets`` is empty) to ``path``, all or nothing;
    ``progress`` may cancel (``Cancelled``, nothing is written)."""
    letterhead = Letterhead(network_name or _("Network"), data_changed_at)
    part = survey_forms_part(letterhead, sheets, round_no, progress)
    with atomic_output(path) as out:
        build_pdf(out, [part], progress=progress)
    return Path(path)
