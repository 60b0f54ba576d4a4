"""Premises an actor can open in a crisis: room for how many, heat, power, water, kitchen, keys."""

from __future__ import annotations

from typing import Any, cast

from verkosto_desktop.data.details import ContactDetail, FacilityDetail
from verkosto_desktop.data.register import facilities
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.writes import FacilityFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.register.record_form import ChildForm, fill_people


class FacilityForm(ChildForm):
    """Edits one facility of ``actor_id``; a draft until it has a name."""

    def __init__(self, store: Store) -> None:
        super().__init__(
            # The keys are this form's field names; tests/gui/test_form_fields.py checks them.
            save=lambda facility_id, values: facilities.update_facility(
                store, facility_id, cast(FacilityFields, values)
            ),
            create=self._create,
            required="name",
        )
        self._store = store
        self.name = self.add_line(
            "name", _("Name"), name="facilityName", placeholder=_("e.g. village hall")
        )
        self.address = self.add_line("address", _("Address"))
        self.capacity = self.add_line("capacity", _("Capacity (people)"), placeholder=_("a number"))
        self.heating = self.add_line(
            "heating", _("Heating"), placeholder=_("e.g. wood stove, district heating")
        )
        self.heating_without_mains = self.add_check(
            "heating_without_mains", _("Heating works in a power cut")
        )
        self.backup_power = self.add_check("backup_power", _("Backup power"))
        self.backup_power_kind = self.add_line(
            "backup_power_kind", _("Backup power kind"), placeholder=_("e.g. generator 20 kVA")
        )
        self.fuel_hours = self.add_line(
            "fuel_hours", _("Fuel for (hours)"), placeholder=_("a number")
        )
        self.water = self.add_check("water", _("Water without the mains"))
        self.kitchen = self.add_check("kitchen", _("Kitchen"))
        self.accessible = self.add_check("accessible", _("Accessible"))
        self.key_holder = self.add_combo("key_holder_id", _("Key holder"), [])
        self.notes = self.add_plain("notes", _("Notes"), lines=2)
        self.add_verified_row()
        self.delete_button = self.add_delete_row(
            "deleteFacility", _("Move the premises to the trash")
        )

    def set_contacts(self, people: tuple[ContactDetail, ...]) -> None:
        """The actor's contacts, one of whom may hold the keys."""
        fill_people(self.key_holder, people, _("(not recorded)"))

    def _create(self, values: dict[str, Any]) -> FacilityDetail:
        assert self.actor_id is not None
        return facilities.add_facility(self._store, self.actor_id, cast(FacilityFields, values))
