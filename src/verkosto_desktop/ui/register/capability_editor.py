"""One capability: what the actor can offer, how much, how fast, in which phases and disruptions,
and whom to call for it."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verkosto_desktop.data.details import CapabilityDetail, ContactDetail
from verkosto_desktop.data.register import capabilities
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.enums import Phase
from verkosto_desktop.domain.writes import CapabilityFields
from verkosto_desktop.i18n import _, current_language
from verkosto_desktop.ui.register.catalogue_cache import Catalogues
from verkosto_desktop.ui.register.record_form import ChildForm, fill_people


class CapabilityForm(ChildForm):
    """Edits one capability of ``actor_id``; a draft until a category is chosen."""

    def __init__(self, store: Store, catalogues: Catalogues) -> None:
        super().__init__(
            # The keys are this form's field names; tests/gui/test_form_fields.py checks them.
            save=lambda capability_id, values: capabilities.update_capability(
                store, capability_id, cast(CapabilityFields, values)
            ),
            create=self._create,
            required="category_key",
            required_hint=_("Choose a category to save this."),
        )
        self._store = store
        self.category = self.add_combo("category_key", _("Category"), [])
        self.description = self.add_line(
            "description", _("What exactly"), placeholder=_("e.g. field kitchen for 200 people")
        )
        self.capacity = self.add_line("capacity", _("Capacity"), placeholder=_("a number"))
        self.unit = self.add_line(
            "capacity_unit", _("Unit"), placeholder=_("e.g. meals a day, beds, people")
        )
        self.activation = self.add_line(
            "activation_minutes", _("Ready in (minutes)"), placeholder=_("e.g. 60")
        )
        self.contact = self.add_combo("contact_id", _("Contact person"), [])

        phase_row = QVBoxLayout()
        phase_row.setContentsMargins(0, 0, 0, 0)
        phase_row.setSpacing(2)
        self.phase_boxes: dict[str, QCheckBox] = {}
        for phase in Phase:
            box = QCheckBox(phase.label())
            box.setObjectName(f"phase_{phase.value}")
            box.setMinimumWidth(box.sizeHint().width())  # whole, or the row goes under its label
            phase_row.addWidget(box)
            self.phase_boxes[phase.value] = box
        phases = QWidget()
        phases.setLayout(phase_row)
        phases.setAccessibleName(_("Phases"))
        self.rows.addRow(_("Phases"), self.form.checks("phases", self.phase_boxes, phases))

        self.situations = QListWidget()
        self.situations.setObjectName("capabilitySituations")
        self.situations.setAccessibleName(_("Situation types"))
        self.situations.setMaximumHeight(150)
        self.situations.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.situations.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows.addRow(_("Situation types"), self.form.checklist("situations", self.situations))
        self.notes = self.add_plain("notes", _("Notes"), lines=2)
        self.add_verified_row()

        self.delete_button = self.add_delete_row(
            "deleteCapability", _("Move the capability to the trash")
        )
        self.set_catalogues(catalogues)

    def set_catalogues(self, catalogues: Catalogues) -> None:
        """Fill the category and situation choices from the catalogues."""
        language = current_language()
        self.category.clear()
        self.category.addItem(_("Choose a category…"), None)
        for entry in catalogues.categories:
            self.category.addItem(entry.name(language), entry.key)
        self.situations.blockSignals(True)
        self.situations.clear()
        for entry in catalogues.situations:
            item = QListWidgetItem(entry.name(language))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.situations.addItem(item)
        self.situations.blockSignals(False)

    def set_contacts(self, people: tuple[ContactDetail, ...]) -> None:
        """The actor's contacts to choose from (keeping the choice shown)."""
        fill_people(self.contact, people, _("(nobody in particular)"))

    def _create(self, values: dict[str, Any]) -> CapabilityDetail:
        assert self.actor_id is not None
        return capabilities.add_capability(
            self._store, self.actor_id, cast(CapabilityFields, values)
        )
