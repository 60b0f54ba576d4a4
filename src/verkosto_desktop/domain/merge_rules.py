"""Which value of a field wins when several laptops changed it, and when that is a conflict.

Every change carries its hybrid-clock stamp, the site that made it and what that site had seen
of every other site (a knowledge vector: site → the highest stamp of which it had everything).
Change A *saw* change B when A's site knew B when making A. The current changes of a field (its
*heads*) are those no other change saw; when there is more than one with different values,
they were made concurrently and the field is in conflict. The winner is always the head with
the greatest (stamp, site), so every laptop that holds the same changes shows the same value,
whatever order the changes arrived in.

A snapshot change (field ``*``, a whole record as it was when first shared) is the base every
field change was made on: any field change saw it. Deletion is the field ``deleted_at``; an edit
made while another laptop deleted the record (neither knowing of the other) is a conflict of its
own kind, never a silent resurrection.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SNAPSHOT = "*"
DELETED = "deleted_at"


@dataclass(frozen=True)
class Op:
    """One change of one field (or a snapshot of a whole record when ``field`` is ``*``)."""

    field: str
    value: Any
    hlc: int
    site: str
    # What the site had seen when it made the change; None for snapshots.
    seen: Mapping[str, int] | None = None
    # Anything the caller wants back with the winner (a row id, a bundle).
    tag: Any = dataclasses.field(default=None, compare=False)

    @property
    def order(self) -> tuple[int, str]:
        """The key that picks a winner among concurrent changes: the later stamp, then site."""
        return (self.hlc, self.site)


def saw(a: Op, b: Op) -> bool:
    """True when ``a`` was made by a site that already had ``b``."""
    if a.seen is None:
        return False
    if b.seen is None:
        return True  # every field change was made on a record its site had
    if a.site == b.site:
        return a.hlc > b.hlc
    return a.seen.get(b.site, -1) >= b.hlc


def heads(ops: Sequence[Op]) -> list[Op]:
    """The changes of one field that no other change of it saw."""
    return [op for op in ops if not any(other is not op and saw(other, op) for other in ops)]


def equivalent(name: str, a: Any, b: Any) -> bool:
    """True when two values of field ``name`` mean the same (two deletion times both delete)."""
    if name == DELETED:
        return (a is None) == (b is None)
    return bool(a == b)


@dataclass(frozen=True)
class FieldState:
    """The winning change of a field and the concurrent changes that lost with another value."""

    winner: Op
    losers: tuple[Op, ...]


def field_state(name: str, ops: Sequence[Op]) -> FieldState:
    """The winner of a field's changes (all of one field; snapshots carry their value for it)
    and the conflicting heads."""
    current = heads(ops)
    winner = max(current, key=lambda op: op.order)
    losers = tuple(
        sorted(
            (
                op
                for op in current
                if op is not winner and not equivalent(name, op.value, winner.value)
            ),
            key=lambda op: op.order,
        )
    )
    return FieldState(winner, losers)


def concurrent(a: Op, b: Op) -> bool:
    """Neither change knew of the other."""
    return not saw(a, b) and not saw(b, a)


def deletion_conflict(deletion: FieldState, edits: Iterable[Op]) -> Op | None:
    """The latest edit made without knowing of the winning deletion (nor known to it), or None.

    ``deletion`` is the state of the ``deleted_at`` field; only a deletion by a field change can
    conflict (a record shared already deleted was deleted before anyone else had it)."""
    winner = deletion.winner
    if winner.value is None or winner.seen is None:
        return None
    clashing = [op for op in edits if op.seen is not None and concurrent(op, winner)]
    return max(clashing, key=lambda op: op.order) if clashing else None
