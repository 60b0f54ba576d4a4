"""``verkosto server init``: make a PostgreSQL database the regional register, or bring it to
this version, as the database's owner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, OperationalError

from verkosto_desktop.data.server.access import add_login, install_access
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.credentials import PasswordPrompt
from verkosto_desktop.data.server.schema import upgrade_schema
from verkosto_desktop.data.server.store import ServerStore, connect_engine, server_write_error
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class InitResult:
    """What ``init_register`` did: the schema revision before (None: a new register) and after."""

    before: str | None
    after: str

    @property
    def created(self) -> bool:
        return self.before is None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def init_register(address: ServerAddress, prompt: PasswordPrompt | None = None) -> InitResult:
    """Create the register in the (empty) database at ``address``, or upgrade it, with its roles
    and network rules (``data.server.access``); refuses a database holding something else.
    Built-in catalogues are filled in."""
    from verkosto_desktop.data.storage import seed

    engine = connect_engine(address, prompt)
    try:
        before, after = upgrade_schema(address, engine)
        with engine.begin() as connection:
            install_access(connection)
            tune_planner(connection)
        store = ServerStore(address, engine)
        seed.ensure_builtins(store)
        ensure_server_site(store)
    finally:
        engine.dispose()
    return InitResult(before, after)


# The planner's cost of reading a page out of order: PostgreSQL's default (4) is made for
# spinning disks and makes it scan whole tables rather than follow the register's indexes for
# a network's 2,000 actors (twice the time); 1.1 is the usual setting on solid-state storage.
RANDOM_PAGE_COST = 1.1


def tune_planner(connection: Connection) -> None:
    """Tell PostgreSQL how the register's database is read (for this database only; new
    sessions take it): its storage is solid-state."""
    name = connection.execute(text("SELECT current_database()")).scalar_one()
    quoted = connection.dialect.identifier_preparer.quote(str(name))
    connection.execute(text(f"ALTER DATABASE {quoted} SET random_page_cost = {RANDOM_PAGE_COST}"))


def add_user(
    address: ServerAddress,
    user: str,
    password: str,
    *,
    network: str | None,
    prompt: PasswordPrompt | None = None,
) -> str:
    """Create the login ``user`` on the register at ``address`` (connected as its
    administrator): a writer of ``network``, or a reader of the region when None. Returns the
    group role it joined."""
    engine = connect_engine(address, prompt)
    try:
        with engine.begin() as connection:
            return add_login(connection, user, password, network=network)
    except (OperationalError, DBAPIError) as error:
        raise server_write_error(address, error) from None
    finally:
        engine.dispose()


def ensure_server_site(store: ServerStore) -> bool:
    """Give the register its own site (the one laptops sync with), named after the database;
    True when it was made now."""
    from sqlalchemy import select

    from verkosto_desktop.data.exchange.site import create_self
    from verkosto_desktop.data.models import Site

    bound_to = f"server|{store.address.host}|{store.address.database}"
    with store.write() as session:
        connection = session.connection()
        if connection.execute(select(Site.id).where(Site.is_self.is_(True))).first():
            return False
        create_self(
            connection,
            None,
            _("Regional register {database}").format(database=store.address.database),
            bound_to=bound_to,
        )
    return True
