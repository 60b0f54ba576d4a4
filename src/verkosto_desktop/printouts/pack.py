"""The print pack: every sheet at once, into a folder (a USB stick), with dated file names, plus
one combined PDF, so that everything is on paper before the power goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from verkosto_desktop.data import catalogues
from verkosto_desktop.data.register.contact_sheet import SheetActor, sheet_actor_ids, sheet_actors
from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.domain.timefmt import now_local
from verkosto_desktop.export.errors import ExportCancelled, ExportFailed
from verkosto_desktop.export.progress import Progress
from verkosto_desktop.export.register_csv import write_register_csv
from verkosto_desktop.export.template import Letterhead, Part, atomic_output, build_pdf
from verkosto_desktop.export.template.writing import describe_write_error
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


@dataclass(frozen=True)
class PackFailure:
    """A document of the pack that could not be written, and why (a sentence to show)."""

    name: str
    path: Path
    reason: str


@dataclass
class PackResult:
    """What a print pack wrote (in order) and what it could not write."""

    written: list[Path] = field(default_factory=list)
    failed: list[PackFailure] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.failed

    def failure_lines(self) -> list[str]:
        """One line per document not written: "name: reason"."""
        return [f"{failure.name}: {failure.reason}" for failure in self.failed]


def failure_reason(error: Exception) -> str:
    """A sentence for a document that could not be made: the message of the program's own
    errors, else what kind of error it was (a file's content the layout could not handle)."""
    if isinstance(error, VerkostoError):
        return str(error)
    if isinstance(error, OSError):
        return describe_write_error(error, Path(error.filename or "?")).args[0]
    return _("its content could not be laid out ({error})").format(error=type(error).__name__)


class _Writer:
    """Writes each file of the pack on its own: a failure is noted and the next one goes on."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = folder
        self.prefix = prefix
        self.result = PackResult()

    def path(self, name: str, suffix: str) -> Path:
        return self.folder / f"{self.prefix}_{slug(name)}{suffix}"

    def attempt(self, name: str, path: Path, write: Callable[[BinaryIO], object]) -> bool:
        try:
            with atomic_output(path) as out:
                write(out)
        except ExportCancelled:
            raise
        except Exception as error:  # one document's failure must not stop the rest
            self.result.failed.append(PackFailure(name, path, failure_reason(error)))
            return False
        self.result.written.append(path)
        return True

    def fail(self, name: str, path: Path, reason: str) -> None:
        self.result.failed.append(PackFailure(name, path, reason))


def write_pack(
    store: Store,
    folder: Path | str,
    progress: Progress | None = None,
    day: date | None = None,
) -> PackResult:
    """Write every sheet into ``folder`` (contact list by kind, a situation card for every
    situation type, the meeting pack for the active incident, the action plan, the pocket list,
    the register as CSV and vCards) and one combined PDF of the sheets written.

    Each file is written all or nothing, and each on its own: one that fails (a record its
    layout cannot handle, a full disk) is listed in the result with the reason, and the others
    are still written. Only a cancel stops the pack (``ExportCancelled``).
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
    writer = _Writer(folder, (day or now_local().date()).isoformat())
    head = letterhead(store)
    everyone = ActorFilter()
    sheets = _sheets(store, head)
    # Reading, every sheet (those above, the contact list and the pocket list), CSV, vCards,
    # and the combined PDF.
    total = len(sheets) + 6
    stages = iter(range(total))

    reading = progress.stage(next(stages), total, _("Reading the register"))
    # Read once, used by the contact list (by kind), the pocket list, CSV and vCards (by name).
    try:
        by_kind = sheet_actors(store, sheet_actor_ids(store, everyone, "kind"))
        reading.update(1, 2)
        position = {key: i for i, key in enumerate(sheet_actor_ids(store, everyone, "none"))}
        by_name: list[SheetActor] | None = sorted(by_kind, key=lambda a: position.get(a.id, 0))
        reading.update(2, 2)
        unread = ""
    except ExportCancelled:
        raise
    except Exception as error:  # the sheets that need no register still print
        by_kind, by_name, unread = [], None, failure_reason(error)
    count = len(by_kind)
    contacts = PrintRequest(DocumentKind.CONTACTS, everyone, group_by="kind")
    register_sheets = [
        _Sheet(
            _("Contact list"),
            lambda stage: contacts_part(store, contacts, head, stage, by_kind, count),
        ),
        _Sheet(
            _("Pocket call list"),
            lambda _stage: pocket_part(store, PrintRequest(DocumentKind.POCKET), head, by_name),
        ),
    ]
    sheets = [register_sheets[0], *sheets, register_sheets[1]]

    printed: list[_Sheet] = []
    for sheet in sheets:
        stage = progress.stage(next(stages), total, sheet.name)
        path = writer.path(sheet.name, ".pdf")
        if by_name is None and sheet in register_sheets:
            writer.fail(sheet.name, path, unread)
        elif writer.attempt(
            sheet.name,
            path,
            lambda out, sheet=sheet, stage=stage: build_pdf(
                out, [sheet.make(stage)], progress=stage
            ),
        ):
            printed.append(sheet)

    for name, suffix, write in (
        (
            _("Register as CSV (Excel)"),
            ".csv",
            lambda out, stage: write_register_csv(out, by_name or [], tick=stage.ticker(count)),
        ),
        (
            _("Contacts as vCards (phones)"),
            ".vcf",
            lambda out, stage: write_vcards(
                out, by_name or [], category=head.network_name, tick=stage.ticker(count)
            ),
        ),
    ):
        stage = progress.stage(next(stages), total, name)
        path = writer.path(_("Register") if suffix == ".csv" else _("Contacts"), suffix)
        if by_name is None:
            writer.fail(name, path, unread)
        else:
            writer.attempt(name, path, lambda out, write=write, stage=stage: write(out, stage))

    # The stories were consumed by the single files: each part is made anew for the combined one.
    stage = progress.stage(next(stages), total, _("Combined PDF"))
    if printed:
        writer.attempt(
            _("Combined PDF"),
            writer.path(_("Print pack"), ".pdf"),
            lambda out: build_pdf(
                out,
                [sheet.make(stage) for sheet in printed],
                title=_("Print pack"),
                progress=stage,
            ),
        )
    progress.update(1, 1, _("Done"))
    return writer.result


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
