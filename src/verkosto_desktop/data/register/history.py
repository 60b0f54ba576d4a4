"""Past versions of a record: list them (when, by whom, what changed) and restore one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.models import Actor, Capability, Contact, Facility, History, Record
from verkosto_desktop.data.recording import keep_history, touch
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.i18n import _

MODELS: dict[str, type[Record]] = {
    ChangeKind.ACTOR: Actor,
    ChangeKind.CONTACT: Contact,
    ChangeKind.CAPABILITY: Capability,
    ChangeKind.FACILITY: Facility,
}
# Fields that are bookkeeping, not content: never shown as "what changed", never restored.
_BOOKKEEPING = {"id", "created_at", "updated_at", "updated_by", "revision", "name_key", "actor_id"}


@dataclass(frozen=True)
class Version:
    """One version of a record and how it differed from the version before it."""

    history_id: int | None  # None for the current version
    revision: int
    saved_at: datetime
    saved_by: str
    changed_fields: tuple[str, ...]
    data: dict[str, Any]


def _current_data(obj: Record) -> dict[str, Any]:
    return obj.snapshot()


def versions(store: Store, entity: str, record_id: str) -> list[Version]:
    """Every version of a record, newest first, each with the fields changed from the one before."""
    model = MODELS[entity]
    with store.read() as session:
        obj = session.get(model, record_id)
        if obj is None:
            raise NotFound(_("The record no longer exists (it may have been deleted or erased)."))
        snapshots: list[tuple[int | None, dict[str, Any]]] = [
            (h.id, h.data)
            for h in session.scalars(
                select(History)
                .where(History.entity == model.__tablename__, History.record_id == record_id)
                .order_by(History.revision, History.id)
            )
        ]
        snapshots.append((None, _current_data(obj)))
    result: list[Version] = []
    previous: dict[str, Any] | None = None
    for history_id, data in snapshots:
        if previous is None:
            changed: tuple[str, ...] = ()
        else:
            changed = tuple(
                sorted(
                    key
                    for key in set(data) | set(previous)
                    if key not in _BOOKKEEPING and data.get(key) != previous.get(key)
                )
            )
        result.append(
            Version(
                history_id=history_id,
                revision=int(data.get("revision") or 0),
                saved_at=datetime.fromisoformat(data["updated_at"]),
                saved_by=str(data.get("updated_by") or ""),
                changed_fields=changed,
                data=data,
            )
        )
        previous = data
    result.reverse()
    return result


def _restorable(model: type[Record], data: dict[str, Any]) -> dict[str, Any]:
    columns = model.__table__.columns
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in _BOOKKEEPING or key not in columns:
            continue
        column = columns[key]
        python_type = getattr(column.type, "python_type", None) if key != "deleted_at" else None
        if value is not None and key.endswith("_on"):
            value = date.fromisoformat(value)
        elif value is not None and (key.endswith("_at") or python_type is datetime):
            value = datetime.fromisoformat(value)
        values[key] = value
    return values


def put_back(session: Session, obj: Record, data: dict[str, Any]) -> str:
    """Make the version ``data`` (a history snapshot) current again as a new revision, the
    present one kept in the history; returns the id of the actor whose index needs renewing."""
    keep_history(session, obj)
    for key, value in _restorable(type(obj), data).items():
        setattr(obj, key, value)
    if isinstance(obj, Actor | Contact):
        obj.name_key = sort_key(obj.name)
    if isinstance(obj, Capability):
        from verkosto_desktop.data.register.capabilities import _set_links

        _set_links(
            session,
            obj,
            {"phases": data.get("phases", []), "situations": data.get("situations", [])},
        )
    touch(obj)
    if isinstance(obj, Actor):
        return obj.id
    assert isinstance(obj, Contact | Capability | Facility)  # the records that can be put back
    return obj.actor_id


def restore_version(store: Store, entity: str, record_id: str, history_id: int) -> None:
    """Make an old version current again (as a new revision; the present one goes to history)."""
    model = MODELS[entity]
    with store.write() as session:
        obj = session.get(model, record_id)
        snapshot = session.get(History, history_id)
        if obj is None or snapshot is None or snapshot.record_id != record_id:
            raise NotFound(_("That version no longer exists."))
        actor_id = put_back(session, obj, snapshot.data)
        session.flush()
        search_index.reindex(session, [actor_id])
        record_change(session, ChangeKind(entity), record_id)
        record_change(session, ChangeKind.ACTOR, actor_id)
