"""One module per sub-command; each has ``register(subparsers)`` and sets ``handler``."""

from types import ModuleType

from verkosto_desktop.commands import (
    backup,
    bundle,
    check,
    conflicts,
    demo,
    export,
    find,
    import_,
    incidents,
    site,
)

COMMAND_MODULES: tuple[ModuleType, ...] = (
    demo,
    find,
    check,
    incidents,
    export,
    backup,
    import_,
    bundle,
    conflicts,
    site,
)
