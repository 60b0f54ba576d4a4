"""Data-protection requests about one person: export everything stored, or erase it for good.

Erasure removes the contact row, every past version of it, its search-index tokens and any call
results about it; ``secure_delete`` zeroes the freed pages and the WAL is checkpointed and
truncated, so the name can no longer be found in the file's bytes. The erasure itself is logged
with the record id only, so that a later restore or import can apply it again.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.exchange.erased import remember_erased
from verkosto_desktop.data.models import (
    Actor,
    CallRoundEntry,
    Capability,
    Contact,
    Erasure,
    Facility,
    History,
)
from verkosto_desktop.data.models.types import device_user
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.i18n import _


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_person(store: Store, contact_id: str) -> dict[str, Any]:
    """Everything stored about one contact person: the record, its past versions, the actor it
    belongs to, and where it is referred to (capabilities, facilities, call rounds)."""
    with store.read() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFound(_("The person is not in this file (perhaps already erased)."))
        actor = session.get(Actor, contact.actor_id)
        past = [
            {"revision": h.revision, "replaced_at": _plain(h.replaced_at), "data": h.data}
            for h in session.scalars(
                select(History)
                .where(History.entity == "contact", History.record_id == contact_id)
                .order_by(History.revision)
            )
        ]
        capabilities = [
            {"id": c.id, "category": c.category_key, "description": c.description}
            for c in session.scalars(select(Capability).where(Capability.contact_id == contact_id))
        ]
        facilities = [
            {"id": f.id, "name": f.name}
            for f in session.scalars(select(Facility).where(Facility.key_holder_id == contact_id))
        ]
        calls = [
            {
                "call_round_id": e.call_round_id,
                "result": e.result,
                "note": e.note,
                "called_at": _plain(e.called_at),
            }
            for e in session.scalars(
                select(CallRoundEntry).where(CallRoundEntry.contact_id == contact_id)
            )
        ]
        return {
            "format": "verkosto-person-export/1",
            "exported_at": _plain(datetime.now().astimezone()),
            "person": {k: _plain(v) for k, v in contact.snapshot().items()},
            "organisation": {"id": actor.id, "name": actor.name} if actor else None,
            "previous_versions": past,
            "contact_person_for_capabilities": capabilities,
            "key_holder_for_facilities": facilities,
            "call_round_results": calls,
        }


def export_person_json(store: Store, contact_id: str) -> str:
    """``export_person`` as indented JSON text, ready to hand over."""
    return json.dumps(export_person(store, contact_id), ensure_ascii=False, indent=2)


def _erase_rows(session: Any, contact_ids: list[str]) -> set[str]:
    remember_erased(session, contact_ids)  # an import never brings these people back
    actor_ids = set(session.scalars(select(Contact.actor_id).where(Contact.id.in_(contact_ids))))
    session.execute(
        update(Capability).where(Capability.contact_id.in_(contact_ids)).values(contact_id=None)
    )
    session.execute(
        update(Facility).where(Facility.key_holder_id.in_(contact_ids)).values(key_holder_id=None)
    )
    session.execute(delete(CallRoundEntry).where(CallRoundEntry.contact_id.in_(contact_ids)))
    session.execute(
        delete(History).where(History.entity == "contact", History.record_id.in_(contact_ids))
    )
    session.execute(delete(Contact).where(Contact.id.in_(contact_ids)))
    return actor_ids


def erase_person(store: Store, contact_id: str) -> None:
    """Erase a contact person permanently (cannot be undone). See the module docstring."""
    with store.write() as session:
        if session.get(Contact, contact_id) is None:
            raise NotFound(_("The person is not in this file (perhaps already erased)."))
        actor_ids = _erase_rows(session, [contact_id])
        session.add(Erasure(entity="contact", record_id=contact_id, erased_by=device_user()))
        session.flush()
        search_index.reindex(session, actor_ids)
        search_index.purge_old_tokens(session)
        record_change(session, ChangeKind.CONTACT, contact_id)
        record_change(session, ChangeKind.ACTOR, *actor_ids)
    store.checkpoint()


def erased_ids(store: Store) -> list[tuple[str, str]]:
    """(entity, record id) of every erasure made in this file, oldest first."""
    with store.read() as session:
        rows = session.execute(select(Erasure.entity, Erasure.record_id).order_by(Erasure.id))
        return [(entity, record_id) for entity, record_id in rows]


def erase_in_session(session: Any, contact_ids: list[str]) -> list[str]:
    """Erase whichever of ``contact_ids`` are present, inside the caller's write session (an
    erasure received in a bundle); returns those that were present."""
    present = list(session.scalars(select(Contact.id).where(Contact.id.in_(contact_ids))))
    if present:
        actor_ids = _erase_rows(session, present)
        session.flush()
        search_index.reindex(session, actor_ids)
        search_index.purge_old_tokens(session)
        record_change(session, ChangeKind.CONTACT, *present)
        record_change(session, ChangeKind.ACTOR, *actor_ids)
    return present


def reapply_erasures(store: Store, erasures: list[tuple[str, str]]) -> int:
    """Erase again whatever of ``erasures`` is present (after a restore or an import).

    Returns how many records were erased again.
    """
    contact_ids = [record_id for entity, record_id in erasures if entity == "contact"]
    with store.write() as session:
        known = set(
            session.scalars(select(Erasure.record_id).where(Erasure.record_id.in_(contact_ids)))
        )
        for record_id in contact_ids:
            if record_id not in known:
                session.add(Erasure(entity="contact", record_id=record_id, erased_by=device_user()))
        present = erase_in_session(session, contact_ids)
    if present:
        store.checkpoint()
    return len(present)
