"""Where the password for the regional register comes from. Verkosto never writes it into the
database file or the settings.

In this order: the URL itself (typed by its owner on a command line); libpq's own sources, which
libpq reads without our help (the password file ``~/.pgpass`` or ``PGPASSFILE``, and
``PGPASSWORD``); the system keyring through the ``keyring`` package when it is installed; and last
a prompt (a dialog in the window, the terminal for the command line), whose answer may be kept
in the keyring.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from verkosto_desktop.data.server.address import ServerAddress

KEYRING_SERVICE = "verkosto"

# Asks the user for the password of an address; None when they decline.
PasswordPrompt = Callable[[ServerAddress], "str | None"]


def _keyring() -> Any | None:
    try:
        import keyring  # type: ignore[import-not-found, unused-ignore]
    except Exception:  # not installed, or no usable backend on this system
        return None
    return keyring


def keyring_password(address: ServerAddress) -> str | None:
    """The password kept in the system keyring for ``address``, if any."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, address.key())  # type: ignore[no-any-return]
    except Exception:  # a locked or missing keyring backend is not an error of ours
        return None


def remember_password(address: ServerAddress, password: str) -> bool:
    """Keep ``password`` in the system keyring (True when it could)."""
    keyring = _keyring()
    if keyring is None:
        return False
    with contextlib.suppress(Exception):
        keyring.set_password(KEYRING_SERVICE, address.key(), password)
        return True
    return False


def has_keyring() -> bool:
    """Whether a system keyring can keep the password."""
    return _keyring() is not None


def is_password_problem(error: BaseException) -> bool:
    """Whether a failed connection asked for a (right) password."""
    text = str(getattr(error, "orig", None) or error).lower()
    return (
        "password authentication failed" in text
        or "no password supplied" in text
        or "fe_sendauth" in text
    )
