"""Operations on premises (facilities) an actor can open in a crisis."""

from __future__ import annotations

from verkosto_desktop.data.details import FacilityDetail, from_model
from verkosto_desktop.data.models import Facility
from verkosto_desktop.data.register.children import create_child, set_child_deleted, update_child
from verkosto_desktop.data.storage.store import ChangeKind, Store
from verkosto_desktop.domain.records import FACILITY_FIELDS, clean
from verkosto_desktop.domain.writes import FacilityFields


def _load(facility: Facility) -> FacilityDetail:
    return from_model(FacilityDetail, facility)


def add_facility(store: Store, actor_id: str, fields: FacilityFields) -> FacilityDetail:
    """Add premises to an actor."""
    values = clean(FACILITY_FIELDS, {"name": fields.get("name"), **fields})
    return create_child(store, Facility, actor_id, values, ChangeKind.FACILITY, _load)


def update_facility(store: Store, facility_id: str, fields: FacilityFields) -> FacilityDetail:
    """Change some fields of a facility."""
    values = clean(FACILITY_FIELDS, fields)
    return update_child(store, Facility, facility_id, values, ChangeKind.FACILITY, _load)


def delete_facility(store: Store, facility_id: str) -> None:
    """Move a facility to the trash."""
    set_child_deleted(store, Facility, facility_id, ChangeKind.FACILITY, True)


def restore_facility(store: Store, facility_id: str) -> None:
    """Bring a facility back from the trash."""
    set_child_deleted(store, Facility, facility_id, ChangeKind.FACILITY, False)
