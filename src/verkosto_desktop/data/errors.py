"""Errors of the store, each with a sentence the user can read and act on."""

from __future__ import annotations

import sqlite3

from verkosto_desktop.domain.errors import ValidationError, VerkostoError
from verkosto_desktop.i18n import _

__all__ = [
    "DamagedFile",
    "NewerSchema",
    "NotFound",
    "NotVerkostoFile",
    "ReadOnlyFile",
    "StoreError",
    "ValidationError",
    "WriteFailed",
    "classify_write_error",
]


class StoreError(VerkostoError):
    """A problem with the database file itself."""


class NotVerkostoFile(StoreError):
    """The file exists but is not a Verkosto database; it is left untouched."""


class NewerSchema(StoreError):
    """The file was written by a newer version of Verkosto; it is left untouched."""


class DamagedFile(StoreError):
    """The file fails SQLite's integrity check."""


class ReadOnlyFile(StoreError):
    """The file cannot be written here (read-only medium, no permission); it may be opened
    read-only to look. ``reason`` is ``read_only`` or ``permission``."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class NotFound(VerkostoError):
    """The record asked for does not exist (or was erased)."""


class WriteFailed(StoreError):
    """A write did not reach the disk; the database is as it was before the attempt."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def classify_write_error(error: BaseException) -> WriteFailed:
    """Turn a low-level failure into a ``WriteFailed`` with a clear, translated sentence."""
    text = str(getattr(error, "orig", None) or error).lower()
    if (
        (isinstance(error, OSError) and error.errno == 28)
        or "disk is full" in text
        or "full" in text
    ):
        return WriteFailed(_("The disk is full. Free some space and try again."), "disk_full")
    if "readonly" in text or "read-only" in text or "read only" in text:
        return WriteFailed(
            _("The database file is on a read-only medium or is write-protected."), "read_only"
        )
    if "locked" in text or "busy" in text:
        return WriteFailed(
            _("The database is busy in another program. Try again in a moment."), "locked"
        )
    if "unable to open" in text or "no such" in text or "disk i/o" in text:
        return WriteFailed(
            _("The database file cannot be reached (was the USB stick removed?)."), "vanished"
        )
    if isinstance(error, PermissionError) or "permission" in text:
        return WriteFailed(_("No permission to write the database file."), "permission")
    if isinstance(error, sqlite3.IntegrityError) or "constraint" in text:
        return WriteFailed(_("The change conflicts with other data and was not saved."), "conflict")
    return WriteFailed(_("The change could not be saved: {error}").format(error=error), "other")
