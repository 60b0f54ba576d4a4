"""Operations on capabilities: what an actor can offer, in which phases and disruptions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.details import CapabilityDetail, from_model
from verkosto_desktop.data.models import (
    Capability,
    CapabilityCategory,
    CapabilityPhase,
    CapabilitySituation,
    SituationType,
)
from verkosto_desktop.data.register.children import create_child, set_child_deleted, update_child
from verkosto_desktop.data.storage.store import ChangeKind, Store
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.records import CAPABILITY_FIELDS, clean
from verkosto_desktop.domain.writes import CapabilityFields
from verkosto_desktop.i18n import _


def _load(capability: Capability) -> CapabilityDetail:
    return from_model(
        CapabilityDetail,
        capability,
        phases=tuple(capability.phases),
        situations=tuple(capability.situations),
    )


def _check_keys(session: Session, capability: Capability | None, values: dict[str, Any]) -> None:
    if "category_key" in values or capability is None:
        key = values.get("category_key") or ""
        if session.get(CapabilityCategory, key) is None:
            raise ValidationError("category_key", _("Choose a capability category"))
    if "situations" in values:
        known = set(session.scalars(select(SituationType.key)))
        unknown = sorted(set(values["situations"]) - known)
        if unknown:
            raise ValidationError(
                "situations",
                _("Unknown situation type: {keys}").format(keys=", ".join(unknown)),
            )


def _links_differ(capability: Capability, values: dict[str, Any]) -> bool:
    return ("phases" in values and list(values["phases"]) != capability.phases) or (
        "situations" in values and list(values["situations"]) != capability.situations
    )


def _set_links(session: Session, capability: Capability, values: dict[str, Any]) -> None:
    if "phases" in values:
        capability.phase_links = [CapabilityPhase(phase=p) for p in values["phases"]]
    if "situations" in values:
        capability.situation_links = [
            CapabilitySituation(situation_key=s) for s in values["situations"]
        ]
    session.flush()


def add_capability(store: Store, actor_id: str, fields: CapabilityFields) -> CapabilityDetail:
    """Add a capability to an actor. ``fields`` may hold ``phases`` and ``situations`` (keys)."""
    values = clean(CAPABILITY_FIELDS, fields)
    return create_child(
        store,
        Capability,
        actor_id,
        values,
        ChangeKind.CAPABILITY,
        _load,
        before=_check_keys,
        after=_set_links,
    )


def update_capability(
    store: Store, capability_id: str, fields: CapabilityFields
) -> CapabilityDetail:
    """Change some fields of a capability, its phases or its situation types."""
    values = clean(CAPABILITY_FIELDS, fields)
    return update_child(
        store,
        Capability,
        capability_id,
        values,
        ChangeKind.CAPABILITY,
        _load,
        before=_check_keys,
        links=(_links_differ, _set_links),
    )


def delete_capability(store: Store, capability_id: str) -> None:
    """Move a capability to the trash."""
    set_child_deleted(store, Capability, capability_id, ChangeKind.CAPABILITY, True)


def restore_capability(store: Store, capability_id: str) -> None:
    """Bring a capability back from the trash."""
    set_child_deleted(store, Capability, capability_id, ChangeKind.CAPABILITY, False)
