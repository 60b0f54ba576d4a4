"""The actor's own fields: name, kind, area, membership, how to reach the organisation, and what
it does every day. A new actor is a draft until it has a name."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter

from verkosto_desktop.data import actors
from verkosto_desktop.data.search import areas
from verkosto_desktop.data.store import Store
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.register.record_form import RecordForm

NEW_ACTOR_DEFAULTS: dict[str, Any] = {
    "kind": ActorKind.ASSOCIATION.value,
    "membership_status": MembershipStatus.MEMBER.value,
}


class ActorDetailsForm(RecordForm):
    """Edits one actor; ``form.record_id`` is None while it is a new, unsaved one."""

    def __init__(self, store: Store) -> None:
        super().__init__(
            save=lambda actor_id, values: actors.update_actor(store, actor_id, values),
            create=lambda values: actors.create_actor(store, values),
            required="name",
        )
        self._store = store
        self.name = self.add_line("name", _("Name"), name="actorName")
        self.kind = self.add_combo("kind", _("Kind"), [(k.label(), k.value) for k in ActorKind])
        self.area = self.add_line("area", _("Area"), name="actorArea")
        self._areas = QCompleter([], self.area)
        self._areas.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.area.setCompleter(self._areas)
        self.membership = self.add_combo(
            "membership_status",
            _("Membership"),
            [(s.label(), s.value) for s in MembershipStatus],
        )
        self.phone = self.add_phone("phone", _("Phone"), name="actorPhone")
        self.email = self.add_line(
            "email",
            _("E-mail"),
            placeholder=_("e.g. {example}").format(example="toimisto@example.fi"),
        )
        self.website = self.add_line("website", _("Website"))
        self.address = self.add_line("address", _("Address"))
        self.basic_activity = self.add_plain("basic_activity", _("Everyday activity"))
        self.description = self.add_plain("description", _("Description"))
        self.notes = self.add_plain("notes", _("Notes"), lines=2)

    def reload_areas(self) -> None:
        """Offer the areas already in use as the user types one."""
        model = self._areas.model()
        if hasattr(model, "setStringList"):
            model.setStringList(areas(self._store))
