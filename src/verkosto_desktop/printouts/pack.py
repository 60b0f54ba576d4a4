"""The print pack: every sheet at once, into a folder (a USB stick), with dated file names, plus
one combined PDF, so that everything is on paper before the power goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.register.contact_sheet import sheet_actor_ids, sheet_actors
from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.domain.timefmt import now_local
from verkosto_desktop.export.errors import ExportFailed
from verkosto_desktop.export.register_csv import write_register_csv
from verkosto_desktop.export.template import Letterhead, Part, atomic_output, build_pdf
from verkosto_desktop.export.vcards import write_vcards
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.printouts.render import (
    contacts_part,
    letterhead,
    meeting_part,
    plan_part,
    pocket_part,
    situation_part,
)
from verkosto_desktop.printouts.requests import DocumentKind, PrintRequest


def write_pack(
    store: Store,
    folder: Path | str,
    progress: Progress | None = None,
    day: date | None = None,
) -> list[Path]:
    """Write every sheet into ``folder`` (contact list by kind, a situation card for every
    situation type, the meeting pack for the active incident, the action plan, the pocket list,
    the register as CSV and vCards) and one combined PDF; returns the files in order.

    Each file is written all or nothing; a failure stops the pack with ``ExportFailed`` (the files
    already written stay, complete).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportFailed(
            _("The folder {folder} cannot be reached (was the USB stick removed?).").format(
                folder=folder
            ),
            "folder_missing",
        )
    progress = progress or Progress()
    prefix = (day or now_local().date()).isoformat()
    head = letterhead(store)
    everyone = ActorFilter()
    sheets = _sheets(store, head)
    # Reading, every sheet (those above, the contact list and the pocket list), CSV, vCards,
    # and the combined PDF.
    total = len(sheets) + 6
    stages = iter(range(total))

    reading = progress.stage(next(stages), total, _("Reading the register"))
    # Read once, used by the contact list (by kind), the pocket list, CSV and vCards (by name).
    by_kind = sheet_actors(store, sheet_actor_ids(store, everyone, "kind"))
    reading.update(1, 2)
    position = {key: i for i, key in enumerate(sheet_actor_ids(store, everyone, "none"))}
    by_name = sorted(by_kind, key=lambda a: position.get(a.id, 0))
    reading.update(2, 2)
    count = len(by_kind)
    contacts = PrintRequest(DocumentKind.CONTACTS, everyone, group_by="kind")
    sheets.insert(
        0,
        _Sheet(
            _("Contact list"),
            lambda stage: contacts_part(store, contacts, head, stage, by_kind, count),
        ),
    )
    sheets.append(
        _Sheet(
            _("Pocket call list"),
            lambda _stage: pocket_part(store, PrintRequest(DocumentKind.POCKET), head, by_name),
        )
    )

    written: list[Path] = []
    for sheet in sheets:
        stage = progress.stage(next(stages), total, sheet.name)
        path = folder / f"{prefix}_{slug(sheet.name)}.pdf"
        with atomic_output(path) as out:
            build_pdf(out, [sheet.make(stage)], progress=stage)
        written.append(path)

    stage = progress.stage(next(stages), total, _("Register as CSV (Excel)"))
    path = folder / f"{prefix}_{slug(_('Register'))}.csv"
    with atomic_output(path) as out:
        write_register_csv(out, by_name, tick=stage.ticker(count))
    written.append(path)

    stage = progress.stage(next(stages), total, _("Contacts as vCards (phones)"))
    path = folder / f"{prefix}_{slug(_('Contacts'))}.vcf"
    with atomic_output(path) as out:
        write_vcards(out, by_name, category=head.network_name, tick=stage.ticker(count))
    written.append(path)

    # The stories were consumed by the single files: each part is made anew for the combined one.
    stage = progress.stage(next(stages), total, _("Combined PDF"))
    path = folder / f"{prefix}_{slug(_('Print pack'))}.pdf"
    with atomic_output(path) as out:
        build_pdf(
            out, [sheet.make(stage) for sheet in sheets], title=_("Print pack"), progress=stage
        )
    written.append(path)
    progress.update(1, 1, _("Done"))
    return written


@dataclass(frozen=True)
class _Sheet:
    name: str
    make: Callable[[Progress], Part]


def _sheets(store: Store, head: Letterhead) -> list[_Sheet]:
    """The sheets that need nothing read in advance: situation cards, meeting pack, plan."""
    sheets = []
    for entry in catalogues.situation_types(store):
        request = PrintRequest(DocumentKind.SITUATION, situation=entry.key)
        sheets.append(
            _Sheet(
                f"{_('Situation card')} {entry.name(current_language())}",
                lambda _stage, r=request: situation_part(store, r, head),
            )
        )
    sheets.append(
        _Sheet(
            _("Coordination meeting"),
            lambda _stage: meeting_part(store, PrintRequest(DocumentKind.MEETING), head),
        )
    )
    sheets.append(
        _Sheet(
            _("Action plan"),
            lambda _stage: plan_part(store, PrintRequest(DocumentKind.PLAN), head),
        )
    )
    return sheets
