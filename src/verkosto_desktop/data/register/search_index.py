"""The full-text index: one document per live actor, holding every text a user may search for.

Phone numbers go in as digit tokens (every suffix of the national form plus the international
form), so that a prefix search on the digits typed finds a number written in any format.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import (
    Actor,
    Capability,
    CapabilityCategory,
    Contact,
    Facility,
    SearchDoc,
)
from verkosto_desktop.data.storage.schema_extras import SEARCH_TABLE
from verkosto_desktop.domain.phones import search_tokens

_CHUNK = 500


def _phones(*numbers: str | None) -> list[str]:
    tokens: list[str] = []
    for number in numbers:
        if number:
            tokens.extend(search_tokens(number))
    return tokens


def _join(parts: Iterable[str | None]) -> str:
    return " ".join(p for p in parts if p)


def _category_names(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(
            CapabilityCategory.key,
            CapabilityCategory.name_fi,
            CapabilityCategory.name_sv,
            CapabilityCategory.name_en,
        )
    )
    return {key: _join((fi, sv, en)) for key, fi, sv, en in rows}


def _documents(session: Session, actor_ids: list[str] | None) -> dict[str, tuple[str, str]]:
    """Search text and name sort key of each given live actor (all live actors when
    ``actor_ids`` is None)."""
    categories = _category_names(session)
    actor_query = select(
        Actor.id,
        Actor.name_key,
        Actor.name,
        Actor.area,
        Actor.description,
        Actor.basic_activity,
        Actor.address,
        Actor.email,
        Actor.website,
        Actor.phone,
    ).where(Actor.deleted_at.is_(None))
    contact_query = select(
        Contact.actor_id,
        Contact.name,
        Contact.role,
        Contact.email,
        Contact.radio,
        Contact.mobile,
        Contact.landline,
    ).where(Contact.deleted_at.is_(None))
    capability_query = select(
        Capability.actor_id,
        Capability.category_key,
        Capability.description,
        Capability.capacity_unit,
    ).where(Capability.deleted_at.is_(None))
    facility_query = select(
        Facility.actor_id,
        Facility.name,
        Facility.address,
        Facility.heating,
        Facility.backup_power_kind,
        Facility.notes,
    ).where(Facility.deleted_at.is_(None))
    if actor_ids is not None:
        actor_query = actor_query.where(Actor.id.in_(actor_ids))
        contact_query = contact_query.where(Contact.actor_id.in_(actor_ids))
        capability_query = capability_query.where(Capability.actor_id.in_(actor_ids))
        facility_query = facility_query.where(Facility.actor_id.in_(actor_ids))
    parts: dict[str, list[str]] = defaultdict(list)
    live: dict[str, str] = {}
    for row in session.execute(actor_query):
        live[row.id] = row.name_key
        parts[row.id].append(
            _join(
                (
                    row.name,
                    row.area,
                    row.description,
                    row.basic_activity,
                    row.address,
                    row.email,
                    row.website,
                )
            )
        )
        parts[row.id].extend(_phones(row.phone))
    for contact in session.execute(contact_query):
        parts[contact.actor_id].append(
            _join((contact.name, contact.role, contact.email, contact.radio))
        )
        parts[contact.actor_id].extend(_phones(contact.mobile, contact.landline))
    for offer in session.execute(capability_query):
        parts[offer.actor_id].append(
            _join((categories.get(offer.category_key, ""), offer.description, offer.capacity_unit))
        )
    for facility in session.execute(facility_query):
        parts[facility.actor_id].append(
            _join(
                (
                    facility.name,
                    facility.address,
                    facility.heating,
                    facility.backup_power_kind,
                    facility.notes,
                )
            )
        )
    return {actor_id: (" ".join(parts[actor_id]), key) for actor_id, key in live.items()}


def reindex(session: Session, actor_ids: Iterable[str]) -> None:
    """Rewrite the index documents of these actors (removing those deleted or erased).

    A few statements per 500 actors, so that an import renewing 10,000 stays quick and small."""
    ids = sorted(set(actor_ids))
    for start in range(0, len(ids), _CHUNK):
        _reindex_chunk(session, ids[start : start + _CHUNK])


def _reindex_chunk(session: Session, ids: list[str]) -> None:
    documents = _documents(session, ids)
    existing = dict(
        session.execute(
            select(SearchDoc.actor_id, SearchDoc.doc_id).where(SearchDoc.actor_id.in_(ids))
        ).all()
    )
    if existing:
        session.execute(
            text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :d"),
            [{"d": doc_id} for doc_id in existing.values()],
        )
    gone = [doc_id for actor_id, doc_id in existing.items() if actor_id not in documents]
    if gone:
        session.execute(
            delete(SearchDoc)
            .where(SearchDoc.doc_id.in_(gone))
            .execution_options(synchronize_session=False)
        )
    kept = [(existing[a], key) for a, (_body, key) in documents.items() if a in existing]
    if kept:
        session.execute(
            text("UPDATE search_doc SET name_key = :k WHERE doc_id = :d"),
            [{"d": doc_id, "k": key} for doc_id, key in kept],
        )
    fresh = [a for a in documents if a not in existing]
    if fresh:
        next_id = (session.scalar(select(func.max(SearchDoc.doc_id))) or 0) + 1
        fresh_ids = {actor_id: next_id + i for i, actor_id in enumerate(fresh)}
        session.execute(
            insert(SearchDoc),
            [
                {"doc_id": doc_id, "actor_id": actor_id, "name_key": documents[actor_id][1]}
                for actor_id, doc_id in fresh_ids.items()
            ],
        )
        existing.update(fresh_ids)
    if documents:
        session.execute(
            text(f"INSERT INTO {SEARCH_TABLE}(rowid, body) VALUES (:d, :b)"),
            [{"d": existing[a], "b": body} for a, (body, _key) in documents.items()],
        )


def rebuild(session: Session) -> int:
    """Rebuild the whole index from the register (after a bulk load); returns documents written."""
    session.execute(text(f"DELETE FROM {SEARCH_TABLE}"))
    session.execute(delete(SearchDoc))
    documents = _documents(session, None)
    rows = [
        {"d": i + 1, "a": actor_id, "b": body, "k": name_key}
        for i, (actor_id, (body, name_key)) in enumerate(documents.items())
    ]
    if rows:
        session.execute(
            insert(SearchDoc),
            [{"doc_id": r["d"], "actor_id": r["a"], "name_key": r["k"]} for r in rows],
        )
        session.execute(text(f"INSERT INTO {SEARCH_TABLE}(rowid, body) VALUES (:d, :b)"), rows)
    session.execute(text(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')"))
    return len(rows)


def purge_old_tokens(session: Session) -> None:
    """Merge the index so that deleted documents' tokens leave the file (used by erasure)."""
    session.execute(text(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')"))
