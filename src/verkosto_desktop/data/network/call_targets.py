"""Whom a call round calls: the contacts of a selection (all members, those reachable 24/7,
those not verified within the network's review period, those relevant to a situation type), in
calling order, with every channel that may still work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from verkosto_desktop.data.details import from_model
from verkosto_desktop.data.models import (
    Actor,
    Contact,
    NetworkInfo,
    SituationType,
)
from verkosto_desktop.data.models.types import AnySelect
from verkosto_desktop.data.register.actors import today
from verkosto_desktop.data.register.search import offers_capability
from verkosto_desktop.data.register.whom_to_call import CHANNEL_COLUMNS
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.call_rounds import CallSelection
from verkosto_desktop.domain.channels import ContactChannels
from verkosto_desktop.domain.dates import months_before
from verkosto_desktop.domain.enums import MembershipStatus
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.domain.whom_to_call import call_rank
from verkosto_desktop.i18n import _


@dataclass(frozen=True, kw_only=True)
class CallTarget(ContactChannels):
    """A contact to call, with every channel that may still work."""

    contact_id: str
    actor_id: str
    actor_name: str
    contact_name: str
    role: str
    is_primary: bool
    last_verified_on: date | None
    consent_on: date | None = None

    @property
    def has_consent(self) -> bool:
        """Consent to be in the register is recorded (the call sheet marks those without)."""
        return self.consent_on is not None


# The columns of ``CallTarget``, named as its fields (a query may add more after them).
TARGET_COLUMNS = (
    Contact.id.label("contact_id"),
    Contact.actor_id,
    Actor.name.label("actor_name"),
    Contact.name.label("contact_name"),
    Contact.role,
    Contact.is_primary,
    Contact.last_verified_on,
    *CHANNEL_COLUMNS,
    Contact.consent_on,
)


def target_from_row(row: Row[*tuple[Any, ...]]) -> CallTarget:
    return from_model(CallTarget, row)


def _selection_query(
    session: Session, selection: str, situation_key: str | None, on: date
) -> AnySelect:
    query = (
        select(*TARGET_COLUMNS, Actor.name_key, Contact.name_key)
        .join(Actor, Actor.id == Contact.actor_id)
        .where(Contact.deleted_at.is_(None), Actor.deleted_at.is_(None))
    )
    if selection == CallSelection.MEMBERS:
        return query.where(Actor.membership_status == MembershipStatus.MEMBER.value)
    if selection == CallSelection.REACHABLE_24_7:
        return query.where(Contact.reachable_24_7.is_(True))
    if selection == CallSelection.STALE:
        months = stale_months(session)
        cutoff = months_before(on, months)
        return query.where(
            (Contact.last_verified_on.is_(None)) | (Contact.last_verified_on < cutoff)
        )
    if selection == CallSelection.SITUATION:
        if not situation_key or session.get(SituationType, situation_key) is None:
            raise ValidationError("situation_key", _("Choose a situation type"))
        return query.where(offers_capability(situation=situation_key))
    raise ValidationError("selection", _("Choose whom to call"))


def stale_months(session: Session) -> int:
    """How many months make a contact "not verified recently" (the network's setting)."""
    months = session.scalar(select(NetworkInfo.stale_after_months).limit(1))
    return int(months or 12)


def select_targets(
    store: Store,
    selection: str,
    situation_key: str | None = None,
    *,
    urgent: bool = False,
    on: date | None = None,
) -> list[CallTarget]:
    """The contacts a round over ``selection`` would call, in calling order.

    Calling order is by actor (Finnish order), and within an actor the order of
    ``domain.whom_to_call`` (reachable 24/7, then the primary contact, then by name); for an
    ``urgent`` round (at an incident's start) contacts reachable 24/7 come before all others.
    """
    with store.read() as session:
        query = _selection_query(session, selection, situation_key, on or today())
        rows = session.connection().execute(query).all()
    n = len(TARGET_COLUMNS)
    targets = {row[0]: target_from_row(row) for row in rows}

    def order(row: Sequence[object]) -> tuple[object, ...]:
        target = targets[row[0]]
        urgent_first = not (urgent and target.reachable_24_7)
        # By actor (its Finnish sort key, then id), and within it whom to call first.
        rank = call_rank(
            target.reachable_24_7, target.is_primary, target.contact_name, target.contact_id
        )
        return (urgent_first, row[n], target.actor_id, rank)

    return [targets[row[0]] for row in sorted(rows, key=order)]
