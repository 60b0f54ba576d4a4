"""A capability's link rows carry its compact link key (migration 0015), yet what travels names
the capability by its id and its phases and situation types by key, as before."""

from __future__ import annotations

from sqlalchemy import select

from verkosto_desktop.data.exchange import fields as F
from verkosto_desktop.data.exchange.changes import snapshot_values
from verkosto_desktop.data.models import Capability, ChangeRecord, History
from verkosto_desktop.data.models.types import link_key
from verkosto_desktop.data.register import actors, capabilities
from verkosto_desktop.data.storage.store import Store


def test_what_travels_of_a_capability_names_its_links_by_key_and_not_its_link_key(
    store: Store,
) -> None:
    actor = actors.create_actor(store, {"name": "Kylätalo ry"})
    made = capabilities.add_capability(
        store,
        actor.id,
        {
            "category_key": "power_supply",
            "phases": ["response"],
            "situations": ["storm", "power_outage"],
        },
    )
    capabilities.update_capability(
        store, made.id, {"phases": ["recovery", "response"], "situations": ["storm"]}
    )
    spec = F.BY_NAME["capability"]
    assert "link_key" not in spec.fields
    with store.read() as session:
        row = session.get(Capability, made.id)
        assert row is not None and row.link_key == link_key(made.id)
        value = snapshot_values(session.connection(), spec, [made.id])[made.id]
        logged = sorted(
            (c.field, c.value)
            for c in session.scalars(select(ChangeRecord).where(ChangeRecord.record_id == made.id))
        )
        versions = list(session.scalars(select(History.data).where(History.record_id == made.id)))
    assert "link_key" not in value
    assert value["phases"] == {"recovery": True, "response": True}
    assert value["situations"] == {"storm": True}
    assert logged == [
        ("phases:recovery", True),
        ("situations:power_outage", False),
    ]
    assert versions and all("link_key" not in version for version in versions)
    assert versions[0]["phases"] == ["response"]
