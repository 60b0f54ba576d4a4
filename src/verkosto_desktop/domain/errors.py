"""Typed errors of the domain; the UI and the command line turn them into translated sentences."""

from __future__ import annotations


class VerkostoError(Exception):
    """Base of every error the user is meant to read (the message is already translated)."""


class ValidationError(VerkostoError):
    """Input that cannot be stored. ``field`` names the offending field (a stable key)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
