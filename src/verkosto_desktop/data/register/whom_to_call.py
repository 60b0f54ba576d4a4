"""The rule of ``domain.whom_to_call`` in SQL, for the queries that pick or sort by the person to
call inside the database (who can help, the register's contact and phone columns, printed lists).

Every clause is built from ``domain.whom_to_call.CALL_ORDER``, so that the database and Python
cannot drift apart; ``tests/unit/register/test_whom_to_call_sql.py`` checks they agree."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, func, select
from sqlalchemy.orm import aliased

from verkosto_desktop.data.models import Contact
from verkosto_desktop.domain.channels import ContactChannels
from verkosto_desktop.domain.whom_to_call import CALL_ORDER

# The columns of ``domain.channels.ContactChannels``, read into every row that shows a contact.
CHANNEL_COLUMNS = tuple(getattr(Contact, field.name) for field in fields(ContactChannels))
# The columns of :class:`CallPerson`.
PERSON_COLUMNS = (Contact.id, Contact.name, Contact.role, Contact.is_primary, *CHANNEL_COLUMNS)


@dataclass(frozen=True, kw_only=True)
class CallPerson(ContactChannels):
    """A contact person as far as whom to call and their number go."""

    id: str
    name: str
    role: str
    is_primary: bool


# The same order as text, for the register's raw page reads (``search.rows_for``).


def call_order(contact: Any = Contact) -> list[ColumnElement[Any]]:
    """ORDER BY clauses putting ``contact`` rows (the model or an alias of it) in call order."""
    return [
        getattr(contact, name).desc() if desc else getattr(contact, name).asc()
        for name, desc in CALL_ORDER
    ]


def contact_to_call(
    actor_id: SQLColumnExpression[Any], own_contact_id: SQLColumnExpression[Any] | None = None
) -> ColumnElement[Any]:
    """The id of the person to call about ``actor_id`` (a correlated column): the capability's
    own live contact person ``own_contact_id`` of that actor if given and set, else the actor's
    first live contact in call order; NULL when the actor has no contacts."""
    best = aliased(Contact)
    first = (
        select(best.id)
        .where(best.actor_id == actor_id, best.deleted_at.is_(None))
        .order_by(*call_order(best))
        .limit(1)
        .scalar_subquery()
    )
    if own_contact_id is None:
        return first
    own = aliased(Contact)
    chosen = (
        select(own.id)
        .where(own.id == own_contact_id, own.actor_id == actor_id, own.deleted_at.is_(None))
        .scalar_subquery()
    )
    return func.coalesce(chosen, first)
