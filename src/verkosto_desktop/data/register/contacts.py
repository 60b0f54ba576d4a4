"""Operations on contact persons."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.details import ContactDetail, from_model
from verkosto_desktop.data.models import Contact
from verkosto_desktop.data.recording import apply_change
from verkosto_desktop.data.register.actors import today
from verkosto_desktop.data.register.children import create_child, set_child_deleted, update_child
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.records import CONTACT_FIELDS, clean
from verkosto_desktop.domain.writes import ContactFields


def _load(contact: Contact) -> ContactDetail:
    return from_model(ContactDetail, contact)


def _before(session: Session, contact: Contact | None, values: dict[str, Any]) -> None:
    if "name" in values:
        values["name_key"] = sort_key(values["name"])
    if values.get("is_primary"):
        actor_id = values.get("actor_id") or (contact.actor_id if contact else None)
        if actor_id is None:
            return
        # Only one primary contact per actor: the others step down (each change in history).
        others = session.scalars(
            select(Contact).where(
                Contact.actor_id == actor_id,
                Contact.is_primary.is_(True),
                Contact.deleted_at.is_(None),
            )
        )
        for other in others:
            if contact is None or other.id != contact.id:
                apply_change(session, other, {"is_primary": False})
                record_change(session, ChangeKind.CONTACT, other.id)


def add_contact(store: Store, actor_id: str, fields: ContactFields) -> ContactDetail:
    """Add a contact person to an actor. Raises ``ValidationError`` (e.g. a bad phone number)."""
    values = clean(CONTACT_FIELDS, {"name": fields.get("name"), **fields})
    values["actor_id"] = actor_id

    def before(session: Session, _obj: None, vals: dict[str, Any]) -> None:
        _before(session, None, vals)
        vals.pop("actor_id", None)

    return create_child(store, Contact, actor_id, values, ChangeKind.CONTACT, _load, before=before)


def update_contact(store: Store, contact_id: str, fields: ContactFields) -> ContactDetail:
    """Change some fields of a contact (only those given)."""
    values = clean(CONTACT_FIELDS, fields)
    return update_child(
        store, Contact, contact_id, values, ChangeKind.CONTACT, _load, before=_before
    )


def delete_contact(store: Store, contact_id: str) -> None:
    """Move a contact to the trash (it can be restored)."""
    set_child_deleted(store, Contact, contact_id, ChangeKind.CONTACT, True)


def restore_contact(store: Store, contact_id: str) -> None:
    """Bring a contact back from the trash."""
    set_child_deleted(store, Contact, contact_id, ChangeKind.CONTACT, False)


def mark_contact_verified(store: Store, contact_id: str, on: date | None = None) -> ContactDetail:
    """Record that the contact's details were checked (today unless ``on`` is given)."""
    return update_contact(store, contact_id, {"last_verified_on": on or today()})


def get_contact(store: Store, contact_id: str) -> ContactDetail:
    """One contact, live or in the trash."""
    from verkosto_desktop.data.recording import get_any

    with store.read() as session:
        return _load(get_any(session, Contact, contact_id))
