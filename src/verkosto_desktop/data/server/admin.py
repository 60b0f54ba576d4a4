"""``verkosto server init``: make a PostgreSQL database the regional register, or bring it to
this version, as the database's owner."""

from __future__ import annotations

from dataclasses import dataclass

from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.credentials import PasswordPrompt
from verkosto_desktop.data.server.schema import upgrade_schema
from verkosto_desktop.data.server.store import ServerStore, connect_engine


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
    """Create the register in the (empty) database at ``address``, or upgrade it; refuses a
    database holding something else. Built-in catalogues are filled in."""
    from verkosto_desktop.data.storage import seed

    engine = connect_engine(address, prompt)
    try:
        before, after = upgrade_schema(address, engine)
        store = ServerStore(address, engine)
        seed.ensure_builtins(store)
    finally:
        engine.dispose()
    return InitResult(before, after)
