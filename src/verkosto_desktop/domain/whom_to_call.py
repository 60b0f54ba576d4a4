"""Whom to call: the one rule every list and sheet follows when it names a person to call.

For a capability, or for an actor as a whole (which has no own contact), the person is:

1. the capability's own contact person, when it has one that is still in the register;
2. else a contact reachable 24/7 (the number that answers at night, in a crisis);
3. else the primary contact;
4. else any contact of the actor.

Ties (two contacts reachable 24/7, or none reachable and no primary one) are broken by
:data:`CALL_ORDER`: reachable 24/7 first, then the primary contact, then the name in Finnish
alphabetical order, then the id, so that the answer never depends on the order in which rows
happen to arrive. The same order lists an actor's contacts on paper (contact list, pocket list,
CSV, vCards, call rounds): the first one listed is the one to call.

``data`` builds the same order in SQL from :data:`CALL_ORDER` (``data.register.whom_to_call``);
a test checks that SQL and :func:`whom_to_call` pick the same person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from verkosto_desktop.domain.collation import sort_key

# (field of a contact, descending): the order in which an actor's contacts are tried. ``name_key``
# is the name's Finnish sort key (``collation.sort_key``), which the register stores beside it.
CALL_ORDER: tuple[tuple[str, bool], ...] = (
    ("reachable_24_7", True),
    ("is_primary", True),
    ("name_key", False),
    ("id", False),
)


class CallCandidate(Protocol):
    """What the rule needs to know of a contact person."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def reachable_24_7(self) -> bool: ...
    @property
    def is_primary(self) -> bool: ...


C = TypeVar("C", bound=CallCandidate)


def call_rank(
    reachable_24_7: bool, is_primary: bool, name: str, contact_id: str
) -> tuple[bool, bool, str, str]:
    """The sort key of :data:`CALL_ORDER` for one contact: the smallest is the one to call."""
    return (not reachable_24_7, not is_primary, sort_key(name), contact_id)


def call_order_key(contact: CallCandidate) -> tuple[bool, bool, str, str]:
    """:func:`call_rank` of a contact value."""
    return call_rank(contact.reachable_24_7, contact.is_primary, contact.name, contact.id)


def in_call_order(contacts: Iterable[C]) -> list[C]:
    """``contacts`` in the order they are tried (:data:`CALL_ORDER`); the first is the one to
    call about the actor."""
    return sorted(contacts, key=call_order_key)


def whom_to_call(contacts: Iterable[C], own_contact_id: str | None = None) -> C | None:
    """The person to call among an actor's live ``contacts``: ``own_contact_id`` (the
    capability's own contact person) when it is one of them, else the first in
    :data:`CALL_ORDER`; None when the actor has no contacts."""
    people = list(contacts)
    if own_contact_id is not None:
        own = next((c for c in people if c.id == own_contact_id), None)
        if own is not None:
            return own
    return min(people, key=call_order_key, default=None)
