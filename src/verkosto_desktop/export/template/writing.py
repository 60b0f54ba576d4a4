"""Writing a file so that it is either complete or not there at all.

The content goes to a temporary file (readable by its owner only) in the target folder, is
flushed and ``fsync``-ed, then renamed over the target (atomic on the same file system), and
the folder is synced too. A target that is not a regular file is refused. If
anything fails on the way (the USB stick is pulled, the disk fills up, the build raises or is
cancelled) the temporary file is removed and an existing file of the same name stays as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from verkosto_desktop.export.errors import ExportFailed
from verkosto_desktop.i18n import _
from verkosto_desktop.private_files import not_a_file, not_a_file_message, open_private

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_GONE = {errno.ENOENT, errno.ENOTDIR, errno.ENODEV, errno.ENXIO, errno.EIO}


def describe_write_error(error: OSError, target: Path) -> ExportFailed:
    """A clear sentence for a failed write of ``target``, as an ``ExportFailed``."""
    folder = target.parent
    if error.errno in _FULL:
        return ExportFailed(
            _("The disk is full: {name} was not saved. Free some space and try again.").format(
                name=target.name
            ),
            "disk_full",
        )
    if error.errno in _READ_ONLY:
        return ExportFailed(
            _("Cannot write to the folder {folder} (write-protected or no permission).").format(
                folder=folder
            ),
            "read_only",
        )
    if error.errno in _GONE or not folder.is_dir():
        return ExportFailed(
            _(
                "The folder {folder} cannot be reached (was the USB stick removed?). "
                "{name} was not saved."
            ).format(folder=folder, name=target.name),
            "folder_missing",
        )
    return ExportFailed(
        _("{name} could not be saved: {reason}").format(
            name=target.name, reason=error.strerror or error
        ),
        "other",
    )


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform (Windows), harmless there.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def refuse_special_target(target: Path) -> None:
    """Raise ``ExportFailed`` when ``target`` exists and is not a regular file (a device, a
    FIFO, a folder, or a link to one): the rename would replace it with the export, and a
    mistyped path must not replace ``/dev/sda`` with a PDF, even when run as root."""
    try:
        kind = not_a_file(target)
    except OSError as error:
        raise describe_write_error(error, target) from None
    if kind is not None:
        raise ExportFailed(not_a_file_message(target, kind), "not_a_file")


@contextlib.contextmanager
def atomic_output(target: Path | str) -> Iterator[BinaryIO]:
    """A binary file to write ``target``'s content into; it replaces ``target`` only when the
    block ends without an error. The file is readable by its owner only (it holds personal
    data). Raises ``ExportFailed`` (with the reason) for disk problems and for a target that
    is not a regular file (see :func:`refuse_special_target`)."""
    target = Path(target)
    refuse_special_target(target)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        handle = os.fdopen(open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb")
    except OSError as error:
        raise describe_write_error(error, target) from None
    completed = False
    try:
        try:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            handle.close()
        refuse_special_target(target)  # made while the content was being written
        os.replace(temporary, target)
        completed = True
        _sync_folder(target.parent)
    except OSError as error:
        raise describe_write_error(error, target) from None
    finally:
        if not completed:
            with contextlib.suppress(OSError):
                temporary.unlink()


def write_bytes_atomically(target: Path | str, data: bytes) -> None:
    """Write ``data`` to ``target`` all or nothing (see :func:`atomic_output`)."""
    with atomic_output(target) as handle:
        handle.write(data)
