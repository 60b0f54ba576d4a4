"""One primary contact per actor, also after a merge.

On one laptop, making a contact primary steps the actor's other primary down in the same edit
(``register.contacts``). Two laptops that each made a different contact primary would, merged
field by field, hold two: the register and the contact sheet would each pick one, whom to call
perhaps another. After every merge on a laptop, an actor with more than one live primary contact
keeps the one made primary last and the others step down, as an edit of this laptop that travels
like any other. "Last" is the highest stamp of the contact's ``is_primary`` change or, for a
contact first shared primary, of its snapshot; a contact made here and not yet shared has no
stamp yet and counts as the latest, because it will be shared with a stamp above everything this
laptop has received. The contact id breaks a tie. Every laptop decides from the same stamps, so
they all keep the same contact, and their step-downs agree (same value: no conflict).

A neighbour's records held read-only are left as they are: their own laptops settle them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.exchange import networks
from verkosto_desktop.data.exchange.changes import CHANGES, write_local
from verkosto_desktop.data.exchange.hlc import SelfSite
from verkosto_desktop.data.models import Contact
from verkosto_desktop.data.recording import apply_change
from verkosto_desktop.data.storage.store import ChangeKind, record_change
from verkosto_desktop.domain.merge_rules import SNAPSHOT

_CHUNK = 500
_NOT_SHARED_YET = 1 << 62  # above any stamp: it will be sealed above all this file has seen


def _live_primary(actor_ids: Sequence[str]) -> ColumnElement[bool]:
    return and_(
        Contact.actor_id.in_(actor_ids),
        Contact.is_primary.is_(True),
        Contact.deleted_at.is_(None),
    )


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _with_two_primaries(session: Session, actor_ids: Sequence[str]) -> list[str]:
    found: list[str] = []
    for chunk in _chunks(actor_ids):
        found += session.scalars(
            select(Contact.actor_id)
            .where(_live_primary(chunk))
            .group_by(Contact.actor_id)
            .having(func.count() > 1)
        ).all()
    return found


def _primaries_of(session: Session, actor_ids: Sequence[str]) -> dict[str, list[Contact]]:
    found: dict[str, list[Contact]] = defaultdict(list)
    for chunk in _chunks(actor_ids):
        contacts = session.scalars(
            select(Contact)
            .where(_live_primary(chunk))
            .execution_options(populate_existing=True)  # the merge wrote them with Core
        )
        for contact in contacts:
            found[contact.actor_id].append(contact)
    return found


def _made_primary_at(session: Session, contact_ids: Sequence[str]) -> dict[str, int]:
    stamps: dict[str, int] = {}
    for chunk in _chunks(contact_ids):
        rows = session.execute(
            select(CHANGES.c.record_id, func.max(CHANGES.c.hlc))
            .where(
                CHANGES.c.entity == "contact",
                CHANGES.c.record_id.in_(chunk),
                CHANGES.c.field.in_(("is_primary", SNAPSHOT)),
            )
            .group_by(CHANGES.c.record_id)
        )
        stamps.update({str(record_id): int(stamp) for record_id, stamp in rows})
    return stamps


def settle_primaries(session: Session, site: SelfSite, actor_ids: Iterable[str]) -> list[str]:
    """Step down all but the latest primary contact of each of ``actor_ids`` that has more than
    one (recorded as this site's change); returns the ids of the contacts stepped down."""
    doubled = _with_two_primaries(session, sorted(set(actor_ids)))
    if not doubled:
        return []
    connection = session.connection()
    own = networks.own_network(connection)
    if own:
        held = networks.record_networks(connection, "actor", doubled)
        doubled = [a for a in doubled if held.get(a, "") in ("", own)]
    primaries = _primaries_of(session, doubled)
    stamps = _made_primary_at(session, [c.id for found in primaries.values() for c in found])
    stepped: dict[tuple[str, str, str], Any] = {}
    for found in primaries.values():
        keeper = max(found, key=lambda c: (stamps.get(c.id, _NOT_SHARED_YET), c.id))
        for contact in found:
            if contact is not keeper:
                apply_change(session, contact, {"is_primary": False})
                stepped[("contact", contact.id, "is_primary")] = F.encode(False)
    if not stepped:
        return []
    session.flush()
    write_local(connection, site, stepped)
    ids = [record_id for _entity, record_id, _field in stepped]
    record_change(session, ChangeKind.CONTACT, *ids)
    return ids
