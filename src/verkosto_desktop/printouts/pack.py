"""The print pack: the whole paper kit in one action, into a new dated folder inside a folder the
user chose (a USB stick), so that everything is on paper before the power goes.

The pack folder (``2026-11-28_tulostuspaketti``) holds ``00_tulostuspaketti.pdf`` (every printed
document in one file, after the index page), ``01_sisallys.pdf`` (the index page) and each
document in the order of ``pack_contents.pack_entries``. It is written under a hidden temporary
name and renamed only when complete: a pulled stick or a cancel leaves no half pack, and an
``ExportFailed`` (or ``Cancelled``) says why. One document that cannot be made (a record its
layout cannot handle, a file too large for the disk) does not cost the others: it is left out,
the index page and ``PackResult.failed`` say which and why, and every other document is written.
A pack written is remembered in the file, so that the dashboard can tell how old the paper is.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from pypdf import PdfWriter

from verkosto_desktop.data.incident.incidents import active_incidents
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.network.info import last_change_at, network_info
from verkosto_desktop.data.printouts.packs import record_print_pack
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.clock import to_local
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.progress import Cancelled, Progress
from verkosto_desktop.domain.slugs import slug
from verkosto_desktop.export.errors import ExportFailed
from verkosto_desktop.export.pack_index import IndexEntry, PackContents, pack_index_part
from verkosto_desktop.export.template import Letterhead, atomic_output, build_pdf
from verkosto_desktop.export.template.writing import describe_write_error
from verkosto_desktop.i18n import _
from verkosto_desktop.printouts.pack_contents import PackEntry, pack_entries
from verkosto_desktop.private_files import PRIVATE_FOLDER


@dataclass(frozen=True)
class PackFailure:
    """A document of the pack that could not be written, and why (a sentence to show)."""

    name: str
    file_name: str
    reason: str


@dataclass(frozen=True)
class PackResult:
    """A pack written: its folder, its files (the combined PDF, the index page, then every
    document in order), whether the file could remember it (not on a read-only file), and the
    documents that could not be written."""

    folder: Path
    files: list[Path]
    remembered: bool = True
    failed: tuple[PackFailure, ...] = ()

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
    return _("its content could not be laid out ({error})").format(error=type(error).__name__)


@dataclass(frozen=True)
class _Written:
    entry: PackEntry
    path: Path
    pages: int


def _folder_missing(folder: Path) -> ExportFailed:
    return ExportFailed(
        _("The folder {folder} cannot be reached (was the USB stick removed?).").format(
            folder=folder
        ),
        "folder_missing",
    )


def pack_folder_name(made_at: datetime) -> str:
    """``2026-11-28_tulostuspaketti``: the local date of ``made_at`` and the pack's name."""
    name = slug(_("Print pack"))
    return f"{to_local(made_at).date().isoformat()}_{name}"


def _new_folder(parent: Path, name: str) -> Path:
    target = parent / name
    number = 2
    while target.exists():
        target = parent / f"{name}-{number}"
        number += 1
    return target


