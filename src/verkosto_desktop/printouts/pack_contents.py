"""What the print pack holds, in its order: a list of :class:`PackEntry` values, each a title
and a way to make the document, so that the writer (``pack.write_pack``) treats them alike.

Order: situation cards for every situation type (the active incidents' types first), the
contact list, the pocket list, the premises card, the readiness sheet, the tick-off sheet of the
contacts due for checking, the coordination-meeting pack of the active incident, the action plan,
the after-action report of the incident closed last, a blank survey form; then the register as
CSV and the contacts as vCards, which are files for other programs (not in the combined PDF).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import BinaryIO

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.incident.incidents import IncidentDetail, active_incidents, get_incident
from verkosto_desktop.data.register.contact_sheet import SheetActor, sheet_actor_ids, sheet_actors
from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.catalogues import CatalogueEntry
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.export.register_csv import write_register_csv
from verkosto_desktop.export.template import Letterhead, Part
from verkosto_desktop.export.vcards import write_vcards
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.printouts import paper_kit
from verkosto_desktop.printouts.render import (
    contacts_part,
    meeting_part,
    plan_part,
    pocket_part,
    situation_part,
)
from verkosto_desktop.printouts.requests import DocumentKind, PrintRequest


@dataclass(frozen=True)
class PackEntry:
    """One document of the pack: ``title`` (on the index page; its file is named after it) and
    either ``part`` (a printed document, also in the combined PDF) or ``write`` (a file for
    other programs: CSV, vCards) with its ``suffix``."""

    title: str
    part: Callable[[Progress], Part] | None = None
    write: Callable[[BinaryIO, Progress], object] | None = None
    suffix: str = ".pdf"
    file_stem: str = ""  # the file's name when not the title's

    @property
    def printed(self) -> bool:
        return self.part is not None

    def file_name(self, number: int) -> str:
        """``03_yhteystietolista.pdf``: numbered in the pack's order."""
        stem = slug(self.file_stem or self.title)[:60].rstrip("-")  # long incident titles
        return f"{number:02d}_{stem}{self.suffix}"


class _Register:
    """The actors with their contacts, read once for the contact list, the pocket list, the CSV
    and the vCards."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @cached_property
    def by_kind(self) -> list[SheetActor]:
        return sheet_actors(self.store, sheet_actor_ids(self.store, ActorFilter(), "kind"))

    @cached_property
    def by_name(self) -> list[SheetActor]:
        position = {key: i for i, key in enumerate(sheet_actor_ids(self.store, ActorFilter()))}
        return sorted(self.by_kind, key=lambda a: position.get(a.id, 0))


def situations_in_pack_order(
    entries: list[CatalogueEntry], incidents: list[IncidentDetail]
) -> list[CatalogueEntry]:
    """Every situation type, those of the active incidents first (newest incident first, in
    its own order), then the rest in catalogue order."""
    first: list[str] = []
    for incident in incidents:
        first.extend(key for key in incident.situations if key not in first)
    by_key = {entry.key: entry for entry in entries}
    leading = [by_key[key] for key in first if key in by_key]
    return leading + [entry for entry in entries if entry.key not in first]


def _situation_card(
    store: Store, request: PrintRequest, head: Letterhead
) -> Callable[[Progress], Part]:
    return lambda _stage: situation_part(store, request, head)


def pack_entries(store: Store, head: Letterhead) -> list[PackEntry]:
    """The documents of the print pack, in order (see the module's description)."""
    register = _Register(store)
    language = current_language()
    active = active_incidents(store)
    entries: list[PackEntry] = []
    card = _("Situation card")
    for situation in situations_in_pack_order(catalogues.situation_types(store), active):
        request = PrintRequest(DocumentKind.SITUATION, situation=situation.key)
        entries.append(
            PackEntry(
                f"{card}: {situation.name(language)}",
                _situation_card(store, request, head),
            )
        )
    contacts = PrintRequest(DocumentKind.CONTACTS, group_by="kind")
    entries.append(
        PackEntry(
            _("Contact list"),
            lambda stage: contacts_part(
                store, contacts, head, stage, register.by_kind, len(register.by_kind)
            ),
        )
    )
    entries.append(
        PackEntry(
            _("Pocket call list"),
            lambda _stage: pocket_part(
                store, PrintRequest(DocumentKind.POCKET), head, register.by_name
            ),
        )
    )
    premises = PrintRequest(DocumentKind.PREMISES)
    entries.append(
        PackEntry(
            DocumentKind.PREMISES.label(),
            lambda _stage: paper_kit.premises_part(store, premises, head),
        )
    )
    readiness = PrintRequest(DocumentKind.READINESS)
    entries.append(
        PackEntry(
            DocumentKind.READINESS.label(),
            lambda _stage: paper_kit.readiness_part(store, readiness, head),
        )
    )
    entries.append(
        PackEntry(
            DocumentKind.CALL_SHEET.label(),
            lambda stage: paper_kit.due_call_sheet_part(store, head, stage),
        )
    )
    meeting_title = _("Coordination meeting")
    if active:
        meeting_title += f": {active[0].title}"
    entries.append(
        PackEntry(
            meeting_title,
            lambda _stage: meeting_part(store, PrintRequest(DocumentKind.MEETING), head),
        )
    )
    entries.append(
        PackEntry(
            _("Action plan"),
            lambda _stage: plan_part(store, PrintRequest(DocumentKind.PLAN), head),
        )
    )
    closed = paper_kit.last_closed_incident_id(store)
    if closed is not None:
        report = PrintRequest(DocumentKind.INCIDENT, incident_id=closed)
        after_action = _("After-action report")
        entries.append(
            PackEntry(
                f"{after_action}: {get_incident(store, closed).title}",
                lambda stage: paper_kit.incident_part(store, report, head, stage),
            )
        )
    entries.append(
        PackEntry(
            DocumentKind.SURVEY.label(),
            lambda stage: paper_kit.survey_part(store, head, stage),
        )
    )
    entries.append(
        PackEntry(
            DocumentKind.CSV.label(),
            file_stem=_("Register"),
            write=lambda out, stage: write_register_csv(
                out, register.by_name, tick=stage.ticker(len(register.by_name))
            ),
            suffix=".csv",
        )
    )
    entries.append(
        PackEntry(
            DocumentKind.VCARD.label(),
            file_stem=_("Contacts"),
            write=lambda out, stage: write_vcards(
                out,
                register.by_name,
                category=head.network_name,
                tick=stage.ticker(len(register.by_name)),
            ),
            suffix=".vcf",
        )
    )
    return entries
