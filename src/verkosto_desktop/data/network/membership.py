"""Growing the network: membership status per actor with dates, candidates to invite next, and
who invited whom. A status change goes through ``actors.update_actor``, which writes the dated
``MembershipChange`` (one way of doing it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from verkosto_desktop.data.details import ActorDetail
from verkosto_desktop.data.models import Actor, MembershipChange
from verkosto_desktop.data.register import actors
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.collation import sort_key
from verkosto_desktop.domain.enums import MembershipStatus
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.writes import ActorFields
from verkosto_desktop.i18n import _


@dataclass(frozen=True)
class MemberRow:
    """An actor's place in the network."""

    actor_id: str
    name: str
    kind: str
    status: str
    changed_on: date | None
    invited_by_id: str | None
    invited_by_name: str


@dataclass(frozen=True)
class MembershipEvent:
    """One dated change of an actor's status."""

    status: str
    changed_on: date
    invited_by_name: str
    note: str


def _rows(
    store: Store, status: str | None, order_by_waiting: bool = False, invited_only: bool = False
) -> list[MemberRow]:
    inviter = aliased(Actor)
    query = (
        select(
            Actor.id,
            Actor.name,
            Actor.kind,
            Actor.membership_status,
            Actor.membership_changed_on,
            Actor.invited_by_id,
            inviter.name,
        )
        .outerjoin(inviter, inviter.id == Actor.invited_by_id)
        .where(Actor.deleted_at.is_(None))
    )
    if status:
        query = query.where(Actor.membership_status == status)
    if invited_only:
        query = query.where(Actor.invited_by_id.is_not(None))
    if order_by_waiting:
        # Those who have waited longest come first; undated ones last.
        query = query.order_by(
            Actor.membership_changed_on.is_(None), Actor.membership_changed_on, Actor.name_key
        )
    else:
        query = query.order_by(Actor.name_key, Actor.id)
    with store.read() as session:
        return [
            MemberRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "")
            for row in session.connection().execute(query)
        ]


def membership_rows(store: Store, status: str | None = None) -> list[MemberRow]:
    """Every live actor (or those of one status) with its status, date and inviter."""
    return _rows(store, status)


def candidates_to_invite(store: Store) -> list[MemberRow]:
    """Candidates not yet invited, those waiting longest first."""
    return _rows(store, MembershipStatus.CANDIDATE.value, order_by_waiting=True)


def status_counts(store: Store) -> dict[str, int]:
    """How many live actors have each status (every status present, zero if none)."""
    counts = {status.value: 0 for status in MembershipStatus}
    with store.read() as session:
        for status, count in session.execute(
            select(Actor.membership_status, func.count())
            .where(Actor.deleted_at.is_(None))
            .group_by(Actor.membership_status)
        ):
            counts[status] = count
    return counts


def set_membership(
    store: Store,
    actor_id: str,
    status: str,
    on: date | None = None,
    invited_by_id: str | None = None,
) -> ActorDetail:
    """Change an actor's status (dated ``on``, today by default) and, if given, its inviter.

    Raises ``ValidationError`` for an unknown status or an actor inviting itself.
    """
    if invited_by_id and invited_by_id == actor_id:
        raise ValidationError("invited_by_id", _("An actor cannot invite itself"))
    fields: ActorFields = {"membership_status": status}
    if on is not None:
        fields["membership_changed_on"] = on
    if invited_by_id is not None:
        fields["invited_by_id"] = invited_by_id
    return actors.update_actor(store, actor_id, fields)


def add_candidate(
    store: Store, name: str, kind: str = "association", proposed_by_id: str | None = None
) -> ActorDetail:
    """Add a new actor as a candidate for the network (e.g. one suggested in the survey); the
    actor that proposed it is recorded as the one to invite it."""
    return actors.create_actor(
        store,
        {
            "name": name,
            "kind": kind,
            "membership_status": MembershipStatus.CANDIDATE.value,
            "invited_by_id": proposed_by_id,
        },
    )


def membership_history(store: Store, actor_id: str) -> list[MembershipEvent]:
    """The actor's status changes, newest first."""
    inviter = aliased(Actor)
    with store.read() as session:
        rows = session.execute(
            select(
                MembershipChange.status,
                MembershipChange.changed_on,
                inviter.name,
                MembershipChange.note,
            )
            .outerjoin(inviter, inviter.id == MembershipChange.invited_by_id)
            .where(MembershipChange.actor_id == actor_id, MembershipChange.deleted_at.is_(None))
            .order_by(MembershipChange.changed_on.desc(), MembershipChange.created_at.desc())
        )
        return [MembershipEvent(s, on, name or "", note) for s, on, name, note in rows]


def invitations(store: Store) -> list[MemberRow]:
    """Who invited whom: every live actor with an inviter, grouped by inviter (Finnish order)."""
    rows = _rows(store, None, invited_only=True)
    rows.sort(key=lambda r: (sort_key(r.invited_by_name), sort_key(r.name)))
    return rows
