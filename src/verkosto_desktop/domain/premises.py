"""Premises for a dark day: what a hall must have to be of use in a long power cut, and the
order the premises card lists them in."""

from __future__ import annotations

from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.enums import LabelledEnum
from verkosto_desktop.i18n import N_


class PremisesFeature(LabelledEnum):
    """What the register's premises filter (and ``verkosto find --facility``) asks for. Heating
    means heating that works without the mains; water, water without the mains."""

    BACKUP_POWER = "backup_power"
    HEATING = "heating"
    WATER = "water"
    KITCHEN = "kitchen"
    ACCESSIBLE = "accessible"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "backup_power": N_("Backup power"),
            "heating": N_("Heating without mains"),
            "water": N_("Water without the mains"),
            "kitchen": N_("Kitchen"),
            "accessible": N_("Accessible"),
        }

    @property
    def column(self) -> str:
        """The premises' field that holds the feature."""
        if self is PremisesFeature.HEATING:
            return "heating_without_mains"
        return self.value


def card_order(area: str, backup_power: bool, actor_name: str, name: str) -> tuple[object, ...]:
    """The premises card's order: by area (the premises of no area last), premises with backup
    power first within an area, then by actor and premises name (Finnish order)."""
    return (not area, sort_key(area), not backup_power, sort_key(actor_name), sort_key(name))
