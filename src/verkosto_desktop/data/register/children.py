"""The shared shape of an actor's child records (contacts, capabilities, facilities): created under
a live actor, changed field by field, moved to the trash and back, each change re-indexed."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from verkosto_desktop.data.models import Capability, Contact, Facility
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.data.recording import apply_change, get_any, get_live, keep_history, touch
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.register.actors import require_actor
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change

# The records that belong to an actor (each has an ``actor_id``).
M = TypeVar("M", Contact, Capability, Facility)
D = TypeVar("D")

Hook = Callable[[Session, Any, dict[str, Any]], None]
# (do the links differ from these values?, set the links to these values)
LinkRules = tuple[
    Callable[[Any, dict[str, Any]], bool], Callable[[Session, Any, dict[str, Any]], None]
]


def create_child(
    store: Store,
    model: type[M],
    actor_id: str,
    values: dict[str, Any],
    kind: ChangeKind,
    load: Callable[[M], D],
    before: Hook | None = None,
    after: Hook | None = None,
) -> D:
    """Add a child record to a live actor; ``before`` may adjust values, ``after`` links rows."""
    with store.write() as session:
        require_actor(session, actor_id)
        if before is not None:
            before(session, None, values)
        columns = {k: v for k, v in values.items() if k in model.__table__.columns}
        obj = model(actor_id=actor_id, **columns)
        session.add(obj)
        session.flush()
        if after is not None:
            after(session, obj, values)
        search_index.reindex(session, [actor_id])
        record_change(session, kind, obj.id)
        record_change(session, ChangeKind.ACTOR, actor_id)
        session.flush()
        return load(obj)


def update_child(
    store: Store,
    model: type[M],
    record_id: str,
    values: dict[str, Any],
    kind: ChangeKind,
    load: Callable[[M], D],
    before: Hook | None = None,
    links: LinkRules | None = None,
) -> D:
    """Change some fields of a live child record; ``links`` compares and sets its link rows."""
    with store.write() as session:
        obj = get_live(session, model, record_id)
        if before is not None:
            before(session, obj, values)
        table_columns = model.__table__.columns
        own = {k: v for k, v in values.items() if k in table_columns}
        relink = None
        if links is not None and links[0](obj, values):
            relink = partial(links[1], session, obj, values)
        if apply_change(session, obj, own, relink):
            actor_id = obj.actor_id
            session.flush()
            search_index.reindex(session, [actor_id])
            record_change(session, kind, obj.id)
            record_change(session, ChangeKind.ACTOR, actor_id)
        session.flush()
        return load(obj)


def set_child_deleted(
    store: Store, model: type[M], record_id: str, kind: ChangeKind, deleted: bool
) -> None:
    """Move a child record to the trash, or bring it back."""
    with store.write() as session:
        obj = get_any(session, model, record_id)
        if (obj.deleted_at is not None) == deleted:
            return
        if not deleted:
            require_actor(session, obj.actor_id)
        keep_history(session, obj)
        obj.deleted_at = utcnow() if deleted else None
        touch(obj)
        actor_id = obj.actor_id
        search_index.reindex(session, [actor_id])
        record_change(session, kind, obj.id)
        record_change(session, ChangeKind.ACTOR, actor_id)
