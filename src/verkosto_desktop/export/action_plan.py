"""Toimintasuunnitelma: the network's jointly agreed action plan, by phase, with who is
responsible, the due date and the status. A4 landscape; organisations only, no personal data."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph

from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.consent import Audience
from verkosto_desktop.domain.enums import ActionStatus, Phase
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.export.formatting import catalogue_name, yes
from verkosto_desktop.export.template import (
    BOLD,
    SMALL,
    Block,
    Column,
    Letterhead,
    PageFormat,
    Part,
    cell,
    markup,
    paragraph_styles,
    titled_table,
)
from verkosto_desktop.i18n import _

if TYPE_CHECKING:
    from verkosto_desktop.data.network.action_plan import ActionItemRow

PAGE_FORMAT = PageFormat.A4_LANDSCAPE


def title() -> str:
    return _("Action plan")


def columns() -> list[Column]:
    return [
        Column(_("Action"), 4.0),
        Column(_("Responsible"), 2.3),
        Column(_("Disruption"), 1.7),
        Column(_("Due"), 1.0),
        Column(_("Status"), 1.2),
        Column(_("Residents involved"), 1.0, align="centre"),
    ]


def _block(item: ActionItemRow, situations: Sequence[CatalogueEntry]) -> Block:
    return Block(
        rows=(
            (
                cell((item.title, BOLD), (item.goal, SMALL), (item.notes, SMALL)),
                cell(item.responsible_name),
                cell(catalogue_name(situations, item.situation_key)),
                cell(format_date(item.due_on)),
                cell(ActionStatus.label_of(item.status)),
                cell(yes(item.residents_involved)),
            ),
        )
    )


def _phase_title(key: str) -> str:
    return Phase.label_of(key) if key else _("No phase given")


def action_plan_part(
    letterhead: Letterhead, items: Sequence[ActionItemRow], situations: Sequence[CatalogueEntry]
) -> Part:
    """The action plan of ``items`` (``data.action_plan.network_action_plan``, already in
    phase order); ``situations`` names the situation types."""
    info = letterhead.document(
        title(), page_format=PAGE_FORMAT, personal_data=False, audience=Audience.SHARED
    )

    def story() -> Iterator[Flowable]:
        styles = paragraph_styles()
        yield Paragraph(markup(title()), styles["title"])
        if not items:
            yield Paragraph(markup(_("The action plan has no items yet.")), styles["body"])
        for key, group in groupby(items, key=lambda i: i.phase or ""):
            name = _phase_title(key)
            yield from titled_table(name, columns(), (_block(item, situations) for item in group))

    return Part(info, story())
