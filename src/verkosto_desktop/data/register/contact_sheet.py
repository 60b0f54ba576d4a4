"""What the printed contact list, the pocket call list, the CSV and the vCards hold: live actors
with every live contact person and channel, read in chunks so that 10,000 actors stream out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from verkosto_desktop.data.details import from_model
from verkosto_desktop.data.models import Actor, Contact
from verkosto_desktop.data.register.search import ActorFilter, search_actor_ids
from verkosto_desktop.data.register.whom_to_call import CHANNEL_COLUMNS, call_order
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.channels import ContactChannels
from verkosto_desktop.domain.consent import has_consent

CHUNK = 500  # ids per query: well under SQLite's parameter limit, few round trips
GROUPINGS = ("none", "kind", "area")

# The columns of ``SheetContact``: who the person is, every channel, then the consent.
SHEET_CONTACT_COLUMNS = (
    Contact.id,
    Contact.name,
    Contact.role,
    Contact.is_primary,
    Contact.last_verified_on,
    *CHANNEL_COLUMNS,
    Contact.consent_on,
    Contact.consent_share_with_authorities.label("share_with_authorities"),
)


@dataclass(frozen=True, kw_only=True)
class SheetContact(ContactChannels):
    """One contact person as printed, with every channel that may still work in an outage."""

    id: str
    name: str
    role: str
    is_primary: bool
    last_verified_on: date | None
    consent_on: date | None = None
    share_with_authorities: bool = False

    @property
    def has_consent(self) -> bool:
        """Consent to be in the register is recorded (internal documents mark those without)."""
        return has_consent(self.consent_on)


@dataclass(frozen=True)
class SheetActor:
    """One actor as printed, with its contacts in call order (``domain.whom_to_call``): the
    first one listed is the one to call."""

    id: str
    name: str
    kind: str
    area: str
    membership_status: str
    phone: str | None
    email: str | None
    address: str
    last_verified_on: date | None
    contacts: tuple[SheetContact, ...]


def sheet_actor_ids(store: Store, flt: ActorFilter, group_by: str = "none") -> list[str]:
    """Ids of the actors matching ``flt``, in the order they are printed.

    ``group_by`` ``"kind"`` or ``"area"`` sorts by that first (then by name), so that a printed
    list can start a new group whenever the value changes; ``"none"`` keeps ``flt``'s own order
    (what the register shows).
    """
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    if group_by != "none":
        flt = replace(flt, sort=group_by, descending=False)
    return search_actor_ids(store, flt)


def _chunk_actors(store: Store, ids: Sequence[str]) -> list[SheetActor]:
    with store.read() as session:
        # Core execution: plain column reads, the ORM's identity map would only cost time.
        connection = session.connection()
        actors = {
            row.id: row
            for row in connection.execute(
                select(
                    Actor.id,
                    Actor.name,
                    Actor.kind,
                    Actor.area,
                    Actor.membership_status,
                    Actor.phone,
                    Actor.email,
                    Actor.address,
                    Actor.last_verified_on,
                ).where(Actor.id.in_(list(ids)), Actor.deleted_at.is_(None))
            )
        }
        contacts: dict[str, list[SheetContact]] = defaultdict(list)
        for contact in connection.execute(
            select(Contact.actor_id, *SHEET_CONTACT_COLUMNS)
            .where(Contact.actor_id.in_(list(ids)), Contact.deleted_at.is_(None))
            .order_by(Contact.actor_id, *call_order())
        ):
            contacts[contact.actor_id].append(from_model(SheetContact, contact))
    result: list[SheetActor] = []
    for actor_id in ids:
        row = actors.get(actor_id)
        if row is None:  # deleted since the ids were read
            continue
        result.append(
            SheetActor(
                id=row.id,
                name=row.name,
                kind=row.kind,
                area=row.area,
                membership_status=row.membership_status,
                phone=row.phone,
                email=row.email,
                address=row.address,
                last_verified_on=row.last_verified_on,
                contacts=tuple(contacts.get(actor_id, ())),
            )
        )
    return result


def iter_sheet_actors(
    store: Store,
    ids: Sequence[str],
    progress: Callable[[int, int], None] | None = None,
    chunk: int = CHUNK,
) -> Iterator[SheetActor]:
    """The actors ``ids`` in that order, read ``chunk`` at a time (each in its own short read).

    ``progress(done, total)`` is called before each chunk is read; it may raise to stop.
    """
    total = len(ids)
    for start in range(0, total, chunk):
        if progress is not None:
            progress(start, total)
        yield from _chunk_actors(store, ids[start : start + chunk])
    if progress is not None:
        progress(total, total)


def sheet_actors(store: Store, ids: Sequence[str]) -> list[SheetActor]:
    """The actors ``ids`` with their contacts, in that order (deleted ones left out)."""
    return list(iter_sheet_actors(store, ids))
