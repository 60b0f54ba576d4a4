"""Networks and who may write on the regional register: ``server init`` creates the roles and
rules; a network's writer changes its own network's records only, and is told why when it tries
another's; a reader of the region writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from verkosto_desktop.data.errors import WriteFailed
from verkosto_desktop.data.network import action_plan, activities, call_rounds
from verkosto_desktop.data.register import actors, contacts, privacy
from verkosto_desktop.data.server.access import group_roles
from verkosto_desktop.data.server.address import ServerAddress
from verkosto_desktop.data.server.admin import add_user, init_register
from verkosto_desktop.data.server.schema import check_register
from verkosto_desktop.data.server.store import ServerStore

PASSWORD = "Salasana 'x' %s :p"  # quotes, a placeholder and a colon: sent as a literal


def login(address: ServerAddress, user: str) -> ServerStore:
    return ServerStore.connect(address.with_user(user).with_password(PASSWORD))


@pytest.fixture
def region(pg_address: ServerAddress) -> Iterator[dict[str, ServerStore]]:
    """The register with roles, a writer for networks a and b, and a reader of the region."""
    init_register(pg_address)  # the copied register gets roles named after its own database
    prefix = pg_address.database
    add_user(pg_address, f"{prefix}_anna", PASSWORD, network="a")
    add_user(pg_address, f"{prefix}_bertil", PASSWORD, network="b")
    add_user(pg_address, f"{prefix}_lukija", PASSWORD, network=None)
    stores = {
        "a": login(pg_address, f"{prefix}_anna"),
        "b": login(pg_address, f"{prefix}_bertil"),
        "reader": login(pg_address, f"{prefix}_lukija"),
    }
    yield stores
    for store in stores.values():
        store.close()


def network_of(store: ServerStore, actor_id: str) -> str:
    with store.read() as session:
        return str(
            session.execute(
                text("SELECT network FROM actor WHERE id = :i"), {"i": actor_id}
            ).scalar_one()
        )


def assert_refused_for_b(attempts: dict[str, Callable[[], object]]) -> None:
    """Each attempt is refused as another network's record, the network 'b' named."""
    for what, attempt in attempts.items():
        with pytest.raises(WriteFailed) as refused:
            attempt()
        assert refused.value.reason == "other_network", what
        assert "'b'" in str(refused.value), what


def test_init_creates_the_roles_and_the_rules(pg_address: ServerAddress) -> None:
    init_register(pg_address)
    roles = group_roles(pg_address.database)
    engine = create_engine(pg_address.url)
    try:
        with engine.connect() as connection:
            names = set(connection.execute(text("SELECT rolname FROM pg_roles")).scalars())
        assert {roles.reader, roles.writers} <= names
        assert check_register(pg_address, engine) is None
        with engine.begin() as connection:
            connection.execute(text("DROP TRIGGER verkosto_network_guard ON contact"))
        problem = check_register(pg_address, engine)
        assert problem is not None and "contact" in problem
    finally:
        engine.dispose()
    init_register(pg_address)  # run again: puts the rule back, changes nothing else
    engine = create_engine(pg_address.url)
    try:
        assert check_register(pg_address, engine) is None
        with engine.connect() as connection:  # the planner follows the indexes (SSD costs)
            assert connection.execute(text("SHOW random_page_cost")).scalar() == "1.1"
    finally:
        engine.dispose()


def test_a_writer_writes_its_own_network_only(region: dict[str, ServerStore]) -> None:
    a, b = region["a"], region["b"]
    own = actors.create_actor(a, {"name": "Aution kyläyhdistys", "membership_status": "member"})
    other = actors.create_actor(b, {"name": "Bölen VPK", "membership_status": "member"})
    person = contacts.add_contact(b, other.id, {"name": "Berit Bölen", "mobile": "0401234567"})
    # A writer's new records are its network's, without the data layer knowing networks.
    assert network_of(a, own.id) == "a" and network_of(a, other.id) == "b"

    actors.update_actor(a, own.id, {"area": "Autio"})  # its own: allowed
    contacts.add_contact(a, own.id, {"name": "Aino Autio"})

    refusals: dict[str, Callable[[], object]] = {
        "change": lambda: actors.update_actor(a, other.id, {"name": "Kaapattu"}),
        "delete": lambda: actors.delete_actor(a, other.id),
        "add a contact": lambda: contacts.add_contact(a, other.id, {"name": "Vieras"}),
        "change a contact": lambda: contacts.update_contact(a, person.id, {"name": "Muutettu"}),
        "erase": lambda: privacy.erase_person(a, person.id),
    }
    assert_refused_for_b(refusals)

    # Around the data layer, in SQL: refused all the same.
    for statement in (
        "INSERT INTO actor (id, name, name_key, kind, area, description, basic_activity, "
        "address, website, membership_status, notes, network, created_at, updated_at, "
        "updated_by, revision) VALUES ('x', 'Ujutettu', '', 'association', '', '', '', '', '', "
        "'member', '', 'b', now(), now(), 'a', 1)",
        f"DELETE FROM actor WHERE id = '{other.id}'",
        f"UPDATE actor SET network = 'a' WHERE id = '{other.id}'",
        f"DELETE FROM contact WHERE id = '{person.id}'",
    ):
        with pytest.raises(WriteFailed) as refused, a.write() as session:
            session.execute(text(statement))
        assert refused.value.reason == "other_network", statement

    kept = actors.get_actor(b, other.id)
    assert kept.name == "Bölen VPK" and kept.deleted_at is None
    assert [c.name for c in kept.contacts] == ["Berit Bölen"]
    assert network_of(b, other.id) == "b"
    actors.update_actor(b, other.id, {"area": "Böle"})  # its own writer still may


