"""One module per sub-command; each has ``register(subparsers)`` and sets ``handler``."""

from types import ModuleType

from verkosto_desktop.commands import check, demo, export_ics, find

# export_ics registers an ``export`` command with only ``ics`` until commands/export.py lands.
COMMAND_MODULES: tuple[ModuleType, ...] = (demo, find, check, export_ics)
