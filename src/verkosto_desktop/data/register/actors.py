"""Operations on actors, and the actor detail the editor shows. Each operation commits at once,
keeps the previous version in the history, and reports what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.details import (
    ActorDetail,
    CapabilityDetail,
    ContactDetail,
    FacilityDetail,
    from_model,
)
from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.models import Actor, Capability, Contact, Facility, MembershipChange
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.recording import apply_change, get_any, get_live, keep_history, touch
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.clock import local_today
from verkosto_desktop.domain.collation import finnish_sorted, sort_key
from verkosto_desktop.domain.records import ACTOR_FIELDS, clean
from verkosto_desktop.domain.writes import ActorFields
from verkosto_desktop.i18n import _


def today() -> date:
    """Today's date where the user is (what "verified today" records)."""
    return local_today()


def load_actor(session: Session, actor_id: str, include_deleted: bool = False) -> ActorDetail:
    """The actor with its live contacts, capabilities and facilities."""
    actor = (
        get_any(session, Actor, actor_id) if include_deleted else get_live(session, Actor, actor_id)
    )
    contacts = finnish_sorted(
        (c for c in actor.contacts if c.deleted_at is None), key=lambda c: c.name
    )
    contacts.sort(key=lambda c: not c.is_primary)
    capabilities = [c for c in actor.capabilities if c.deleted_at is None]
    capabilities.sort(key=lambda c: (c.category_key, sort_key(c.description)))
    facilities = finnish_sorted(
        (f for f in actor.facilities if f.deleted_at is None), key=lambda f: f.name
    )
    return from_model(
        ActorDetail,
        actor,
        contacts=tuple(from_model(ContactDetail, c) for c in contacts),
        capabilities=tuple(
            from_model(CapabilityDetail, c, phases=tuple(c.phases), situations=tuple(c.situations))
            for c in capabilities
        ),
        facilities=tuple(from_model(FacilityDetail, f) for f in facilities),
    )


def get_actor(store: Store, actor_id: str, include_deleted: bool = False) -> ActorDetail:
    """Everything the editor shows about one actor; ``NotFound`` if it is gone."""
    with store.read() as session:
        return load_actor(session, actor_id, include_deleted)


def _membership_change(session: Session, actor: Actor, values: dict[str, Any]) -> None:
    status = values.get("membership_status")
    if status is None or status == actor.membership_status:
        return
    changed_on = values.get("membership_changed_on") or today()
    values["membership_changed_on"] = changed_on
    session.add(
        MembershipChange(
            actor_id=actor.id,
            status=status,
            changed_on=changed_on,
            invited_by_id=values.get("invited_by_id", actor.invited_by_id),
        )
    )


def create_actor(store: Store, fields: ActorFields) -> ActorDetail:
    """Add an actor; ``fields`` must hold at least a name. Raises ``ValidationError``."""
    values = clean(ACTOR_FIELDS, {"name": fields.get("name"), **fields})
    with store.write() as session:
        actor = Actor(**values)
        actor.name_key = sort_key(actor.name)
        session.add(actor)
        session.flush()
        session.add(
            MembershipChange(
                actor_id=actor.id,
                status=actor.membership_status,
                changed_on=values.get("membership_changed_on") or today(),
                invited_by_id=actor.invited_by_id,
            )
        )
        search_index.reindex(session, [actor.id])
        record_change(session, ChangeKind.ACTOR, actor.id)
        return load_actor(session, actor.id)


def update_actor(store: Store, actor_id: str, fields: ActorFields) -> ActorDetail:
    """Change some fields of an actor (only those given). Raises ``ValidationError``."""
    values = clean(ACTOR_FIELDS, fields)
    with store.write() as session:
        actor = get_live(session, Actor, actor_id)
        _membership_change(session, actor, values)
        if "name" in values:
            values["name_key"] = sort_key(values["name"])
        if apply_change(session, actor, values):
            search_index.reindex(session, [actor.id])
            record_change(session, ChangeKind.ACTOR, actor.id)
        return load_actor(session, actor.id)


def _set_deleted(store: Store, actor_id: str, deleted: bool) -> None:
    with store.write() as session:
        actor = get_any(session, Actor, actor_id)
        if (actor.deleted_at is not None) == deleted:
            return
        keep_history(session, actor)
        actor.deleted_at = utcnow() if deleted else None
        touch(actor)
        search_index.reindex(session, [actor.id])
        record_change(session, ChangeKind.ACTOR, actor.id)


def delete_actor(store: Store, actor_id: str) -> None:
    """Move an actor to the trash (it can be restored)."""
    _set_deleted(store, actor_id, True)


def restore_actor(store: Store, actor_id: str) -> None:
    """Bring an actor back from the trash."""
    _set_deleted(store, actor_id, False)


def mark_actor_verified(store: Store, actor_id: str, on: date | None = None) -> ActorDetail:
    """Record that the actor's details were checked (today unless ``on`` is given)."""
    return update_actor(store, actor_id, {"last_verified_on": on or today()})


@dataclass(frozen=True)
class TrashRow:
    """A record in the trash."""

    kind: str  # "actor", "contact", "capability" or "facility"
    id: str
    name: str
    actor_name: str
    deleted_at: datetime


def trash(store: Store) -> list[TrashRow]:
    """Everything in the trash, newest first."""
    rows: list[TrashRow] = []
    with store.read() as session:
        for actor in session.scalars(select(Actor).where(Actor.deleted_at.is_not(None))):
            assert actor.deleted_at is not None
            rows.append(TrashRow("actor", actor.id, actor.name, "", actor.deleted_at))
        rows += _trashed(session, Contact, "contact", "name")
        rows += _trashed(session, Facility, "facility", "name")
        rows += _trashed(session, Capability, "capability", "description")
    rows.sort(key=lambda r: r.deleted_at, reverse=True)
    return rows


Child = TypeVar("Child", Contact, Facility, Capability)


def _trashed(session: Session, model: type[Child], kind: str, label: str) -> list[TrashRow]:
    query = (
        select(model, Actor.name)
        .join(Actor, Actor.id == model.actor_id)
        .where(model.deleted_at.is_not(None))
    )
    return [
        TrashRow(kind, obj.id, getattr(obj, label), actor_name, obj.deleted_at)
        for obj, actor_name in session.execute(query)
        if obj.deleted_at is not None
    ]


def actor_names(store: Store) -> list[tuple[str, str]]:
    """(id, name) of every live actor in Finnish order, for choosers."""
    with store.read() as session:
        rows = session.execute(
            select(Actor.id, Actor.name).where(Actor.deleted_at.is_(None)).order_by(Actor.name_key)
        )
        return [(actor_id, name) for actor_id, name in rows]


def require_actor(session: Session, actor_id: str) -> Actor:
    """The live actor or ``NotFound``."""
    actor = session.get(Actor, actor_id)
    if actor is None or actor.deleted_at is not None:
        raise NotFound(_("The actor no longer exists."))
    return actor
