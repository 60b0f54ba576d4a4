"""The hashes of erased people's phone numbers and e-mail addresses (``domain.erased``): written
when a person is erased, looked up by every import so that the person is never brought back."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import Contact, ErasedIdentifier, History
from verkosto_desktop.data.models.types import utcnow
from verkosto_desktop.domain.erased import identifier_hashes

_CHUNK = 500


def remember_erased(session: Session, contact_ids: Iterable[str]) -> None:
    """Keep the identifier hashes of these contacts, their past versions' too (called just
    before they are erased)."""
    ids = list(contact_ids)
    hashes: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = session.execute(
            select(Contact.mobile, Contact.landline, Contact.email).where(Contact.id.in_(chunk))
        )
        for mobile, landline, email in rows:
            hashes |= identifier_hashes([mobile, landline], [email])
        past = session.scalars(
            select(History.data).where(History.entity == "contact", History.record_id.in_(chunk))
        )
        for data in past:
            hashes |= identifier_hashes(
                [data.get("mobile"), data.get("landline")], [data.get("email")]
            )
    new = sorted(hashes - known_hashes(session, hashes))
    session.add_all(ErasedIdentifier(hash=digest, erased_at=utcnow()) for digest in new)


def known_hashes(session: Session, hashes: Iterable[str]) -> set[str]:
    """Those of ``hashes`` that belong to an erased person."""
    wanted = list(hashes)
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        found.update(
            session.scalars(
                select(ErasedIdentifier.hash).where(
                    ErasedIdentifier.hash.in_(wanted[start : start + _CHUNK])
                )
            )
        )
    return found
