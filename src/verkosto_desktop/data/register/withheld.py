"""Who a shared document may not name (``domain.consent``): every contact person, live or in the
trash, without recorded consent to their details being shared with authorities."""

from __future__ import annotations

from sqlalchemy import select

from verkosto_desktop.data.models import Contact
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.consent import may_share
from verkosto_desktop.domain.mentions import Mentions


def withheld_people(store: Store) -> Mentions:
    """The names of the people a shared document may not name, each owned by the contact's id
    (so that a sheet can count the people it left out)."""
    with store.read() as session:
        rows = session.execute(
            select(
                Contact.id,
                Contact.name,
                Contact.consent_on,
                Contact.consent_share_with_authorities,
            )
        ).all()
    hidden = [(row.id, row.name) for row in rows if not may_share(row[2], row[3])]
    return Mentions((name for _id, name in hidden), owners=[i for i, _name in hidden])
