"""The address of the regional register: a ``postgresql://`` URL, wherever a file is accepted.

A URL may carry the password (typed on a command line by its owner), but Verkosto never keeps
one: what it remembers and shows is the address without it (:meth:`ServerAddress.shown`), and the
password comes from libpq's password file, the system keyring or a prompt
(``data.server.credentials``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
DRIVER = "postgresql+psycopg"


class BadServerAddress(VerkostoError):
    """A ``postgresql://`` address that cannot be used."""


def is_server_address(text: str | Path) -> bool:
    """Whether ``text`` names the regional register rather than a file."""
    return isinstance(text, str) and text.strip().lower().startswith(SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """Where the regional register is: host, port, database, user and connection options."""

    url: URL

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        """The address in ``text`` (``postgresql://user@host:port/database?sslmode=…``)."""
        stripped = text.strip()
        if not is_server_address(stripped):
            raise BadServerAddress(
                _("{text} is not a server address (postgresql://…).").format(text=stripped)
            )
        try:
            url = make_url(stripped)
        except ArgumentError:
            raise BadServerAddress(
                _("{text} is not a server address (postgresql://…).").format(text=stripped)
            ) from None
        if not url.database:
            raise BadServerAddress(
                _("The server address names no database: {address}").format(
                    address=url._replace(password=None).render_as_string(hide_password=False)
                )
            )
        return cls(url.set(drivername=DRIVER))

    @property
    def user(self) -> str | None:
        return self.url.username

    @property
    def host(self) -> str:
        """The host (or the socket folder of a local server)."""
        return str(self.url.host or self.url.query.get("host") or "localhost")

    @property
    def database(self) -> str:
        return str(self.url.database)

    @property
    def password(self) -> str | None:
        """The password written in the URL itself, if any (never stored)."""
        return self.url.password if self.url.password else None

    def with_password(self, password: str | None) -> ServerAddress:
        """The same address with ``password`` (for connecting only)."""
        # URL.set() ignores None: a password is taken away by replacing the field.
        return ServerAddress(self.url._replace(password=password))

    def with_user(self, user: str | None) -> ServerAddress:
        """The same address for another user (without a password)."""
        return ServerAddress(self.url._replace(username=user, password=None))

    def shown(self) -> str:
        """The address as shown and remembered: ``postgresql://user@host:port/db?…``, never
        with a password."""
        plain = self.url._replace(drivername="postgresql", password=None)
        return plain.render_as_string(hide_password=False)

    def key(self) -> str:
        """``user@host:port/database``: under this name a password is kept in the keyring."""
        port = self.url.port or 5432
        return f"{self.user or ''}@{self.host}:{port}/{self.database}"

    def __str__(self) -> str:
        return self.shown()


def database_location(text: str) -> Path | ServerAddress:
    """What ``--database`` names: a file path, or the regional register's address."""
    if is_server_address(text):
        return ServerAddress.parse(text)
    return Path(text)
