"""The regional register on PostgreSQL, opened like a file: the same sessions, the same change
reports, the same data layer on top.

What a server store does not do, because the server does it or it makes no sense there: no file
lock (many people use the register at once; PostgreSQL keeps them apart), no local backups or
restores (the server's administrator backs the database up), no WAL checkpoints or SQLite
integrity checks, and no schema migration when opened: ``verkosto server init`` updates the
schema, as the database's owner, and a store refuses a register of another version.

Writes are serialised, as on a laptop file: each takes one transaction-scoped advisory lock, so
the data layer's read-then-write steps (the next search document number, a check before an
insert) hold on the server too, and a laptop's sync waits for a window's edit and vice versa.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from verkosto_desktop.data.errors import NewerSchema, NotVerkostoFile, StoreError, WriteFailed
from verkosto_desktop.data.server.access import OTHER_NETWORK
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.credentials import (
    PasswordPrompt,
    is_password_problem,
    keyring_password,
)
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.errors import VerkostoError
from verkosto_desktop.i18n import _

# pg_advisory_xact_lock key taken by every write ("VKST" again, as in the file's header).
WRITE_LOCK = 0x564B5354
CONNECT_TIMEOUT_S = 10


class ServerUnreachable(StoreError):
    """The regional server cannot be reached (no network, wrong address, server down)."""


class ServerRefused(StoreError):
    """The regional server refused the user (wrong or missing password, unknown user)."""


class OldServerSchema(StoreError):
    """The register on the server is of an older version than this program."""


def make_server_engine(address: ServerAddress, password: str | None = None) -> Engine:
    """An engine for the register at ``address`` (``password`` only for connecting)."""
    url = address.with_password(password).url if password else address.url
    try:
        import psycopg  # noqa: F401  # the frozen program's psycopg needs the system's libpq
    except ImportError as error:
        raise ServerUnreachable(
            _(
                "The regional server cannot be used on this computer: the PostgreSQL client "
                "library is missing (install libpq5). {reason}"
            ).format(reason=error)
        ) from None
    return create_engine(
        url,
        pool_size=2,
        max_overflow=6,
        # A connection the server or the network dropped is replaced, not handed out.
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "verkosto"},
    )


def connect_engine(address: ServerAddress, prompt: PasswordPrompt | None = None) -> Engine:
    """An engine that has connected once: with the URL's password, libpq's password file or
    environment, the system keyring, then ``prompt``; raises ``ServerUnreachable`` or
    ``ServerRefused`` with a sentence to show."""
    candidates: list[Callable[[], str | None]] = []
    if address.password:
        candidates.append(lambda: address.password)
    else:
        candidates.append(lambda: None)  # libpq: ~/.pgpass, PGPASSFILE, PGPASSWORD
        candidates.append(lambda: keyring_password(address))
        if prompt is not None:
            candidates.append(lambda: prompt(address))
    last: BaseException | None = None
    tried: set[str | None] = set()
    for candidate in candidates:
        password = candidate()
        if password in tried:
            continue
        tried.add(password)
        engine = make_server_engine(address, password)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except (OperationalError, DBAPIError) as error:
            engine.dispose()
            if not is_password_problem(error):
                raise unreachable(address, error) from None
            last = error
            continue
        return engine
    raise ServerRefused(
        _(
            "The regional server {address} did not accept the user {user}: the password is "
            "wrong or missing."
        ).format(address=address.shown(), user=address.user or "?")
    ) from last


# libpq's words when a server's certificate does not pass the checks the address asked for.
_UNVERIFIED = ("certificate verify failed", "does not match host name")


def unreachable(address: ServerAddress, error: BaseException) -> ServerUnreachable:
    """The error saying the server cannot be reached, with the driver's reason."""
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()
    if reason and any(sign in reason[0] for sign in _UNVERIFIED):
        # sslmode=verify-full (or verify-ca) and a certificate that does not pass: not a
        # network fault, and trying again will not help.
        return ServerUnreachable(
            _(
                "The certificate of the regional server {address} could not be verified: it "
                "is not signed by the certificate authority named in the address (sslrootcert), "
                "or it is for another server name. No connection was made. ({reason})"
            ).format(address=address.shown(), reason=reason[0])
        )
    return ServerUnreachable(
        _("The regional server {address} cannot be reached: {reason}").format(
            address=address.shown(), reason=reason[0] if reason else "?"
        )
    )


