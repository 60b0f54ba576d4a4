"""The passphrase of a bundle: from ``--passphrase-file``, or asked on the terminal (never from
the command line itself, where other users could read it in the process list)."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from verkosto_desktop.commands.common import CommandError
from verkosto_desktop.i18n import _


def read_passphrase(path: Path | None, *, confirm: bool = False) -> str:
    """The passphrase from the first line of ``path``, or typed on the terminal (twice when
    ``confirm``); without a file and without a terminal, a ``CommandError``."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)
            ) from None
        passphrase = text.splitlines()[0] if text else ""
    else:
        if not sys.stdin.isatty():
            raise CommandError(
                _(
                    "Give the passphrase with --passphrase-file FILE "
                    "(there is no terminal to ask on)."
                )
            )
        passphrase = getpass.getpass(_("Passphrase: "))
        if confirm and getpass.getpass(_("The passphrase again: ")) != passphrase:
            raise CommandError(_("The passphrases differ; nothing was written."))
    if not passphrase:
        raise CommandError(_("The passphrase is empty."))
    return passphrase
