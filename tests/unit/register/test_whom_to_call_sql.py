"""The database picks the same person to call as ``domain.whom_to_call`` (the SQL is built from
the same order), for any mix of 24/7, primary, names and deleted contacts, with and without the
capability's own contact."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from verkosto_desktop.data.models import Actor, Capability
from verkosto_desktop.data.register import actors, capabilities, contacts
from verkosto_desktop.data.register.whom_to_call import contact_to_call
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.whom_to_call import whom_to_call

# Finnish order differs from code points here: Å Ä Ö after Z, É as E, case ignored.
NAMES = ["Aino", "aino", "Ärjä", "Zacharias", "Åke", "Öhman", "Ville", "Éva", "Eva"]

people = st.lists(
    st.tuples(st.sampled_from(NAMES), st.booleans(), st.booleans(), st.booleans()),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=people, own=st.integers(min_value=-1, max_value=4))
def test_sql_and_python_pick_the_same_person(
    store: Store, people: list[tuple[str, bool, bool, bool]], own: int
) -> None:
    actor = actors.create_actor(store, {"name": "Toimija"})
    made = [
        contacts.add_contact(
            store, actor.id, {"name": name, "reachable_24_7": always, "is_primary": primary}
        )
        for name, always, primary, _deleted in people
    ]
    own_id = made[own].id if 0 <= own < len(made) else None
    capability = capabilities.add_capability(
        store, actor.id, {"category_key": "catering", "contact_id": own_id}
    )
    for contact, (*_fields, deleted) in zip(made, people, strict=True):
        if deleted:
            contacts.delete_contact(store, contact.id)
    with store.read() as session:
        stored_own = session.scalar(
            select(Capability.contact_id).where(Capability.id == capability.id)
        )
        by_sql = session.scalar(
            select(contact_to_call(Capability.actor_id, Capability.contact_id)).where(
                Capability.id == capability.id
            )
        )
        by_sql_for_actor = session.scalar(
            select(contact_to_call(Actor.id)).where(Actor.id == actor.id)
        )
    # What was stored (a new primary contact steps the earlier one down), live contacts only.
    live = actors.get_actor(store, actor.id).contacts
    expected = whom_to_call(live, stored_own)
    assert by_sql == (expected.id if expected else None)
    plain = whom_to_call(live)
    assert by_sql_for_actor == (plain.id if plain else None)