def write_pack(
    store: Store,
    parent: Path | str,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> PackResult:
    """Write the print pack into a new dated folder inside ``parent`` (which must exist) and
    remember it; see the module's description. ``now`` (UTC) dates the pack."""
    parent = Path(parent)
    if not parent.is_dir():
        raise _folder_missing(parent)
    progress = progress or Progress()
    made_at = now or utcnow()
    head = Letterhead(network_info(store).name, last_change_at(store), to_local(made_at))
    entries = pack_entries(store, head)
    target = _new_folder(parent, pack_folder_name(made_at))
    temporary = parent / f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        # Owner only, like every file in it: the lists in it hold every phone number.
        temporary.mkdir(mode=PRIVATE_FOLDER)
    except OSError as error:
        raise describe_write_error(error, temporary / "x") from None
    try:
        written, failed = _write_documents(store, head, entries, temporary, progress)
        _rename(temporary, target)
    except ExportFailed as error:
        shutil.rmtree(temporary, ignore_errors=True)
        if error.reason == "folder_missing" or not parent.is_dir():
            # Name the folder the user chose, not the hidden one the pack was growing in.
            raise _folder_missing(parent) from None
        raise
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    files = [target / path.name for path in written]
    progress.update(1, 1, _("Done"))
    try:
        record_print_pack(store, made_at, target, len(entries), head.data_changed_at)
    except VerkostoError:
        # A file opened read-only can still print; it just cannot remember the pack.
        return PackResult(target, files, remembered=False, failed=failed)
    return PackResult(target, files, failed=failed)


def _write_documents(
    store: Store,
    head: Letterhead,
    entries: list[PackEntry],
    folder: Path,
    progress: Progress,
) -> tuple[list[Path], tuple[PackFailure, ...]]:
    """Every document it can, the index page and the combined PDF into ``folder``; their paths
    and the documents that could not be written."""
    total = len(entries) + 2  # the documents, the index page and the combined PDF
    done: list[_Written] = []
    failed: list[PackFailure] = []
    for number, entry in enumerate(entries, start=2):
        stage = progress.stage(number - 2, total, entry.title)
        path = folder / entry.file_name(number)
        failure = _attempt(entry.title, path, folder, partial(_write_one, entry, path, stage))
        if isinstance(failure, PackFailure):
            failed.append(failure)
        else:
            done.append(_Written(entry, path, failure))

    progress.stage(len(entries), total, _("Contents"))
    pack_name, contents_name = slug(_("Print pack")), slug(_("Contents"))
    combined = folder / f"00_{pack_name}.pdf"
    index = folder / f"01_{contents_name}.pdf"
    incidents = [incident.title for incident in active_incidents(store)]
    index_bytes = _index(head, done, failed, combined.name, index.name, incidents)
    written_index = _attempt(_("Contents"), index, folder, lambda: _write_bytes(index, index_bytes))
    if isinstance(written_index, PackFailure):
        failed.append(written_index)

    progress.stage(len(entries) + 1, total, _("Combined PDF"))
    writer = PdfWriter()
    writer.append(io.BytesIO(index_bytes), outline_item=_("Contents"))
    for item in done:
        if item.pages:
            progress.check()
            writer.append(str(item.path), outline_item=item.entry.title)

    def write_combined(path: Path) -> int:
        with atomic_output(path) as out:
            writer.write(out)
        return 0

    failure = _attempt(_("Combined PDF"), combined, folder, lambda: write_combined(combined))
    if isinstance(failure, PackFailure):
        failed.append(failure)
        if not isinstance(written_index, PackFailure):
            # The documents are there one by one; the index page says the combined one is not.
            again = _index(head, done, failed, combined.name, index.name, incidents)
            _attempt(_("Contents"), index, folder, lambda: _write_bytes(index, again))
    firsts = [
        p
        for p, bad in ((combined, failure), (index, written_index))
        if not isinstance(bad, PackFailure)
    ]
    return [*firsts, *(item.path for item in done)], tuple(failed)


def _write_bytes(path: Path, data: bytes) -> int:
    with atomic_output(path) as out:
        out.write(data)
    return 0


def _attempt(name: str, path: Path, folder: Path, write: Callable[[], int]) -> int | PackFailure:
    """``write()``'s pages, or why it failed: one document's content or size must not cost the
    others. A cancel, and a folder that is gone (the stick pulled out), stop the whole pack."""
    try:
        return write()
    except Cancelled:
        raise
    except ExportFailed as error:
        if error.reason == "folder_missing" or not folder.is_dir():
            raise
        return PackFailure(name, path.name, str(error))
    except Exception as error:
        return PackFailure(name, path.name, failure_reason(error))


def _write_one(entry: PackEntry, path: Path, stage: Progress) -> int:
    """One document, all or nothing; its pages (0 for a file that is not a PDF)."""
    with atomic_output(path) as out:
        if entry.part is not None:
            return build_pdf(out, [entry.part(stage)], progress=stage)
        assert entry.write is not None
        entry.write(out, stage)
        return 0


def _index(
    head: Letterhead,
    done: list[_Written],
    failed: list[PackFailure],
    combined: str,
    own_name: str,
    incidents: list[str],
) -> bytes:
    """The index page's PDF: the pages of each document in the combined PDF depend on how many
    pages the index itself takes, so it is laid out again if that is more than one."""
    index_pages = 1
    while True:
        page = index_pages + 1
        rows = [IndexEntry(_("Contents"), own_name, 1, index_pages)]
        for item in done:
            first = page if item.pages else None  # CSV and vCards are files only
            rows.append(IndexEntry(item.entry.title, item.path.name, first, item.pages))
            page += item.pages
        rows += [IndexEntry(f.name, f.file_name, failure=f.reason) for f in failed]
        out = io.BytesIO()
        pages = build_pdf(out, [pack_index_part(head, PackContents(rows, combined, incidents))])
        if pages == index_pages:
            return out.getvalue()
        index_pages = pages


def _rename(temporary: Path, target: Path) -> None:
    """Give the complete pack its name (the last step: before it, no pack is visible)."""
    if not temporary.parent.is_dir():
        raise _folder_missing(temporary.parent)
    try:
        os.rename(temporary, target)
    except OSError as error:
        if not temporary.parent.is_dir() or not temporary.is_dir():
            raise _folder_missing(temporary.parent) from None
        raise describe_write_error(error, target) from None
    try:
        descriptor = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the rename itself is done
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
