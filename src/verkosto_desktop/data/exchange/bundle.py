"""Bundle files: one file carried on a USB stick or sent by e-mail between laptops.

Inside the encryption (``crypto``): the change set as compact JSON, compressed with zlib. The
manifest (format, schema revision, sending site, time, counts) is the first part of that JSON.
A bundle is written to a temporary name beside its target and renamed only when complete and
synced, so a stick pulled out half-way leaves no half bundle behind. Receiving reads and checks
the whole bundle before the database is touched; a wrong passphrase, a damaged, changed or
foreign file, or a bundle from a newer program leave the database exactly as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from verkosto_desktop.data.exchange import crypto
from verkosto_desktop.data.exchange.changeset import ChangeSet, collect, mark_sent
from verkosto_desktop.data.exchange.merge import (
    BundleRefused,
    MergeSummary,
    check_acceptable,
    merge,
)
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.domain.progress import Progress
from verkosto_desktop.i18n import _
from verkosto_desktop.private_files import not_a_file, not_a_file_message, open_private

SUFFIX = ".verkostobundle"


class BundleWriteFailed(VerkostoError):
    """The bundle could not be written where asked (no half file is left there)."""


@dataclass(frozen=True)
class WrittenBundle:
    """What was written: where, how big, how many changes, for whom."""

    path: Path
    size: int
    changes: int
    records: int
    erasures: int
    full: bool


def looks_like_bundle(path: Path) -> bool:
    """True when the file at ``path`` is a bundle (by its first bytes, whatever its name)."""
    try:
        with path.open("rb") as f:
            return crypto.is_bundle(f.read(len(crypto.MAGIC)))
    except OSError:
        return False


def encode(change_set: ChangeSet) -> bytes:
    """The change set as the compressed JSON that gets encrypted."""
    text = json.dumps(change_set.to_data(), ensure_ascii=False, separators=(",", ":"))
    # Level 3: a third of level 6's time for a few per cent more bytes (a full bundle of the
    # 10,000-actor demo is still under a tenth of the database).
    return zlib.compress(text.encode("utf-8"), 3)


def decode(plaintext: bytes) -> ChangeSet:
    """The change set from decrypted bytes; ``BundleError`` when it does not parse."""
    try:
        return ChangeSet.from_data(json.loads(zlib.decompress(plaintext)))
    except (zlib.error, ValueError, KeyError, TypeError, IndexError):
        raise crypto.BundleError(
            _("The bundle's content cannot be read; nothing was changed."), "damaged"
        ) from None


def _refuse_special(target: Path) -> None:
    # A bundle renamed over a device or a pipe would replace it.
    try:
        kind = not_a_file(target)
    except OSError as error:
        raise BundleWriteFailed(
            _("The bundle could not be written to {path}: {reason}").format(
                path=target, reason=error.strerror or error
            )
        ) from None
    if kind is not None:
        raise BundleWriteFailed(not_a_file_message(target, kind))


def _write_atomically(target: Path, data: bytes) -> None:
    _refuse_special(target)
    temporary = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        # Owner only, whatever the umask: encrypted, yet it holds every phone number.
        with os.fdopen(open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            _refuse_special(target)  # made while the bundle was being written
        except BundleWriteFailed:
            temporary.unlink()
            raise
        os.replace(temporary, target)
        with contextlib.suppress(OSError):
            folder = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise BundleWriteFailed(
            _("The bundle could not be written to {path}: {reason}").format(
                path=target, reason=error.strerror or error
            )
        ) from None


def write_bundle(
    store: Store,
    target: Path,
    passphrase: str,
    *,
    peer: str | None = None,
    full: bool = False,
    cost: int = crypto.DEFAULT_COST,
    progress: Progress | None = None,
) -> WrittenBundle:
    """Write a bundle for ``peer`` (a site uuid; incremental from what it is known to hold) or
    everything (``full``, or no peer) to ``target``."""
    if not target.parent.is_dir():
        raise BundleWriteFailed(
            _("The folder {folder} cannot be reached (was the USB stick pulled out?)").format(
                folder=target.parent
            )
        )
    if progress is not None:
        progress.update(0, 3, _("Collecting changes"))
    change_set = collect(store, peer=peer, full=full)
    if progress is not None:
        progress.update(1, 3, _("Encrypting"))
    data = crypto.encrypt(encode(change_set), passphrase, cost=cost)
    if progress is not None:
        progress.update(2, 3, _("Writing"))
    _write_atomically(target, data)
    mark_sent(store, peer)
    counts = change_set.totals()
    return WrittenBundle(
        target, len(data), counts["changes"], counts["records"], counts["erasures"], change_set.full
    )


def open_bundle(data: bytes, passphrase: str) -> ChangeSet:
    """Decrypt and check a bundle's bytes (nothing is written anywhere)."""
    from verkosto_desktop.data.storage.migrate import known_revisions

    change_set = decode(crypto.decrypt(data, passphrase))
    check_acceptable(change_set, known_revisions())
    return change_set


def read_bundle(path: Path, passphrase: str) -> ChangeSet:
    """Open and check a bundle file (nothing is written anywhere)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise crypto.BundleError(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror or error),
            "foreign",
        ) from None
    return open_bundle(data, passphrase)


def receive_bundle(
    store: Store,
    source: Path | ChangeSet,
    passphrase: str = "",
    *,
    dry_run: bool = False,
    backup: bool = True,
) -> MergeSummary:
    """Merge the bundle at ``source`` (a file, or one already opened) into ``store`` after a
    backup (``dry_run``: only say what merging would do)."""
    change_set = source if isinstance(source, ChangeSet) else read_bundle(source, passphrase)
    if backup and not dry_run:
        from verkosto_desktop.data.storage.backups import make_backup

        make_backup(store.path, "import")
    return merge(store, change_set, dry_run=dry_run)


__all__ = [
    "BundleRefused",
    "BundleWriteFailed",
    "WrittenBundle",
    "looks_like_bundle",
    "open_bundle",
    "read_bundle",
    "receive_bundle",
    "write_bundle",
]