def network_of_record(store: ServerStore, table: str, record_id: str) -> str:
    with store.read() as session:
        found = session.execute(
            text(f"SELECT network FROM {table} WHERE id = :i"), {"i": record_id}
        )
        return str(found.scalar_one())


def test_a_networks_plans_are_its_own(region: dict[str, ServerStore]) -> None:
    """Meetings, the action plan and call rounds belong to the network that made them."""
    a, b = region["a"], region["b"]
    host = actors.create_actor(b, {"name": "Bölen VPK", "membership_status": "member"})
    contacts.add_contact(b, host.id, {"name": "Berit Bölen", "mobile": "0401234567"})
    meeting = activities.create_activity(
        b,
        {
            "kind": "meeting",
            "title": "Bölen verkostokokous",
            "starts_at": datetime(2026, 12, 10, 17, tzinfo=UTC),
            "attendees": [host.id],
        },
    )
    item = action_plan.create_item(b, {"title": "Kotivarakurssi Bölessä"})
    round_ = call_rounds.start_round(b, "Bölen vuositarkistus", "members")
    call = call_rounds.round_entries(b, round_.id)[0]
    for table, record in (
        ("activity", meeting.id),
        ("action_item", item.id),
        ("call_round", round_.id),
    ):
        assert network_of_record(a, table, record) == "b", table

    refusals: dict[str, Callable[[], object]] = {
        "change a meeting": lambda: activities.update_activity(
            a, meeting.id, {"title": "Kaapattu", "starts_at": meeting.starts_at}
        ),
        "delete a meeting": lambda: activities.delete_activity(a, meeting.id),
        "change the plan": lambda: action_plan.update_item(a, item.id, {"status": "done"}),
        "delete from the plan": lambda: action_plan.delete_item(a, item.id),
        "record a call": lambda: call_rounds.record_result(a, call.id, "no_answer"),
        "finish a round": lambda: call_rounds.finish_round(a, round_.id),
    }
    assert_refused_for_b(refusals)
    with pytest.raises(WriteFailed) as refused, a.write() as session:
        session.execute(text(f"DELETE FROM activity_attendance WHERE activity_id = '{meeting.id}'"))
    assert refused.value.reason == "other_network"

    assert activities.get_activity(b, meeting.id).title == "Bölen verkostokokous"
    assert action_plan.get_item(b, item.id).status == item.status
    assert call_rounds.get_entry(b, call.id).result == "pending"
    action_plan.update_item(b, item.id, {"status": "done"})  # its own writer still may
    mine = action_plan.create_item(a, {"title": "Aution kotivarakurssi"})
    assert network_of_record(a, "action_item", mine.id) == "a"


def test_a_reader_reads_every_network_and_writes_none(region: dict[str, ServerStore]) -> None:
    made = actors.create_actor(region["a"], {"name": "Aution kylä", "membership_status": "member"})
    reader = region["reader"]
    assert actors.get_actor(reader, made.id).name == "Aution kylä"
    with pytest.raises(WriteFailed) as refused:
        actors.create_actor(reader, {"name": "Lukijan yhdistys", "membership_status": "member"})
    assert refused.value.reason == "read_only"
    with pytest.raises(WriteFailed) as refused:
        actors.update_actor(reader, made.id, {"name": "Muutettu"})
    assert refused.value.reason == "read_only"
    assert actors.get_actor(region["a"], made.id).name == "Aution kylä"


def test_only_the_triggers_write_the_capability_summary(region: dict[str, ServerStore]) -> None:
    """The server's per-actor capability summary follows a writer's edits (its triggers run as
    the register's owner) but no writer changes it by hand, not even its own network's rows."""
    from verkosto_desktop.data.register import capabilities

    a, b = region["a"], region["b"]
    theirs = actors.create_actor(b, {"name": "Bölen VPK"})
    capabilities.add_capability(b, theirs.id, {"category_key": "transport", "phases": ["response"]})
    ours = actors.create_actor(a, {"name": "Aution kyläyhdistys"})
    capabilities.add_capability(a, ours.id, {"category_key": "catering", "phases": ["recovery"]})

    def summary(actor_id: str) -> tuple[object, ...]:
        with a.read() as session:
            row = session.execute(
                text("SELECT categories, phases FROM capability_summary WHERE actor_id = :i"),
                {"i": actor_id},
            ).one()
            return tuple(row)

    assert summary(ours.id) == (["catering"], ["recovery"])  # kept while a writer writes
    assert summary(theirs.id) == (["transport"], ["response"])
    for statement in (
        f"DELETE FROM capability_summary WHERE actor_id = '{theirs.id}'",
        f"UPDATE capability_summary SET categories = '{{}}' WHERE actor_id = '{theirs.id}'",
        f"UPDATE capability_summary SET categories = '{{}}' WHERE actor_id = '{ours.id}'",
        "INSERT INTO capability_summary VALUES ('x', '{}', '{}', '{}')",
    ):
        with pytest.raises(WriteFailed), a.write() as session:
            session.execute(text(statement))
    assert summary(theirs.id) == (["transport"], ["response"])
    assert summary(ours.id) == (["catering"], ["recovery"])
