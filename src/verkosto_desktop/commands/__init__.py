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
    import_bundle,
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
    bundle,
    import_bundle,
    conflicts,
    site,
)
