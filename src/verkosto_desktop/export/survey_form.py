"""The mapping survey's paper form: one per actor (its name and recorded capabilities printed)
or a blank one, with room to write each answer by hand."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from verkosto_desktop.domain.founding import SURVEY_QUESTIONS
from verkosto_desktop.export.network_template import build_pdf, frame_width, styles
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


def _lines(count: int, width: float) -> Table:
    table = Table([[""]] * count, colWidths=[width], rowHeights=[LINE_HEIGHT] * count)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a8a8a"))]))
    return table


def _fields(sheet: SurveyFormSheet, width: float) -> Table:
    style = styles()
    rows = [
        [
            Paragraph(_("Actor"), style["body"]),
            Paragraph(escape(sheet.actor_name), style["cell_bold"]),
        ],
        [Paragraph(_("Who answered"), style["body"]), ""],
        [Paragraph(_("Date"), style["body"]), ""],
    ]
    table = Table(rows, colWidths=[38 * mm, width - 38 * mm], rowHeights=[LINE_HEIGHT] * 3)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.HexColor("#8a8a8a")),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _sheet(sheet: SurveyFormSheet, round_no: int, width: float) -> list[Flowable]:
    style = styles()
    story: list[Flowable] = [
        Paragraph(_("Mapping survey — round {round}").format(round=round_no), style["title"]),
        Paragraph(
            _(
                "Answer in your own words; a few words are enough. Give the form back to the "
                "network's coordinator, who types the answers into Verkosto."
            ),
            style["muted"],
        ),
        Spacer(0, 3 * mm),
        _fields(sheet, width),
        Spacer(0, 2 * mm),
    ]
    for number, question in enumerate(SURVEY_QUESTIONS, start=1):
        block: list[Flowable] = [
            Paragraph(f"{number}. {escape(question.label())}", style["heading"])
        ]
        if question.key == "can_offer" and sheet.capabilities:
            block.append(
                Paragraph(
                    escape(
                        _("Recorded so far: {list}. Check these and add what is missing.").format(
                            list=", ".join(sheet.capabilities)
                        )
                    ),
                    style["muted"],
                )
            )
        block.append(_lines(LINES.get(question.key, 4), width))
        story.append(KeepTogether(block))
    return story


def write_survey_forms(
    path: Path,
    sheets: Sequence[SurveyFormSheet],
    *,
    network_name: str,
    round_no: int,
    should_stop: Callable[[], bool] | None = None,
) -> Path:
    """Write the forms (a blank one when ``sheets`` is empty) to ``path``, each on new pages."""
    width = frame_width(A4)
    story: list[Flowable] = []
    for index, sheet in enumerate(sheets or [SurveyFormSheet()]):
        if index:
            story.append(PageBreak())
        story.extend(_sheet(sheet, round_no, width))
    return build_pdf(
        path,
        story,
        header=network_name or _("Network"),
        document=_("Mapping survey form"),
        # A filled-in form holds the respondent's name; a blank one holds nothing personal.
        confidential=False,
        should_stop=should_stop,
    )
