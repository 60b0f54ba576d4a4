"""Data-protection requests about one person: export everything stored, or erase it for good.

Erasure (``erase_person``, one function doing all of it in one transaction) removes the contact
row, every past version of it, its search-index tokens and the call results about it, and puts
a placeholder wherever else a text names the person (``data.register.erasure``: the incident
log, attendance notes, call-round notes, survey answers, every other note and their past
versions). ``secure_delete`` zeroes the freed pages and the WAL is checkpointed and truncated,
so the name can no longer be found in the file's bytes. The erasure itself is logged with the
record id only, so that a later restore or import can apply it again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.dialects import dialect_name
from verkosto_desktop.data.errors import NotFound
from verkosto_desktop.data.exchange.erased import remember_erased
from verkosto_desktop.data.exchange.networks import refuse_other_networks
from verkosto_desktop.data.models import (
    Contact,
    Erasure,
)
from verkosto_desktop.data.models.types import device_user, id_begins, utcnow
from verkosto_desktop.data.register import erasure, person_data, search_index
from verkosto_desktop.data.register.erasure import ErasureReport
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.consent import erased_placeholder
from verkosto_desktop.domain.errors import ValidationError
from verkosto_desktop.i18n import _


def export_person(store: Store, contact_id: str) -> dict[str, Any]:
    """Everything stored about one contact person (``person_data.person_data``), marked with
    the format and the time of the export."""
    return {
        "format": person_data.FORMAT,
        "exported_at": person_data.plain(datetime.now().astimezone()),
        **person_data.person_data(store, contact_id),
    }


def export_person_json(store: Store, contact_id: str) -> str:
    """``export_person`` as indented JSON text, ready to hand over."""
    return person_data.as_json(export_person(store, contact_id))


def erase_in_session(session: Session, contact_ids: list[str]) -> ErasureReport:
    """Erase ``contact_ids`` inside an open write session: every step of ``erasure`` (the
    hashes of their numbers and addresses kept first, so that an import never brings them
    back), then the erasure records (ids only, so that a restore or an import can apply it
    again) and the search documents of the actors concerned."""
    person = erasure.identify(session, contact_ids)
    remember_erased(session, contact_ids)
    actor_ids = erasure.remove_register_rows(session, contact_ids)
    report, touched = erasure.scrub_free_text(session, person, erased_placeholder(), utcnow())
    known = set(
        session.scalars(select(Erasure.record_id).where(Erasure.record_id.in_(contact_ids)))
    )
    for record_id in contact_ids:
        if record_id not in known:
            session.add(Erasure(entity="contact", record_id=record_id, erased_by=device_user()))
    session.flush()
    search_index.reindex(session, actor_ids | touched)
    search_index.purge_old_tokens(session)
    record_change(session, ChangeKind.CONTACT, *contact_ids)
    record_change(session, ChangeKind.ACTOR, *(actor_ids | touched))
    if report.log_entry_ids:
        record_change(session, ChangeKind.INCIDENT_LOG_ENTRY, *report.log_entry_ids)
    return report


def erase_person(store: Store, contact_id: str) -> ErasureReport:
    """Erase a contact person permanently (cannot be undone): the person's rows and past
    versions go, and every text that names them gets a placeholder instead (see
    ``data.register.erasure``). The WAL is checkpointed and truncated, and ``secure_delete``
    zeroes freed pages, so the name can no longer be found in the file's bytes."""
    with store.write() as session:
        if session.get(Contact, contact_id) is None:
            raise NotFound(_("The person is not in this file (perhaps already erased)."))
        refuse_other_networks(session, "contact", [contact_id])  # a neighbour's: read-only
        report = erase_in_session(session, [contact_id])
    store.checkpoint()
    return report


def erased_ids(store: Store) -> list[tuple[str, str]]:
    """(entity, record id) of every erasure made in this file, oldest first."""
    with store.read() as session:
        rows = session.execute(select(Erasure.entity, Erasure.record_id).order_by(Erasure.id))
        return [(entity, record_id) for entity, record_id in rows]


def reapply_erasures(store: Store, erasures: list[tuple[str, str]]) -> int:
    """Erase again whatever of ``erasures`` is present (after a restore or an import), and
    record every erasure of the list. Returns how many records were erased again."""
    contact_ids = [record_id for entity, record_id in erasures if entity == "contact"]
    with store.write() as session:
        present = list(session.scalars(select(Contact.id).where(Contact.id.in_(contact_ids))))
        known = set(
            session.scalars(select(Erasure.record_id).where(Erasure.record_id.in_(contact_ids)))
        )
        for record_id in contact_ids:
            if record_id not in known and record_id not in present:
                session.add(Erasure(entity="contact", record_id=record_id, erased_by=device_user()))
        if present:
            erase_in_session(session, present)
    if present:
        store.checkpoint()
    return len(present)


def resolve_contact_id(store: Store, text: str) -> str:
    """The contact person (live or in the trash) whose id is ``text`` or begins with it;
    ``NotFound`` when there is none, ``ValidationError`` when the beginning fits several."""
    prefix = text.strip().lower()
    if not prefix:
        raise NotFound(_("The person is not in this file (perhaps already erased)."))
    with store.read() as session:
        found = list(
            session.scalars(
                select(Contact.id)
                .where(id_begins(Contact.id, prefix, dialect_name(session)))
                .limit(2)
            )
        )
    if not found:
        raise NotFound(_("The person is not in this file (perhaps already erased)."))
    if len(found) > 1 and prefix not in found:
        raise ValidationError(
            "contact_id",
            _("Several people's ids begin with {text}; give more of it.").format(text=prefix),
        )
    return prefix if prefix in found else found[0]
