"""Every change keeps the previous version: snapshot, then apply, then bump the revision."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.models import History, Record, Tracked
from verkosto_desktop.data.models.register import CatalogueEntry
from verkosto_desktop.data.models.types import device_user, utcnow
from verkosto_desktop.data.storage.store import ChangeKind, record_change
from verkosto_desktop.i18n import _

T = TypeVar("T", bound=Tracked)


def record_key(obj: Tracked) -> str:
    """The record's key: its UUID, or the catalogue key for catalogue entries."""
    if isinstance(obj, Record):
        return obj.id
    if isinstance(obj, CatalogueEntry):
        return obj.key
    raise TypeError(f"{type(obj).__name__} has no key")


def keep_history(session: Session, obj: Tracked) -> None:
    """Write the record's current version to the history table (before it is changed)."""
    session.add(
        History(
            entity=obj.__tablename__,
            record_id=record_key(obj),
            revision=obj.revision,
            data=obj.snapshot(),
        )
    )


def touch(obj: Tracked) -> None:
    """Mark the record as changed now, by this device and user."""
    obj.revision = (obj.revision or 0) + 1
    obj.updated_at = utcnow()
    obj.updated_by = device_user()


def differing(obj: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """The subset of ``values`` that differs from what ``obj`` holds now."""
    return {name: value for name, value in values.items() if getattr(obj, name) != value}


def apply_change(
    session: Session,
    obj: T,
    values: Mapping[str, Any],
    relink: Callable[[], None] | None = None,
) -> bool:
    """Keep history, set ``values`` and bump the revision, if anything differs. ``relink`` is
    given when the record's link rows (attendance, situation types, phases) differ too: it
    replaces them as part of the same change. True if changed."""
    changes = differing(obj, values)
    if not changes and relink is None:
        return False
    keep_history(session, obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    if relink is not None:
        relink()
    touch(obj)
    return True


def move_to_trash(session: Session, model: type[T], key: str, kind: ChangeKind) -> T:
    """Put a live record in the trash (its history kept) and report the change as ``kind``;
    ``NotFound`` when it is already gone."""
    obj = get_live(session, model, key)
    apply_change(session, obj, {"deleted_at": utcnow()})
    record_change(session, kind, record_key(obj))
    return obj


def get_live(session: Session, model: type[T], key: str) -> T:
    """Fetch a record that exists and is not in the trash; ``NotFound`` otherwise."""
    obj = session.get(model, key)
    if obj is None or obj.deleted_at is not None:
        raise NotFound(_("The record no longer exists (it may have been deleted or erased)."))
    return obj


def get_any(session: Session, model: type[T], key: str) -> T:
    """Fetch a record whether or not it is in the trash; ``NotFound`` if it does not exist."""
    obj = session.get(model, key)
    if obj is None:
        raise NotFound(_("The record no longer exists."))
    return obj
