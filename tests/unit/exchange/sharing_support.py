"""Comparing files' content and passing change sets between them (tests of sharing)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.exchange.changeset import ChangeSet, collect
from verkosto_desktop.data.exchange.merge import MergeSummary, merge
from verkosto_desktop.data.exchange.site import this_site
from verkosto_desktop.data.models import Erasure
from verkosto_desktop.data.storage.store import Store


def content(store: Store) -> dict[str, Any]:
    """Every shared record's fields and link elements, and the erasures: what must be equal on
    every laptop once all have everything (bookkeeping left out)."""
    found: dict[str, Any] = {}
    with store.read() as session:
        connection = session.connection()
        for spec in F.ENTITIES:
            rows = connection.execute(select(spec.table)).mappings().all()
            records = {}
            for row in rows:
                rid = str(row[spec.key])
                records[rid] = {name: F.encode(row[name]) for name in spec.fields}
                if spec.has_name_key():
                    records[rid]["name_key"] = row["name_key"]
            for link in spec.links:
                for query in link.rows_of(spec.table, None):
                    for row in connection.execute(query).mappings():
                        owner = str(row["owner_id"])
                        records[owner].setdefault(link.name, {})[link.element_key(row)] = (
                            link.element_value(row)
                        )
            found[spec.name] = records
        found["erasure"] = sorted((e.entity, e.record_id) for e in session.scalars(select(Erasure)))
    return found


def send(sender: Store, receiver: Store, *, full: bool = False) -> MergeSummary:
    """Collect what ``receiver`` lacks (as ``sender`` knows it) and merge it there."""
    change_set = collect(sender, peer=this_site(receiver).uuid, full=full)
    return merge(receiver, roundtrip(change_set))


def roundtrip(change_set: ChangeSet) -> ChangeSet:
    """The change set as it comes out of a bundle (through JSON)."""
    import json

    return ChangeSet.from_data(json.loads(json.dumps(change_set.to_data())))
