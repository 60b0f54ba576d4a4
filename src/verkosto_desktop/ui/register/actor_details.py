"""The actor's own fields: name, kind, area, membership, how to reach the organisation, and what
it does every day. A new actor is a draft until it has a name and a chosen membership."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLabel

from verkosto_desktop.data.details import ActorDetail
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.register.search import areas
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.enums import ActorKind, MembershipStatus
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.domain.writes import ActorFields
from verkosto_desktop.i18n import _
from verkosto_desktop.ui.register.record_form import RecordForm

# A new actor's membership is chosen, never assumed: it is saved once one is chosen.
NEW_ACTOR_DEFAULTS: dict[str, Any] = {
    "kind": ActorKind.ASSOCIATION.value,
    "membership_status": None,
}


def _chosen_membership(values: Mapping[str, Any]) -> ActorFields:
    if "membership_status" in values and not values["membership_status"]:
        raise ValidationError(
            "membership_status",
            _("Choose the membership (member, candidate, invited…) to save the new actor."),
        )
    return cast(ActorFields, values)


class ActorDetailsForm(RecordForm):
    """Edits one actor; ``form.record_id`` is None while it is a new, unsaved one."""

    def __init__(self, store: Store) -> None:
        super().__init__(
            # The keys are this form's field names; tests/gui/test_form_fields.py checks them.
            save=lambda actor_id, values: actors.update_actor(
                store, actor_id, _chosen_membership(values)
            ),
            create=lambda values: actors.create_actor(store, _chosen_membership(values)),
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
            [(_("Choose…"), None), *((s.label(), s.value) for s in MembershipStatus)],
        )
        self.membership_changed = QLabel()
        self.membership_changed.setObjectName("membershipChanged")
        self.rows.addRow(_("Membership changed"), self.membership_changed)
        self._names: dict[str, str] | None = None  # id → name, read when first needed
        self.invited_by = self.add_line(
            "invited_by_id",
            _("Invited by"),
            name="actorInvitedBy",
            placeholder=_("the actor that invited this one to the network"),
            display=self._name_of,
            parse=self._id_of,
        )
        self._actor_names = QCompleter([], self.invited_by)
        self._actor_names.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._actor_names.setFilterMode(Qt.MatchFlag.MatchContains)
        self.invited_by.setCompleter(self._actor_names)
        for edit in (self.area, self.invited_by):
            edit.installEventFilter(self)
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

    def show_actor_extras(self, detail: ActorDetail | None) -> None:
        """What the form shows but the user does not type (set by the data layer)."""
        changed = detail.membership_changed_on if detail else None
        self.membership_changed.setText(format_date(changed) if changed else "")

    def forget_names(self) -> None:
        """Actors were added, renamed or removed: read the names again when next needed."""
        self._names = None

    def _actor_name_map(self) -> dict[str, str]:
        if self._names is None:
            self._names = dict(actors.actor_names(self._store))
        return self._names

    def _name_of(self, actor_id: Any) -> str:
        if not actor_id:
            return ""
        return self._actor_name_map().get(str(actor_id), "")

    def _id_of(self, text: str, field: str) -> str | None:
        name = text.strip()
        if not name:
            return None
        folded = name.casefold()
        for actor_id, actor_name in self._actor_name_map().items():
            if actor_name.casefold() == folded:
                return actor_id
        raise ValidationError(field, _("No actor is called {name}").format(name=name))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Suggestions are read when the field is entered, so they include the latest actors.
        if event.type() == QEvent.Type.FocusIn:
            if watched is self.area:
                self.reload_areas()
            elif watched is self.invited_by:
                model = self._actor_names.model()
                if isinstance(model, QStringListModel):
                    model.setStringList(sorted(self._actor_name_map().values(), key=sort_key))
        return super().eventFilter(watched, event)

    def reload_areas(self) -> None:
        """Offer the areas already in use as the user types one."""
        model = self._areas.model()
        if isinstance(model, QStringListModel):
            model.setStringList(areas(self._store))