def schema_revision(engine: Engine) -> str | None:
    """The register's schema revision on the server, None when it holds no register."""
    with engine.connect() as connection:
        exists = connection.execute(text("SELECT to_regclass('alembic_version')")).scalar()
        if exists is None:
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def ensure_current(address: ServerAddress, engine: Engine) -> None:
    """Refuse a database holding no register, or one of another version than this program."""
    from verkosto_desktop.data.storage.migrate import head_revision, known_revisions

    revision = schema_revision(engine)
    if revision is None:
        raise NotVerkostoFile(
            _(
                "The database {address} holds no Verkosto register. Its administrator creates "
                "one with 'verkosto server init --server URL'."
            ).format(address=address.shown())
        )
    if revision == head_revision():
        return
    if revision in known_revisions():
        raise OldServerSchema(
            _(
                "The register at {address} is of an older version of Verkosto. Its "
                "administrator updates it with 'verkosto server init --server URL'."
            ).format(address=address.shown())
        )
    raise NewerSchema(
        _(
            "The register at {address} is of a newer version of Verkosto. Update the program "
            "to use it."
        ).format(address=address.shown())
    )


class ServerStore(Store):
    """The regional register on PostgreSQL."""

    is_server = True

    def __init__(self, address: ServerAddress, engine: Engine, *, readonly: bool = False) -> None:
        # Not Store.__init__: there is no file, no file identity and no file lock.
        self.address = address
        self.engine = engine
        self.readonly = readonly
        self.opened_as = None
        self.file_lock = None
        self.created = False
        self._listeners = []
        self._lock = threading.Lock()

    @classmethod
    def connect(
        cls,
        address: ServerAddress,
        *,
        readonly: bool = False,
        prompt: PasswordPrompt | None = None,
    ) -> ServerStore:
        """Open the register at ``address``: it must be initialised and of this version."""
        engine = connect_engine(address, prompt)
        try:
            ensure_current(address, engine)
        except VerkostoError:
            engine.dispose()
            raise
        except (OperationalError, DBAPIError) as error:
            engine.dispose()
            raise unreachable(address, error) from None
        return cls(address, engine, readonly=readonly)

    @property
    def path(self) -> NoReturn:
        """A server has no file: code that needs one must not be reached for a server."""
        raise StoreError(_("The regional register is not a file on this computer."))

    @property
    def shown_name(self) -> str:
        return self.address.shown()

    def _read_only_message(self) -> str:
        return _("The regional register is open read-only.")

    def _check_writable(self) -> None:
        pass

    def _begin_write(self, session: Session) -> None:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})

    def _write_error(self, error: BaseException) -> VerkostoError:
        return server_write_error(self.address, error)

    def checkpoint(self) -> None:
        """Nothing to do: the server keeps its own write-ahead log."""

    def close(self) -> None:
        """Let go of the server's connections."""
        self.engine.dispose()


def server_write_error(address: ServerAddress, error: BaseException) -> WriteFailed:
    """A failed write on the server as a sentence the user can act on."""
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlstate", None)
    message = str(original).strip().splitlines()[0] if str(original).strip() else ""
    if code == OTHER_NETWORK:
        # The network guard's refusal: its message is the record's network.
        return WriteFailed(
            _(
                "This record belongs to the network '{network}': your user may change only "
                "its own network's records. Nothing was saved."
            ).format(network=message),
            "other_network",
        )
    if code == "42501" and "row-level security" in message:
        return WriteFailed(
            _(
                "This record belongs to another network: your user may change only its own "
                "network's records. Nothing was saved."
            ),
            "other_network",
        )
    if code == "42501":
        return WriteFailed(
            _("Your user {user} may only read the regional register; nothing was saved.").format(
                user=address.user or "?"
            ),
            "read_only",
        )
    if isinstance(error, OperationalError) or code is None or code.startswith("08"):
        return WriteFailed(
            _(
                "The connection to the regional server was lost; the change was not saved. "
                "Try again when the server can be reached."
            ),
            "unreachable",
        )
    if code.startswith("23") or code == "P0001":
        return WriteFailed(
            _("The change conflicts with other data and was not saved ({reason}).").format(
                reason=message
            ),
            "conflict",
        )
    return WriteFailed(_("The change could not be saved: {error}").format(error=message), "other")


def open_location(
    location: Path | ServerAddress,
    *,
    readonly: bool = False,
    prompt: PasswordPrompt | None = None,
    before_migration: Callable[[Path], None] | None = None,
) -> Store:
    """Open a file (``Store.open``) or the regional register (``ServerStore.connect``)."""
    if isinstance(location, ServerAddress):
        return ServerStore.connect(location, readonly=readonly, prompt=prompt)
    return Store.open(location, readonly=readonly, before_migration=before_migration)
