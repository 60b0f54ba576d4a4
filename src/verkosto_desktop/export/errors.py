"""Errors of writing files: a sentence the user can read and act on (already translated)."""

from __future__ import annotations

from verkosto_desktop.domain.errors import VerkostoError


class ExportFailed(VerkostoError):
    """A file could not be written; nothing half-written was left behind.

    ``reason`` is a stable key: ``folder_missing``, ``disk_full``, ``read_only``, ``other``.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
