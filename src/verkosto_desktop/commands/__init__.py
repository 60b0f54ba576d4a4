"""One module per sub-command; each has ``register(subparsers)`` and sets ``handler``."""

from types import ModuleType

from verkosto_desktop.commands import (
    backup,
    bundle,
    check,
    conflicts,
    demo,
    erase,
    export,
    find,
    import_,
    incidents,
    person,
    server,
    site,
    sync,
)

COMMAND_MODULES: tuple[ModuleType, ...] = (
    demo,
    find,
    check,
    incidents,
    export,
    backup,
    import_,
    person,
    erase,
    bundle,
    conflicts,
    site,
    server,
    sync,
)
